"""Streaming row sources for .csv and .xlsx: rows are yielded one by one, never loaded whole."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import InvalidInput


def normalize_header(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_").replace("-", "_")


@dataclass
class RowSource:
    path: Path
    header: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]  # (1-based line number in the file, row)
    total: int | None  # data rows, when cheap to know (for the progress bar)


def open_rows(path: Path, aliases: dict[str, str]) -> RowSource:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    if suffix == ".csv":
        return _csv_rows(path, aliases)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, aliases)
    raise InvalidInput(f"{path}: unsupported file type {suffix!r} (use .csv or .xlsx)")


def _csv_rows(path: Path, aliases: dict[str, str]) -> RowSource:
    with path.open("rb") as raw:
        # Counting newlines in 1 MiB blocks is cheap even for a 1M-line file; it sizes the bar.
        total = max(sum(block.count(b"\n") for block in iter(lambda: raw.read(1 << 20), b"")) - 1, 0)
    handle = path.open(newline="", encoding="utf-8-sig")
    reader = csv.reader(handle)
    try:
        header = [aliases.get(normalize_header(h), normalize_header(h)) for h in next(reader)]
    except StopIteration:
        handle.close()
        raise InvalidInput(f"{path}: the file is empty") from None
    except UnicodeDecodeError as exc:
        handle.close()
        raise InvalidInput(f"{path}: not UTF-8 text ({exc.reason})") from None

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        with handle:
            try:
                for values in reader:
                    if any(v.strip() for v in values):
                        yield reader.line_num, _zip_row(header, values)
            except UnicodeDecodeError as exc:
                raise InvalidInput(f"{path}: line {reader.line_num + 1} is not UTF-8 ({exc.reason})") from None

    return RowSource(path, header, rows(), total)


def _xlsx_rows(path: Path, aliases: dict[str, str]) -> RowSource:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    cells = sheet.iter_rows(values_only=True)
    try:
        header = [aliases.get(normalize_header(h), normalize_header(h)) for h in next(cells)]
    except StopIteration:
        book.close()
        raise InvalidInput(f"{path}: the sheet is empty") from None
    total = max((sheet.max_row or 1) - 1, 0)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            for number, values in enumerate(cells, start=2):
                texts = [_cell_text(v) for v in values]
                if any(texts):
                    yield number, _zip_row(header, texts)
        finally:
            book.close()

    return RowSource(path, header, rows(), total)


def _zip_row(header: list[str], values: list[str]) -> dict[str, str]:
    row = {name: value.strip() for name, value in zip(header, values) if name}
    if len(values) > len(header):
        row["__extra__"] = ",".join(values[len(header):])
    return row


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores ids and counts as floats
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()
