"""The demo brand is reproducible: a seed and an end date fix every byte."""
from __future__ import annotations

import csv
from datetime import date, datetime

import pytest

from cli.demo.brand import write_demo_brand
from core.errors import InvalidInput
from cli.demo.brand.seasons import after_holiday, months_before

END = date(2026, 11, 23)


def _all_bytes(paths) -> dict[str, bytes]:
    files = {k: p.read_bytes() for k, p in paths.items() if k != "content"}
    files |= {f"content/{p.name}": p.read_bytes() for p in sorted(paths["content"].iterdir())}
    return files


def test_the_same_seed_and_end_write_byte_identical_files(tmp_path):
    first = _all_bytes(write_demo_brand(tmp_path / "a", seed=11, customers=400, end=END))
    second = _all_bytes(write_demo_brand(tmp_path / "b", seed=11, customers=400, end=END))
    assert first == second


def test_a_different_seed_writes_different_customers_and_orders(tmp_path):
    first = _all_bytes(write_demo_brand(tmp_path / "a", seed=11, customers=400, end=END))
    second = _all_bytes(write_demo_brand(tmp_path / "b", seed=12, customers=400, end=END))
    assert first["customers"] != second["customers"] and first["orders"] != second["orders"]
    assert first["products"] == second["products"]  # the catalogue is fixed so content stays valid


def test_orders_follow_the_end_date_so_the_demo_always_looks_current(tmp_path):
    paths = write_demo_brand(tmp_path, customers=300, months=12, end=date(2031, 3, 1))
    with paths["orders"].open(encoding="utf-8") as f:
        days = [datetime.fromisoformat(r["ordered_at"]).date() for r in csv.DictReader(f)]
    assert date(2030, 3, 1) <= min(days) and max(days) < date(2031, 3, 1)
    assert (date(2031, 3, 1) - max(days)).days < 14


def test_a_tiny_brand_still_has_its_birthdays_this_week(tmp_path):
    paths = write_demo_brand(tmp_path, customers=20, months=3, end=date(2024, 2, 25))
    with paths["customers"].open(encoding="utf-8") as f:
        birthdays = [r["birthday"][5:] for r in csv.DictReader(f) if r["birthday"]]
    assert sum("02-26" <= b <= "03-02" for b in birthdays) >= 3


@pytest.mark.parametrize(("end", "months", "expected"), [
    (date(2026, 11, 23), 24, date(2024, 11, 23)),
    (date(2024, 3, 31), 1, date(2024, 2, 29)),
    (date(2025, 1, 15), 1, date(2024, 12, 15)),
])
def test_months_before_counts_calendar_months_and_clamps_to_month_end(end, months, expected):
    assert months_before(end, months) == expected


def test_a_purchase_due_during_the_spring_festival_break_moves_after_it():
    assert after_holiday(date(2026, 2, 18)) == date(2026, 2, 22)
    assert after_holiday(date(2026, 2, 10)) == date(2026, 2, 10)


@pytest.mark.parametrize(("customers", "months"), [(0, 24), (100, 0)])
def test_an_empty_brand_is_refused_before_anything_is_written(tmp_path, customers, months):
    with pytest.raises(InvalidInput):
        write_demo_brand(tmp_path / "out", customers=customers, months=months, end=END)
    assert not (tmp_path / "out").exists()
