"""/me: the guide's day and month from the ledger, with a chart image of the month by day of sale."""
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from bot.features.me_chart import month_figure
from bot.texts import Texts
from copilot.guide.earnings import my_month
from core.ports import LedgerEntry
from tests.bot.conftest import GUIDE, GUIDE_EN


def _book(brand, guide_external_id: str, *sales: tuple[datetime, int, int], booked_at: datetime | None = None,
          month: str = "2026-11") -> None:
    """(sold at, amount, commission) sale entries for one guide, booked when they were sold unless
    `booked_at` says otherwise (an import books days of sales at once)."""
    with brand() as uow:
        guide = uow.staff.get_by_external(guide_external_id)
        customer_id = uow.orders.get_by_external("O-C1-0").customer_id
        for k, (when, amount, commission) in enumerate(sales):
            key = f"test-{guide_external_id}-{k}"
            uow.bulk.upsert("orders", [{"external_id": key, "customer_id": customer_id, "ordered_at": when}])
            uow.ledger.append(LedgerEntry(key, uow.bulk.ids("orders", [key])[key], guide.id, "sale",
                                          Decimal(amount), Decimal(commission), month, booked_at or when))
        uow.bulk.upsert("staff", [{"external_id": guide_external_id, "monthly_target": Decimal(10000)}])
        uow.commit()


async def test_me_sends_a_chart_of_the_month_with_today_and_month_figures(guide_client, brand, clock):
    now = clock.now()
    _book(brand, "G1", (now, 1200, 36), (now - timedelta(days=3), 800, 24))
    await guide_client.send(GUIDE, "/me")
    [photo] = guide_client.session.calls("SendPhoto")
    assert photo.photo.data.startswith(b"\x89PNG")
    caption = guide_client.last(GUIDE).text
    assert "今天：成交1笔共¥1,200，完成任务0个，佣金¥36" in caption
    assert "本月：完成任务0个，成交2笔共¥2,000，佣金¥60" in caption
    assert "本月目标¥10,000，已完成20%" in caption


async def test_me_in_english_with_no_sales_yet(guide_client):
    await guide_client.send(GUIDE_EN, "/me")
    caption = guide_client.last(GUIDE_EN).text
    assert "Today: 0 sales worth ¥0, 0 tasks done, commission ¥0" in caption
    assert "This month: 0 tasks done, 0 sales worth ¥0, commission ¥0" in caption
    assert guide_client.session.calls("SendPhoto")


def _sales_line(fig):
    [ax] = fig.axes
    labels = ("累计成交（按成交日）", "Sales so far (by day of sale)")
    line = next(drawn for drawn in ax.get_lines() if drawn.get_label() in labels)
    return list(line.get_xdata()), [round(v) for v in line.get_ydata()]


def test_the_chart_plots_sales_on_the_days_they_were_sold_not_the_day_they_were_imported(brand, selling):
    # Sold on Dec 1, 2 and 3 (Shanghai), all booked by an import on Dec 4: nothing happened on Dec 4.
    import_day = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    sold = [(datetime(2026, 11, 30, 17, 0, tzinfo=UTC), 1000, 30),  # Dec 1, 01:00 in Shanghai
            (datetime(2026, 12, 2, 4, 0, tzinfo=UTC), 500, 15), (datetime(2026, 12, 3, 9, 0, tzinfo=UTC), 2771, 83)]
    _book(brand, "G1", *sold, booked_at=import_day, month="2026-12")
    with brand() as uow:
        m = my_month(uow, uow.staff.get_by_external("G1"), import_day, timezone="Asia/Shanghai")
    assert m.daily_sales == [1000, 500, 2771, 0] and m.sales_today == 0
    days, cumulative = _sales_line(month_figure(m, Texts("zh")))
    assert days == [1, 2, 3, 4] and cumulative == [1000, 1500, 4271, 4271]


def test_a_late_import_of_last_months_sale_is_drawn_on_day_one(brand, selling):
    now = datetime(2026, 12, 10, 4, 0, tzinfo=UTC)
    _book(brand, "G1", (datetime(2026, 11, 29, 4, 0, tzinfo=UTC), 600, 18), booked_at=now, month="2026-12")
    with brand() as uow:
        m = my_month(uow, uow.staff.get_by_external("G1"), now, timezone="Asia/Shanghai")
    assert m.daily_sales[0] == 600 and sum(m.daily_sales) == m.earnings.sales_amount == 600


def test_the_chart_speaks_the_guides_language_and_keeps_a_sane_axis_without_sales(brand, selling):
    with brand() as uow:
        m = my_month(uow, uow.staff.get_by_external("G1"), datetime(2026, 12, 4, 2, tzinfo=UTC),
                     timezone="Asia/Shanghai")
    for language, title, empty in (("zh", "2026年12月业绩", "本月还没有成交"),
                                   ("en", "Sales in December 2026", "No sales yet this month")):
        [ax] = month_figure(m, Texts(language)).axes
        assert ax.get_title() == title
        assert empty in [text.get_text() for text in ax.texts]
        assert ax.get_ylim()[0] == 0 and ax.get_ylim()[1] > 0
