"""The file interface: one output row per input customer; malformed input names the row, writes nothing."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from copilot.scoring.fileio import score_transactions_file
from core.errors import InvalidInput

HEADER = "customer_id,ordered_at,amount\n"


def _log(tmp_path, n=300, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(n):
        for d in np.sort(rng.choice(300, rng.integers(1, 6), replace=False)):
            day = (np.datetime64("2024-01-01") + int(d)).astype(str)
            rows.append(f"cust-{c},{day},{rng.gamma(3, 30):.2f}")
    rows.append("late-only,2024-12-30,10")  # only after as_of: still gets a row
    path = tmp_path / "tx.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_scores_every_customer_in_the_input_with_the_agreed_header(tmp_path):
    out = tmp_path / "out.csv"
    written = score_transactions_file(_log(tmp_path), "2024-11-01", 30, out)
    df = pd.read_csv(out)
    assert list(df.columns) == ["customer_id", "p_purchase", "expected_value"]
    assert written == len(df) == 301 and df["customer_id"].is_unique
    assert df["p_purchase"].between(0, 1).all() and (df["expected_value"] >= 0).all()
    assert df.set_index("customer_id").loc["late-only", "p_purchase"] == 0


def test_datetimes_with_time_of_day_are_accepted(tmp_path):
    path = tmp_path / "tx.csv"
    path.write_text(HEADER + "a,2024-01-05T10:30:00,10\na,2024-02-05 09:00:00+08:00,12\n")
    score_transactions_file(path, "2024-03-01", 30, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("a,2024-01-05,10\nb,2024-13-01,3\n", "row 2 (line 3): bad date"),
        ("a,2024-01-05,10\nb,2024-01-01,abc\n", "row 2 (line 3): bad amount"),
        ("a,2024-01-05,10\nb,2024-01-01,\n", "row 2 (line 3): bad amount"),
        ("a,2024-01-05,-4\n", "row 1 (line 2): bad amount"),
        ("a,2024-01-05,10\n,2024-01-01,3\n", "row 2 (line 3): missing customer_id"),
        ("a,2024-01-05,10\nb,2024-01-01,3,4\n", "line 3"),
    ],
)
def test_malformed_rows_are_named_and_nothing_is_written(tmp_path, body, message):
    path, out = tmp_path / "tx.csv", tmp_path / "out.csv"
    path.write_text(HEADER + body)
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        score_transactions_file(path, "2024-03-01", 30, out)
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "is empty"), ("customer,date,amount\na,2024-01-01,1\n", "line 1: expected the header"),
     (HEADER, "no transactions"), (HEADER + "a,2024-05-01,3\n", "no transactions before")],
)
def test_bad_header_or_empty_input_is_rejected_and_nothing_is_written(tmp_path, content, message):
    path, out = tmp_path / "tx.csv", tmp_path / "out.csv"
    path.write_text(content)
    with pytest.raises(InvalidInput, match=message):
        score_transactions_file(path, "2024-03-01", 30, out)
    assert not out.exists()


def test_an_existing_output_survives_a_failed_run(tmp_path):
    path, out = tmp_path / "tx.csv", tmp_path / "out.csv"
    out.write_text("previous results\n")
    path.write_text(HEADER + "a,not-a-date,1\n")
    with pytest.raises(InvalidInput):
        score_transactions_file(path, "2024-03-01", 30, out)
    assert out.read_text() == "previous results\n"


def test_bad_as_of_and_horizon_are_invalid_input(tmp_path):
    path = _log(tmp_path, n=5)
    with pytest.raises(InvalidInput):
        score_transactions_file(path, "yesterday", 30, tmp_path / "o.csv")
    with pytest.raises(InvalidInput):
        score_transactions_file(path, "2024-11-01", 0, tmp_path / "o.csv")
