"""A credited order whose amount a corrected re-import changes gets an adjusting ledger entry."""
import csv
from datetime import timedelta
from decimal import Decimal

from copilot.importing import Importer
from tests.integration.sales.brand import NOW, TZ, FixedClock, add_rule, ledger, refund

CREAM, TEE = ("CREAM", 2, "298.00"), ("TEE", 1, "129.00")  # skincare 5%: 29.80; brand 3%: 3.87


def _import(uow_factory, path, lines, status="paid"):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["order_id", "customer_id", "ordered_at", "sku", "quantity", "unit_price", "store_id",
                         "guide_id", "status"])
        writer.writerows(["O1", "C2", (NOW - timedelta(hours=1)).isoformat(), sku, qty, price, "S1", "G1", status]
                         for sku, qty, price in lines)
    report = Importer(uow_factory, timezone=TZ, clock=FixedClock()).run("orders", path)
    assert report.committed, report.problems
    return report


def _entries(engine):
    return [(key, kind, base, commission) for key, _, kind, base, commission, *_ in ledger(engine)]


def test_a_settled_order_whose_lines_change_on_re_import_gets_an_adjusting_entry_once(
        engine, ids, uow_factory, tmp_path):
    add_rule(engine, "category", "skincare", "percent", rate="0.05")
    assert _import(uow_factory, tmp_path / "orders.csv", [CREAM, TEE]).settled == 1
    report = _import(uow_factory, tmp_path / "orders.csv", [CREAM])
    assert (report.deleted, report.settled, report.adjusted) == (1, 0, 1)
    assert _import(uow_factory, tmp_path / "orders.csv", [CREAM]).adjusted == 0
    assert _entries(engine) == [
        ("sale:O1", "sale", Decimal("725.00"), Decimal("33.67")),
        ("adjust:O1:1", "adjust", Decimal("-129.00"), Decimal("-3.87")),
    ]
    assert ledger(engine)[1][5] == "2026-10"  # booked when the correction happened


def test_a_partial_refund_after_an_adjustment_reverses_a_share_of_the_adjusted_commission(
        engine, ids, uow_factory, tmp_path):
    add_rule(engine, "category", "skincare", "percent", rate="0.05")
    _import(uow_factory, tmp_path / "orders.csv", [CREAM, TEE])
    _import(uow_factory, tmp_path / "orders.csv", [CREAM])  # now 596.00, commission 29.80
    refund(uow_factory, "O1", {"refund_id": "R1", "amount": "298.00"})
    assert _entries(engine)[-1] == ("refund:R1", "refund", Decimal("-298.00"), Decimal("-14.90"))
    refund(uow_factory, "O1", {"refund_id": "R2", "amount": "298.00"})
    assert sum(commission for *_, commission in _entries(engine)) == 0


def test_an_order_re_imported_as_refunded_after_an_adjustment_nets_its_commission_to_zero(
        engine, ids, uow_factory, tmp_path):
    _import(uow_factory, tmp_path / "orders.csv", [CREAM])
    _import(uow_factory, tmp_path / "orders.csv", [CREAM, TEE])
    _import(uow_factory, tmp_path / "orders.csv", [CREAM, TEE], status="refunded")
    assert [kind for _, kind, *_ in _entries(engine)] == ["sale", "adjust", "refund"]
    assert sum(commission for *_, commission in _entries(engine)) == 0
