"""/ledger: a manager gets the month's commission ledger of their own store's guides as CSV."""
import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

from bot.texts import Texts
from copilot.sales import settle_orders
from tests.bot.conftest import GUIDE, MANAGER

WHEN = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)


def _sell(uow_factory, now):
    """One order credited to G1 (store S1) and one to G9 (store S2), settled into the ledger."""
    with uow_factory() as uow:
        uow.bulk.upsert("commission_rules", [{"scope": "brand", "scope_ref": "", "kind": "percent",
                                              "rate": Decimal("0.05"), "amount": None, "active": True}])
        staff = uow.staff.ids_by_external()
        customer = uow.customers.ids_by_external()["C1"]
        uow.bulk.upsert("orders", [
            {"external_id": f"O-{guide}", "customer_id": customer, "ordered_at": WHEN, "guide_id": staff[guide]}
            for guide in ("G1", "G9")])
        orders = uow.bulk.ids("orders", ["O-G1", "O-G9"])
        uow.bulk.upsert("order_lines", [
            {"order_id": order_id, "sku": "P1", "quantity": 1, "unit_price": Decimal("100.00"), "amount": Decimal("100.00")}
            for order_id in orders.values()])
        uow.bulk.refresh_derived()
        settle_orders(uow, list(orders.values()), now)
        uow.commit()


def _document(client, user):
    calls = client.session.calls("SendDocument")
    assert calls, client.texts(user)
    method = calls[-1]
    return method.caption, method.document.data.decode("utf-8-sig")


async def test_a_manager_gets_the_months_ledger_of_their_stores_guides_as_csv(client, brand, clock):
    _sell(brand, clock.now())
    await client.send(MANAGER, "/ledger 2026-11")
    caption, text = _document(client, MANAGER)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["guide_id"], r["order_id"], r["kind"], r["commission"]) for r in rows] == [("G1", "O-G1", "sale", "5.00")]
    assert "2026-11" in caption and "1" in caption


async def test_a_guide_may_not_export_the_ledger(client, brand, clock):
    _sell(brand, clock.now())
    await client.send(GUIDE, "/ledger 2026-11")
    assert not client.session.calls("SendDocument")
    assert client.last(GUIDE).text == Texts("zh")("not_allowed")


async def test_a_malformed_month_gets_the_expected_format(client, brand):
    await client.send(MANAGER, "/ledger November")
    assert "YYYY-MM" in client.last(MANAGER).text


async def test_an_empty_month_says_so(client, brand):
    await client.send(MANAGER, "/ledger 2025-01")
    assert "2025-01" in client.last(MANAGER).text and not client.session.calls("SendDocument")
