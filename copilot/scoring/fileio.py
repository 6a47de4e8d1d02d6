"""File interface: score any transaction log CSV, for evaluation and for brands without our database.

`customer_id,ordered_at,amount` in, `customer_id,p_purchase,expected_value` out. Parsing uses
pandas' C reader with categorical columns: dates and ids repeat, so each distinct value is parsed
once. Errors name the data row (1 = first row after the header) and nothing is written.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from copilot.scoring.ranker import score
from copilot.scoring.rfm import to_occasions
from core.errors import InvalidInput
from core.spreadsheet import cell

HEADER = ["customer_id", "ordered_at", "amount"]
EPOCH = np.datetime64("1970-01-01", "D")
Progress = Callable[[str], None]


def _bad_row(mask: np.ndarray, what: str, values) -> InvalidInput:
    i = int(np.flatnonzero(mask)[0])
    return InvalidInput(f"row {i + 1} (line {i + 2}): {what} {values[i]!r}")


def _check_header(path: Path) -> None:
    try:
        with path.open("r", encoding="utf-8-sig") as fh:
            first = fh.readline()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc
    if not first.strip():
        raise InvalidInput(f"{path} is empty: expected the header {','.join(HEADER)}")
    if [c.strip() for c in first.strip().split(",")] != HEADER:
        raise InvalidInput(f"line 1: expected the header {','.join(HEADER)}, got {first.strip()!r}")


def read_transactions(path: str | Path) -> tuple[pd.Index, np.ndarray, np.ndarray, np.ndarray]:
    """(distinct customer ids, customer index per row, day number per row, amount per row)."""
    path = Path(path)
    _check_header(path)
    try:
        df = _read(path, np.float64)
    except ValueError:  # some amount is not a number: re-read as text to name the row
        df = _read(path, str)
    if df.empty:
        raise InvalidInput(f"{path} has a header but no transactions")
    # factorize on plain objects: a 1M-level categorical costs pandas far more than one hash pass.
    codes, ids = pd.factorize(df["customer_id"].to_numpy(object))
    blank_id = pd.Series(ids, dtype=object).str.strip().eq("").to_numpy()
    if blank_id.any():
        raise _bad_row(blank_id[codes], "missing customer_id", df["customer_id"].to_numpy())
    days, amounts = _days(df["ordered_at"]), _amounts(df["amount"])
    return pd.Index(ids), codes.astype(np.int64), days, amounts


def _read(path: Path, amount_dtype) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype={"customer_id": object, "ordered_at": "category",
                                        "amount": amount_dtype}, encoding="utf-8-sig", engine="c",
                           keep_default_na=False, na_filter=False)
    except pd.errors.ParserError as exc:  # wrong field count; pandas names the file line
        raise InvalidInput(f"malformed CSV: {exc}") from exc


def _days(col: pd.Series) -> np.ndarray:
    cats = pd.Series(col.cat.categories.astype(str))
    parsed = pd.to_datetime(cats, format="ISO8601", errors="coerce", utc=True)
    day_of_cat = (parsed.dt.tz_localize(None).to_numpy().astype("datetime64[D]") - EPOCH).astype(
        np.int64)
    bad_cat = parsed.isna().to_numpy()
    codes = col.cat.codes.to_numpy()
    if bad_cat.any():
        raise _bad_row(bad_cat[codes], "bad date (expected ISO, e.g. 2024-03-31)", col.to_numpy())
    return day_of_cat[codes]


def _amounts(col: pd.Series) -> np.ndarray:
    values = (col.to_numpy(np.float64) if col.dtype == np.float64
              else pd.to_numeric(col, errors="coerce").to_numpy(np.float64))
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        raise _bad_row(bad, "bad amount (expected a number >= 0)", col.to_numpy())
    return values


def score_transactions_file(
    tx_path: str | Path,
    as_of: date | str,
    horizon_days: int,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    sample: int = 50_000,
) -> int:
    """Score every customer in `tx_path` at `as_of` (rows on or after it are ignored); returns the
    number of customers written. The output appears atomically or not at all."""
    say = progress or (lambda _stage: None)
    if horizon_days < 1:
        raise InvalidInput("horizon_days must be at least 1")
    try:
        cut = (np.datetime64(str(as_of), "D") - EPOCH).astype(np.int64)
    except ValueError as exc:
        raise InvalidInput(f"as_of must be an ISO date, got {as_of!r}") from exc
    say("reading")
    ids, cust, day, amount = read_transactions(tx_path)
    say("scoring")
    occ = to_occasions(cust, day, amount, len(ids), int(cut))
    del cust, day, amount  # row-level arrays are not needed past this point: keep the peak low
    if occ.day.size == 0:
        raise InvalidInput(f"no transactions before {as_of}")
    s = score(occ, int(cut), horizon_days, sample=sample)
    say("writing")
    # Rounded numbers print short through pandas' fast path (a float_format goes value by value).
    out = pd.DataFrame({"customer_id": np.asarray(ids, dtype=object),
                        "p_purchase": np.round(s.p_purchase, 6),
                        "expected_value": np.round(s.expected_value, 4)})
    write_atomically(out, Path(out_path))
    return len(out)


def write_atomically(df: pd.DataFrame, out_path: Path) -> None:
    """Write next to the target and rename: a crash never leaves half a file under the real name."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp", dir=out_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            # Customer ids come from the caller's file: no cell may run as a spreadsheet formula.
            text = df.select_dtypes(include=["object", "string"]).columns
            df.assign(**{name: df[name].map(cell) for name in text}).to_csv(fh, index=False)
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
