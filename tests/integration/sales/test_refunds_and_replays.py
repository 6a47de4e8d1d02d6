from decimal import Decimal

import pytest

from core.errors import Conflict, InvalidInput, NotFound
from copilot.sales import settle_orders
from tests.integration.sales import brand
from tests.integration.sales.brand import NOW, TZ, counts, ledger, refund

TWO_LINES = (("CREAM", 2, "298.00"), ("TEE", 1, "129.00"))  # 725.00, 3% = 21.75


def place(uow_factory, **kwargs):
    """Orders served by G1: full-rate commission, 3% of the amount."""
    return brand.place(uow_factory, guide="G1", **kwargs)


def _commissions(engine):
    return [(kind, base, commission) for _, _, kind, base, commission, *_ in ledger(engine)]


def test_a_partial_refund_by_lines_reverses_a_proportional_share_of_the_commission(engine, ids, uow_factory):
    place(uow_factory, lines=TWO_LINES)
    body = refund(uow_factory, "O1", {"refund_id": "R1", "lines": [{"sku": "CREAM", "quantity": 1}]}).body
    assert _commissions(engine)[1] == ("refund", Decimal("-298.00"), Decimal("-8.94"))
    assert body == {"refund_id": "R1", "order_id": "O1", "amount": "298.00", "commission": "-8.94",
                    "ledger_month": "2026-10"}


def test_refunding_everything_in_parts_nets_the_commission_to_exactly_zero(engine, ids, uow_factory):
    place(uow_factory, lines=(("COFFEE", 3, "33.33"),))  # 99.99, 3% = 3.00
    for number in range(3):
        refund(uow_factory, "O1", {"refund_id": f"R{number}", "amount": "33.33"})
    entries = _commissions(engine)
    assert sum(c for _, _, c in entries) == 0 and sum(b for _, b, _ in entries) == 0
    assert len(entries) == 4


def test_a_full_refund_by_amount_marks_the_order_refunded_and_refuses_more(engine, ids, uow_factory):
    place(uow_factory)
    refund(uow_factory, "O1", {"refund_id": "R1", "amount": "596"})
    assert _commissions(engine)[1] == ("refund", Decimal("-596.00"), Decimal("-17.88"))
    with pytest.raises(Conflict, match="exceeds the 0"):
        refund(uow_factory, "O1", {"refund_id": "R2", "amount": "1"})
    assert counts(engine)["refunds"] == 1


def test_returning_more_items_than_were_bought_is_refused_and_nothing_is_stored(engine, ids, uow_factory):
    place(uow_factory, lines=TWO_LINES)
    refund(uow_factory, "O1", {"refund_id": "R1", "lines": [{"sku": "TEE", "quantity": 1}]})
    with pytest.raises(Conflict, match="2 x TEE returned but only 1 bought"):
        refund(uow_factory, "O1", {"refund_id": "R2", "lines": [{"sku": "TEE", "quantity": 1}]})
    assert counts(engine) == {"orders": 1, "commission_ledger": 2, "refunds": 1}


def test_a_refund_names_what_is_wrong_with_it(engine, ids, uow_factory):
    place(uow_factory)
    with pytest.raises(NotFound, match="'O9'"):
        refund(uow_factory, "O9", {"refund_id": "R1", "amount": "1"})
    with pytest.raises(InvalidInput, match="'TEE' is not on order O1"):
        refund(uow_factory, "O1", {"refund_id": "R1", "lines": [{"sku": "TEE", "quantity": 1}]})


def test_reusing_a_refund_id_for_a_different_refund_is_a_conflict(engine, ids, uow_factory):
    place(uow_factory)
    refund(uow_factory, "O1", {"refund_id": "R1", "amount": "10"})
    with pytest.raises(Conflict, match="R1 was already received"):
        refund(uow_factory, "O1", {"refund_id": "R1", "amount": "11"})


def test_replaying_orders_refunds_and_settlement_any_number_of_times_leaves_the_ledger_unchanged(
        engine, ids, uow_factory, notifier):
    first = place(uow_factory, lines=TWO_LINES, notifier=notifier)
    first_refund = refund(uow_factory, "O1", {"refund_id": "R1", "lines": [{"sku": "TEE", "quantity": 1}]})
    before, stored = ledger(engine), counts(engine)
    for _ in range(3):
        again = place(uow_factory, lines=TWO_LINES, notifier=notifier)
        assert again.replay and again.body == first.body
        again = refund(uow_factory, "O1", {"refund_id": "R1", "lines": [{"sku": "TEE", "quantity": 1}]})
        assert again.replay and again.body == first_refund.body
        with uow_factory() as uow:
            settle_orders(uow, [uow.orders.get_by_external("O1").id], NOW, timezone=TZ)
            uow.commit()
    assert ledger(engine) == before and counts(engine) == stored
    assert len(notifier.sent) == 1

