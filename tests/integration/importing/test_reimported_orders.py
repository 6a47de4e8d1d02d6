"""A re-imported order becomes exactly its lines in the file; orders not in the file are untouched."""
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.integration.importing.conftest import ORDERS, write_csv

HEADER = ORDERS[0]
O1_CREAM, O1_COFFEE, O2, O3 = ORDERS[1:]
O1_TEE = ["O1", "C1", "2026-01-05T10:00:00+08:00", "AP-001", "1", "129.00", "S1", "G1", "paid"]


def _lines(uow_factory, order_id: str) -> dict[str, tuple[int, Decimal]]:
    with uow_factory() as uow:
        order = uow.orders.get_by_external(order_id)
    return {line.sku: (line.quantity, line.amount) for line in order.lines}


def _import(importer, path, *rows, **options):
    report = importer.run("orders", write_csv(path, [HEADER, *rows]), **options)
    assert report.committed, report.problems
    return report


def test_a_line_removed_from_a_reimported_order_is_deleted_and_the_total_follows(loaded, tmp_path, uow_factory):
    _import(loaded, tmp_path / "first.csv", O1_CREAM, O1_COFFEE, O2, O3)
    report = _import(loaded, tmp_path / "second.csv", O1_CREAM)
    assert (report.deleted, report.unchanged) == (1, 1)
    assert _lines(uow_factory, "O1") == {"SK-001": (1, Decimal("298.00"))}
    with uow_factory() as uow:
        assert uow.orders.get_by_external("O1").total == Decimal("298.00")


def test_a_reimported_order_gets_the_files_lines_added_updated_and_removed_at_once(loaded, tmp_path, uow_factory):
    _import(loaded, tmp_path / "first.csv", O1_CREAM, O1_COFFEE, O2)
    later_o2 = O2[:2] + ["2026-03-09 09:00:00"] + O2[3:]
    report = _import(loaded, tmp_path / "second.csv", O1_TEE, O1_COFFEE[:4] + ["3", "55.00"] + O1_COFFEE[6:],
                     later_o2)
    assert (report.inserted, report.updated, report.deleted) == (1, 1, 1)
    assert _lines(uow_factory, "O1") == {"AP-001": (1, Decimal("129.00")), "FD-001": (3, Decimal("165.00"))}
    with uow_factory() as uow:
        assert uow.orders.get_by_external("O1").total == Decimal("294.00")
        assert uow.customers.get_by_external("C1").last_order_at == datetime(2026, 3, 9, 1, 0, tzinfo=UTC)


def test_an_order_not_in_the_second_file_keeps_its_lines(loaded, tmp_path, uow_factory):
    _import(loaded, tmp_path / "first.csv", O1_CREAM, O1_COFFEE, O2, O3)
    _import(loaded, tmp_path / "delta.csv", O2[:4] + ["2"] + O2[5:])
    assert _lines(uow_factory, "O1") == {"SK-001": (1, Decimal("298.00")), "FD-001": (2, Decimal("110.00"))}
    assert _lines(uow_factory, "O3") == {"AP-001": (3, Decimal("387.00"))}
    assert _lines(uow_factory, "O2") == {"SK-001": (2, Decimal("536.00"))}


def test_reimporting_the_same_file_twice_changes_nothing_even_when_an_order_spans_batches(
        loaded, tmp_path, uow_factory):
    rows = (O2, O1_CREAM, O1_COFFEE, O1_TEE, O3)  # batch size 2: O1 is split over two batches
    _import(loaded, tmp_path / "orders.csv", *rows)
    before = _lines(uow_factory, "O1")
    for _ in range(2):
        again = _import(loaded, tmp_path / "orders.csv", *rows)
        assert (again.inserted, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 5)
    assert _lines(uow_factory, "O1") == before and len(before) == 3


def test_an_order_scattered_through_the_file_keeps_all_its_lines_and_loses_only_the_removed_one(
        loaded, tmp_path, uow_factory):
    _import(loaded, tmp_path / "first.csv", O1_CREAM, O1_COFFEE, O1_TEE, O2)
    report = _import(loaded, tmp_path / "second.csv", O1_TEE, O2, O3, O1_CREAM)
    assert (report.inserted, report.deleted) == (1, 1)  # O3 is new; FD-001 left O1
    assert sorted(_lines(uow_factory, "O1")) == ["AP-001", "SK-001"]


@pytest.mark.parametrize("bad", [
    O1_TEE[:3] + ["NOPE"] + O1_TEE[4:],  # unknown sku: fails the reference check
    O1_TEE[:4] + ["two"] + O1_TEE[5:],  # not a number: fails the schema
    O1_TEE[:1] + ["C2"] + O1_TEE[2:],  # another customer than the order's other lines
], ids=["unknown-sku", "bad-quantity", "header-conflict"])
def test_with_skip_invalid_an_order_with_a_rejected_line_keeps_its_stored_lines(
        loaded, tmp_path, uow_factory, bad):
    _import(loaded, tmp_path / "first.csv", O1_CREAM, O1_COFFEE, O2, O3)
    changed_cream = O1_CREAM[:4] + ["2"] + O1_CREAM[5:]
    o3_other_line = O3[:3] + ["FD-001"] + O3[4:]
    report = _import(loaded, tmp_path / "second.csv", changed_cream, bad, o3_other_line, skip_invalid=True)
    assert (report.rejected, report.updated, report.deleted) == (1, 1, 1)
    # O1 is incomplete in the file: its valid line is updated, its missing FD-001 line stays.
    assert _lines(uow_factory, "O1") == {"SK-001": (2, Decimal("596.00")), "FD-001": (2, Decimal("110.00"))}
    # O3, complete in the same file, is replaced as usual.
    assert _lines(uow_factory, "O3") == {"FD-001": (3, Decimal("387.00"))}


def test_without_skip_invalid_a_rejected_line_deletes_nothing(loaded, tmp_path, uow_factory):
    _import(loaded, tmp_path / "first.csv", O1_CREAM, O1_COFFEE, O2, O3)
    report = loaded.run("orders", write_csv(tmp_path / "second.csv", [HEADER, O1_CREAM, O3[:3] + ["NOPE"] + O3[4:]]))
    assert not report.committed and report.deleted == 0
    assert sorted(_lines(uow_factory, "O1")) == ["FD-001", "SK-001"]


def test_an_order_moved_to_another_customer_moves_both_customers_first_and_last_purchase(
        loaded, tmp_path, uow_factory):
    _import(loaded, tmp_path / "first.csv", O2)  # C1 bought on 2026-03-07
    _import(loaded, tmp_path / "second.csv", ["O2", "C2", *O2[2:]])  # no: it was C2
    with uow_factory() as uow:
        c1, c2 = uow.customers.get_by_external("C1"), uow.customers.get_by_external("C2")
    assert (c1.first_order_at, c1.last_order_at) == (None, None)
    assert c2.first_order_at == c2.last_order_at == datetime(2026, 3, 7, 7, 30, tzinfo=UTC)
