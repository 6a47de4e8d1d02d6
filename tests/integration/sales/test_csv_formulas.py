"""Every CSV the project writes (the ledger export, the rejects file of an import, the scores of
`score --out`) keeps names and ids from running as spreadsheet formulas; amounts stay numbers."""
from __future__ import annotations

import csv
import io

from sqlalchemy import update
from sqlalchemy.orm import Session

from copilot.importing import Importer
from copilot.sales import ledger_rows, write_ledger_csv
from copilot.scoring.fileio import score_transactions_file
from db.tables import StaffRow
from tests.integration.sales.brand import place, refund


def test_the_ledger_export_neutralises_formulas_in_names_and_ids_and_keeps_negative_amounts(engine, ids,
                                                                                           uow_factory):
    with Session(engine) as s:
        s.execute(update(StaffRow).where(StaffRow.id == ids.guides["G1"]).values(name='=HYPERLINK("http://x","pay")'))
        s.commit()
    place(uow_factory, order_id="@SUM(A1:A9)", guide="G1", lines=(("TEE", 1, "129.00"),))
    refund(uow_factory, "@SUM(A1:A9)", {"refund_id": "R1", "amount": "100"})
    out = io.StringIO()
    with uow_factory() as uow:
        write_ledger_csv(ledger_rows(uow, "2026-10"), out)
    sale, back = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sale["guide_name"] == '\'=HYPERLINK("http://x","pay")' and sale["order_id"] == "'@SUM(A1:A9)"
    assert (back["base_amount"], back["commission"]) == ("-100.00", "-3.00")


def test_the_rejects_file_of_an_import_neutralises_the_values_it_quotes(uow_factory, tmp_path):
    path = tmp_path / "stores.csv"
    path.write_text("store_id,name\n=cmd|' /C calc'!A0,\n", encoding="utf-8")
    report = Importer(uow_factory).run("stores", path, skip_invalid=True)
    with report.rejects_path.open(encoding="utf-8") as handle:
        problems = {row["column"]: row["value"] for row in csv.DictReader(handle)}
    assert problems["store_id"] == "'=cmd|' /C calc'!A0"


def test_scores_written_for_a_transaction_log_neutralise_customer_ids(tmp_path):
    log = tmp_path / "tx.csv"
    rows = [f"{customer},2024-0{month}-01,100" for customer in ("=1+2", "C2") for month in (1, 3, 6)]
    log.write_text("customer_id,ordered_at,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    score_transactions_file(log, "2024-09-01", 30, out)
    ids = [row["customer_id"] for row in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))]
    assert sorted(ids) == ["'=1+2", "C2"]
