"""Hostile files: broken quoting, a value larger than the CSV reader takes, a NUL byte, a byte that is
not UTF-8, a damaged workbook. Each gets a clear message naming the line, and nothing is written;
"Commission posted" is said only when the ledger changed."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from copilot.importing import Importer
from core.errors import InvalidInput
from db.tables import CustomerRow
from tests.integration.importing.conftest import CUSTOMERS, ORDERS, write_csv
from tests.integration.importing.test_commissions_on_import import RULES, FixedClock


def customers_in_db(uow_factory) -> int:
    with uow_factory() as uow:
        return uow.session.scalar(select(func.count()).select_from(CustomerRow))


def raw_file(tmp_path, name: str, text: bytes):
    path = tmp_path / name
    path.write_bytes(text)
    return path


def csv_bytes(rows) -> bytes:
    return "".join(",".join(row) + "\r\n" for row in rows).encode()


def test_an_unterminated_quote_is_named_by_its_line_and_nothing_is_imported(loaded, uow_factory, tmp_path):
    lines = csv_bytes(CUSTOMERS[:2]) + b'C7,"Wang Fang,G1,,,,,,\r\n' + csv_bytes(CUSTOMERS[2:])
    before = customers_in_db(uow_factory)
    with pytest.raises(InvalidInput, match=r"line 3: a quote is opened but never closed"):
        loaded.run("customers", raw_file(tmp_path, "c.csv", lines))
    assert customers_in_db(uow_factory) == before


def test_a_quote_closed_lines_later_is_caught_rather_than_merging_the_rows_between(loaded, uow_factory, tmp_path):
    before = customers_in_db(uow_factory)
    for closing, says in ((b'C9,Zhao",G1', r"lines 3-5 read as one row of 3 values for 9 columns"),
                          (b'C9,"Zhao",G1,,,,,,', r"lines 3-5: not valid CSV")):
        lines = csv_bytes(CUSTOMERS[:2]) + b'C7,"Wang Fang,G1,,,,,,\r\nC8,Li,G1,,,,,,\r\n' + closing + b"\r\n"
        with pytest.raises(InvalidInput, match=says + r".*quote left open on line 3"):
            loaded.run("customers", raw_file(tmp_path, "c.csv", lines), skip_invalid=True)
    assert customers_in_db(uow_factory) == before


def test_a_quoted_value_over_several_lines_with_the_right_columns_is_fine(importer, tmp_path):
    lines = (b"content_id,title,body\r\n" + b'A1,Winter care,"Line one\r\nline two, with a comma"\r\n'
             + b"A2,Spring,Short\r\n")
    report = importer.run("content", raw_file(tmp_path, "content.csv", lines))
    assert report.committed and report.inserted == 2


def test_a_value_larger_than_the_csv_reader_takes_is_named_by_its_line(loaded, uow_factory, tmp_path):
    lines = csv_bytes(CUSTOMERS[:3]) + b"C7," + b"x" * 200_000 + b",G1,,,,,,\r\n"
    with pytest.raises(InvalidInput, match=r"line 4: a value is longer than 131,072 characters"):
        loaded.run("customers", raw_file(tmp_path, "c.csv", lines))


def test_a_nul_byte_rejects_its_row_by_line_and_the_rest_imports_with_skip_invalid(loaded, uow_factory, tmp_path):
    lines = csv_bytes(CUSTOMERS[:2]) + b"C7,Wang\x00Fang,G1,,,,,,\r\n" + csv_bytes(CUSTOMERS[2:])
    path = raw_file(tmp_path, "c.csv", lines)
    strict = loaded.run("customers", path)
    assert not strict.committed
    assert [(p.row, p.column, p.reason) for p in strict.problems] == [(3, "name", "contains a NUL character")]
    lenient = loaded.run("customers", path, skip_invalid=True)
    assert lenient.committed and lenient.rejected == 1 and lenient.unchanged == 3  # on PostgreSQL too


def test_a_byte_that_is_not_utf8_is_reported_on_its_own_line(loaded, tmp_path):
    good = [[f"C{n}", f"顾客{n}", "G1", "", "", "", "", "", ""] for n in range(100, 6100)]
    lines = csv_bytes([CUSTOMERS[0], *good[:6000]]) + "C9,Zh\xe0o,G1,,,,,,\r\n".encode("latin-1")
    path = raw_file(tmp_path, "c.csv", lines)
    with pytest.raises(InvalidInput, match=r"line 6002 is not UTF-8 \(byte 0xe0 at position 6\)"):
        loaded.run("customers", path)


def test_a_damaged_workbook_is_a_clear_error(importer, tmp_path):
    with pytest.raises(InvalidInput, match=r"not a readable \.xlsx workbook"):
        importer.run("customers", raw_file(tmp_path, "c.xlsx", b"PK\x03\x04 this is not a workbook"))


def test_commission_posted_is_said_only_when_the_ledger_changed(loaded, uow_factory, tmp_path):
    importer = Importer(uow_factory, timezone="Asia/Shanghai", clock=FixedClock())
    importer.run("commission_rules", write_csv(tmp_path / "rules.csv", RULES))
    nobodys = [*ORDERS, ["O4", "C3", "2026-03-09", "SK-001", "1", "298.00", "S1", "", "paid"]]  # no guide to credit
    path = write_csv(tmp_path / "orders.csv", nobodys)
    assert importer.run("orders", path).settled == 1  # O2; nobody is credited with O4
    assert importer.run("orders", path).settled == 0  # the re-import changes nothing and says so
