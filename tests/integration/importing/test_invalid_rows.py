import pytest

from core.errors import InvalidInput
from tests.integration.importing.conftest import ORDERS, write_csv

HEADER = ORDERS[0]
GOOD = ORDERS[1]


def _orders(tmp_path, *bad_rows):
    return write_csv(tmp_path / "orders.csv", [HEADER, GOOD, *bad_rows])


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (["O9", "C1", "2026-01-05", "SK-001", "1", "", "", "", ""], "unit_price", "required value is missing"),
        (["O9", "C1", "2026-02-30", "SK-001", "1", "9", "", "", ""], "ordered_at", "day is out of range"),
        (["O9", "C1", "2026-01-05", "SK-001", "two", "9", "", "", ""], "quantity", "valid integer"),
        (["O9", "C1", "2026-01-05", "SK-001", "1", "-5", "", "", ""], "unit_price", "greater than or equal to 0"),
        (["O9", "C1", "2026-01-05", "SK-001", "1", "9.999", "", "", ""], "unit_price", "decimal places"),
        (["O9", "C404", "2026-01-05", "SK-001", "1", "9", "", "", ""], "customer_id", "unknown customer"),
        (["O9", "C1", "2026-01-05", "NOPE", "1", "9", "", "", ""], "sku", "unknown product"),
        (["O9", "C1", "2026-01-05", "SK-001", "1", "9", "S9", "", ""], "store_id", "unknown store"),
        (["O9", "C1", "2026-01-05", "SK-001", "1", "9", "", "G404", ""], "guide_id", "unknown staff member"),
        (["O9", "C1", "2026-01-05", "SK-001", "1", "9", "", "", "lost"], "status", "'paid' or 'refunded'"),
        (GOOD, "order_id", "duplicate of line 2"),
        (["O1", "C2", "2026-01-05T10:00:00+08:00", "FD-001", "1", "9", "S1", "G1", "paid"], "order_id", "differ"),
    ],
    ids=["missing", "bad-date", "bad-int", "negative", "sub-cent", "unknown-customer", "unknown-sku",
         "unknown-store", "unknown-guide", "bad-status", "duplicate", "header-conflict"],
)
def test_each_kind_of_invalid_row_is_reported_and_nothing_is_imported(
    loaded, tmp_path, uow_factory, row, column, reason
):
    report = loaded.run("orders", _orders(tmp_path, row))
    assert not report.committed and report.rejected == 1
    problem = report.problems[0]
    assert (problem.row, problem.column) == (3, column) and reason in problem.reason
    with uow_factory() as uow:
        assert uow.orders.count() == 0  # the valid line 2 was not kept either


def test_skip_invalid_imports_the_valid_rows_and_writes_the_rejected_ones(loaded, tmp_path, uow_factory):
    bad = ["O9", "C404", "2026-01-05", "SK-001", "1", "9", "", "", ""]
    rejects = tmp_path / "rejected.csv"
    report = loaded.run("orders", _orders(tmp_path, bad), skip_invalid=True, rejects_path=rejects)
    assert report.committed and (report.inserted, report.rejected) == (1, 1)
    assert rejects.read_text(encoding="utf-8").splitlines() == [
        "row,column,value,reason", "3,customer_id,C404,unknown customer"]
    with uow_factory() as uow:
        assert uow.orders.count() == 1


def test_a_row_with_more_values_than_columns_is_rejected(loaded, tmp_path):
    report = loaded.run("orders", _orders(tmp_path, GOOD[:2] + ["2026-01-05", "FD-001", "1", "9", "", "", "", "x"]))
    assert report.rejected == 1 and "more values" in report.problems[0].reason


def test_a_missing_required_column_fails_before_any_row(importer, tmp_path):
    path = write_csv(tmp_path / "c.csv", [["customer_id", "guide_id"], ["C1", "G1"]])
    with pytest.raises(InvalidInput, match="missing required column.*name"):
        importer.run("customers", path)


@pytest.mark.parametrize("name,content", [("empty.csv", b""), ("orders.json", b"[]"),
                                          ("latin1.csv", b"customer_id,name\nC1,Jos\xe9\n")])
def test_unreadable_files_get_a_clear_error(importer, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput):
        report = importer.run("customers", path)
        assert report  # pragma: no cover - the run must raise before reporting


def test_an_unknown_kind_is_refused(importer, files):
    with pytest.raises(InvalidInput, match="unknown import kind"):
        importer.run("invoices", files["orders"])
