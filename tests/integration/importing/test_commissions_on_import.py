"""Commission rules import, and orders imported by CSV reaching the ledger like webhook orders."""
from datetime import UTC, datetime
from decimal import Decimal

from copilot.importing import Importer
from copilot.sales import ledger_rows
from tests.integration.importing.conftest import write_csv

RULES = [["scope", "scope_ref", "kind", "rate", "amount"],
         ["brand", "", "percent", "0.03", ""],
         ["category", "护肤", "percent", "0.05", ""]]


class FixedClock:
    def now(self) -> datetime:
        return datetime(2026, 3, 20, 4, 0, tzinfo=UTC)


def test_commission_rules_import_and_reimport_idempotently(importer, tmp_path):
    path = write_csv(tmp_path / "rules.csv", RULES)
    assert importer.run("commission_rules", path).inserted == 2
    again = importer.run("commission_rules", path)
    assert (again.inserted, again.unchanged) == (0, 2)


def test_a_percent_rule_without_a_rate_is_rejected_with_the_reason(importer, tmp_path):
    path = write_csv(tmp_path / "rules.csv", [RULES[0], ["brand", "", "percent", "", ""]])
    report = importer.run("commission_rules", path)
    assert not report.committed and "needs a rate" in report.problems[0].reason


def test_imported_orders_since_last_month_get_ledger_entries_once(loaded, files, uow_factory, tmp_path):
    importer = Importer(uow_factory, timezone="Asia/Shanghai", clock=FixedClock())
    importer.run("commission_rules", write_csv(tmp_path / "rules.csv", RULES))
    report = importer.run("orders", files["orders"])
    # O1 (January) is history before last month; O2 (March) is settled; O3 is refunded.
    assert report.settled == 1
    assert importer.run("orders", files["orders"]).settled == 0
    with uow_factory() as uow:
        rows = ledger_rows(uow, "2026-03")
    assert [(r.order_external_id, r.kind, r.attribution) for r in rows] == [("O2", "sale", "owner")]
    assert rows[0].base_amount == Decimal("268.00")
    assert rows[0].commission == Decimal("268.00") * Decimal("0.05") * Decimal("0.5")  # owner at ownership rate


def test_orders_import_without_a_clock_only_records_sales_history(loaded, files, uow_factory):
    assert loaded.run("orders", files["orders"]).settled == 0
