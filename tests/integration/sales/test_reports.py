import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session
from typer.testing import CliRunner

from cli.main import build_app
from copilot.sales import earnings, ledger_rows, month_to_date_sales, write_ledger_csv
from db.tables_ops import CareTaskRow
from tests.integration.sales.brand import NOW, TZ, add_click, ledger, place, refund

TODAY = date(2026, 10, 8)


def _month_of_g1(engine, ids, uow_factory):
    """Yesterday a cream (17.88), today a tee (3.87) and a 100.00 refund of it (-3.00)."""
    place(uow_factory, order_id="O1", guide="G1", now=NOW - timedelta(days=1), at=NOW - timedelta(days=1, hours=1))
    place(uow_factory, order_id="O2", guide="G1", lines=(("TEE", 1, "129.00"),))
    refund(uow_factory, "O2", {"refund_id": "R1", "amount": "100"})
    with Session(engine) as s:
        for done in (NOW - timedelta(hours=2), NOW - timedelta(days=3), NOW - timedelta(days=40)):
            s.add(CareTaskRow(customer_id=ids.customers["C1"], guide_id=ids.guides["G1"], kind="recall",
                              status="done", created_at=done, completed_at=done))
        s.commit()


def test_earnings_count_tasks_done_sales_and_commission_for_today_and_the_month(engine, ids, uow_factory):
    _month_of_g1(engine, ids, uow_factory)
    with uow_factory() as uow:
        mine = earnings(uow, ids.guides["G1"], "2026-10", TODAY, timezone=TZ)
        others = earnings(uow, ids.guides["G2"], "2026-10", TODAY, timezone=TZ)
    assert (mine.tasks_done, mine.tasks_done_today, mine.sales) == (2, 1, 2)
    assert (mine.sales_amount, mine.commission, mine.commission_today) == (
        Decimal("625.00"), Decimal("18.75"), Decimal("0.87"))
    assert (others.sales, others.commission, others.tasks_done) == (0, 0, 0)


def test_a_sale_from_yesterday_booked_today_is_not_todays_commission(ids, uow_factory):
    # Imports and catch-ups book older sales at once: "today" on /me means bought today.
    place(uow_factory, order_id="O1", guide="G1", now=NOW, at=NOW - timedelta(days=1))
    with uow_factory() as uow:
        mine = earnings(uow, ids.guides["G1"], "2026-10", TODAY, timezone=TZ)
    assert mine.commission == Decimal("17.88") and mine.commission_today == 0


def test_month_to_date_sales_are_net_of_refunds_and_count_only_the_current_month(engine, ids, uow_factory):
    _month_of_g1(engine, ids, uow_factory)
    with uow_factory() as uow:
        assert month_to_date_sales(uow, ids.guides["G1"], NOW, timezone=TZ) == Decimal("625.00")
        assert month_to_date_sales(uow, ids.guides["G1"], NOW + timedelta(days=30), timezone=TZ) == 0


def test_the_ledger_export_has_one_row_per_entry_grouped_by_guide(engine, ids, uow_factory):
    _month_of_g1(engine, ids, uow_factory)
    add_click(engine, ids, "C2", "G3", NOW - timedelta(days=1))
    place(uow_factory, order_id="O3", customer="C2", lines=(("COFFEE", 1, "59.90"),))
    out = io.StringIO()
    with uow_factory() as uow:
        assert write_ledger_csv(ledger_rows(uow, "2026-10"), out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["guide_id"], r["order_id"], r["kind"], r["base_amount"], r["commission"]) for r in rows] == [
        ("G1", "O1", "sale", "596.00", "17.88"), ("G1", "O2", "sale", "129.00", "3.87"),
        ("G1", "O2", "refund", "-100.00", "-3.00"), ("G3", "O3", "sale", "59.90", "1.80")]
    assert rows[3]["attribution"] == "list_click" and rows[0]["created_at"].startswith("2026-10-07")


def test_the_cli_exports_a_month_and_closes_it(engine, ids, uow_factory, tmp_path, monkeypatch):
    _month_of_g1(engine, ids, uow_factory)
    monkeypatch.setenv("GC_DATABASE__URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path))
    out = tmp_path / "ledger.csv"
    app, runner = build_app(), CliRunner()
    result = runner.invoke(app, ["ledger", "export", "--month", "2026-10", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 ledger entries for 2026-10" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    assert runner.invoke(app, ["ledger", "close", "--month", "2026-10"]).exit_code == 0
    refund(uow_factory, "O1", {"refund_id": "R2", "amount": "1"}, now=NOW + timedelta(days=30))
    assert ledger(engine)[-1][5] == "2026-11"


def test_the_cli_refuses_a_malformed_month(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("GC_DATABASE__URL", engine.url.render_as_string(hide_password=False))
    result = CliRunner().invoke(build_app(), ["ledger", "export", "--month", "Oct", "--out", str(tmp_path / "x")])
    assert result.exit_code != 0 and "month must look like 2026-10" in str(result.exception)
