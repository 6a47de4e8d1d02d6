import csv
from datetime import timedelta
from decimal import Decimal

from copilot.importing import Importer
from copilot.sales import sale_notices, settle_orders
from tests.integration.sales.brand import NOW, TZ, add_outreach, ledger, place

LINES = (("CREAM", 2, "298.00"), ("TEE", 1, "129.00"))
ORDERED = NOW - timedelta(hours=1)


def _import(uow_factory, path, order_id, status="paid") -> list[int]:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["order_id", "customer_id", "ordered_at", "sku", "quantity", "unit_price", "store_id",
                         "status"])
        writer.writerows([order_id, "C2", ORDERED.isoformat(), sku, qty, price, "S1", status]
                         for sku, qty, price in LINES)
    assert Importer(uow_factory, timezone=TZ).run("orders", path).committed
    with uow_factory() as uow:
        return [uow.orders.get_by_external(order_id).id]


def _settle(uow_factory, order_ids):
    with uow_factory() as uow:
        settled = settle_orders(uow, order_ids, NOW, timezone=TZ)
        notices = sale_notices(uow, settled)
        uow.commit()
    return notices


def test_an_imported_order_settles_to_the_same_entry_as_the_same_order_sent_by_webhook(
        engine, ids, uow_factory, tmp_path):
    add_outreach(engine, ids, "C2", "G3", ORDERED - timedelta(days=2), campaign=True)
    place(uow_factory, order_id="O-WEB", customer="C2", lines=LINES)
    notices = _settle(uow_factory, _import(uow_factory, tmp_path / "orders.csv", "O-CSV"))
    entries = {key: rest for key, *rest in ledger(engine)}
    assert entries["sale:O-CSV"] == entries["sale:O-WEB"]
    assert entries["sale:O-CSV"][4:] == ["2026-10", "outreach", ids.campaign]
    assert [n.text for n in notices] == ["张小红 bought ¥725 — +¥21.75 commission (Mid-autumn recall)"]


def test_settling_again_after_a_re_import_adds_nothing(engine, ids, uow_factory, tmp_path):
    order_ids = _import(uow_factory, tmp_path / "orders.csv", "O-CSV")
    _settle(uow_factory, order_ids)
    before = ledger(engine)
    _import(uow_factory, tmp_path / "orders.csv", "O-CSV")
    assert _settle(uow_factory, order_ids) == [] and ledger(engine) == before


def test_an_order_re_imported_as_refunded_reverses_what_is_left_of_its_commission(
        engine, ids, uow_factory, tmp_path):
    order_ids = _import(uow_factory, tmp_path / "orders.csv", "O-CSV")
    _settle(uow_factory, order_ids)
    _import(uow_factory, tmp_path / "orders.csv", "O-CSV", status="refunded")
    _settle(uow_factory, order_ids)
    _settle(uow_factory, order_ids)
    kinds = [(kind, base) for _, _, kind, base, *_ in ledger(engine)]
    assert kinds == [("sale", Decimal("725.00")), ("refund", Decimal("-725.00"))]
    assert sum(e[4] for e in ledger(engine)) == 0


def test_an_order_imported_already_refunded_is_credited_to_nobody(engine, ids, uow_factory, tmp_path):
    _settle(uow_factory, _import(uow_factory, tmp_path / "orders.csv", "O-CSV", status="refunded"))
    assert ledger(engine) == []


def test_unsettled_orders_are_found_until_their_ledger_has_caught_up(engine, ids, uow_factory, tmp_path):
    def unsettled():
        with uow_factory() as uow:
            return uow.sales.unsettled_order_ids(NOW - timedelta(days=1))

    order_ids = _import(uow_factory, tmp_path / "orders.csv", "O-CSV")
    assert unsettled() == order_ids
    _settle(uow_factory, unsettled())
    assert unsettled() == []
    _import(uow_factory, tmp_path / "orders.csv", "O-CSV", status="refunded")
    assert unsettled() == order_ids
    _settle(uow_factory, unsettled())
    assert unsettled() == []
