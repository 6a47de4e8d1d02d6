"""/me: the guide's day and month from the ledger, with a chart image of the month."""
from datetime import timedelta
from decimal import Decimal

from core.ports import LedgerEntry
from tests.bot.conftest import GUIDE, GUIDE_EN


def _book(brand, clock, guide_external_id: str, *sales: tuple[int, int, int]) -> None:
    """(days ago, amount, commission) entries for one guide, on orders of the selling brand."""
    with brand() as uow:
        guide = uow.staff.get_by_external(guide_external_id)
        customer_id = uow.orders.get_by_external("O-C1-0").customer_id
        for k, (days, amount, commission) in enumerate(sales):
            key, when = f"test-{guide_external_id}-{k}", clock.now() - timedelta(days=days)
            uow.bulk.upsert("orders", [{"external_id": key, "customer_id": customer_id, "ordered_at": when}])
            uow.ledger.append(LedgerEntry(key, uow.bulk.ids("orders", [key])[key], guide.id, "sale",
                                          Decimal(amount), Decimal(commission), "2026-11", when))
        uow.bulk.upsert("staff", [{"external_id": guide_external_id, "monthly_target": Decimal(10000)}])
        uow.commit()


async def test_me_sends_a_chart_of_the_month_with_today_and_month_figures(guide_client, brand, clock):
    _book(brand, clock, "G1", (0, 1200, 36), (3, 800, 24))
    await guide_client.send(GUIDE, "/me")
    [photo] = guide_client.session.calls("SendPhoto")
    assert photo.photo.data.startswith(b"\x89PNG")
    caption = guide_client.last(GUIDE).text
    assert "今天：完成任务0个，佣金¥36" in caption
    assert "本月：完成任务0个，成交2笔共¥2,000，佣金¥60" in caption
    assert "本月目标¥10,000，已完成20%" in caption


async def test_me_in_english_with_no_sales_yet(guide_client):
    await guide_client.send(GUIDE_EN, "/me")
    caption = guide_client.last(GUIDE_EN).text
    assert "This month: 0 tasks done, 0 sales worth ¥0, commission ¥0" in caption
    assert guide_client.session.calls("SendPhoto")
