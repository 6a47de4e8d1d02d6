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
    handle = path.open("rb")
    # strict: a quote opened and never closed is an error at the end of the file, not a silent
    # merge of every later row into one value.
    reader = csv.reader(_text_lines(handle, path), strict=True)
    try:
        header = [aliases.get(normalize_header(h), normalize_header(h)) for h in next(reader)]
    except StopIteration:
        handle.close()
        raise InvalidInput(f"{path}: the file is empty") from None
    except (csv.Error, InvalidInput) as exc:
        handle.close()
        raise InvalidInput(f"{path}: the header line cannot be read ({exc})") from None

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        with handle:
            start = reader.line_num + 1
            try:
                for values in reader:
                    if reader.line_num > start and len(values) != len(header):
                        raise InvalidInput(_open_quote(path, start, reader.line_num, len(values), len(header)))
                    if any(v.strip() for v in values):
                        yield start, _zip_row(header, values)
                    start = reader.line_num + 1
            except csv.Error as exc:
                raise InvalidInput(_csv_problem(path, start, reader.line_num, exc)) from None

    return RowSource(path, header, rows(), total)


def _text_lines(handle, path: Path) -> Iterator[str]:
    """The file's lines decoded one by one, so a byte that is not UTF-8 is reported on its own line
    (a decoding reader reads ahead in blocks and would blame a line thousands earlier)."""
    for number, line in enumerate(handle, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"{path}: line {number} is not UTF-8 (byte {line[exc.start]:#04x} at "
                               f"position {exc.start + 1}); save the file as UTF-8") from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _csv_problem(path: Path, start: int, end: int, exc: csv.Error) -> str:
    reason = str(exc)
    if "unexpected end of data" in reason:
        return f"{path}: line {start}: a quote is opened but never closed; every line after it would be one value"
    if "field larger than field limit" in reason:
        return (f"{path}: line {start}: a value is longer than {csv.field_size_limit():,} characters "
                f"(is a quote left open?)")
    if end > start:
        return f"{path}: lines {start}-{end}: not valid CSV ({reason}); is a quote left open on line {start}?"
    return f"{path}: line {start}: not valid CSV ({reason})"


def _open_quote(path: Path, start: int, end: int, found: int, wanted: int) -> str:
    return (f"{path}: lines {start}-{end} read as one row of {found} values for {wanted} columns: "
            f"is a quote left open on line {start}?")


def _xlsx_rows(path: Path, aliases: dict[str, str]) -> RowSource:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, XML and KeyError alike for a damaged file
        raise InvalidInput(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
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


PROBLEM = "__problem__"  # a row the reader already knows is bad: (column, value, reason)


def _zip_row(header: list[str], values: list[str]) -> dict:
    row: dict = {name: value.strip() for name, value in zip(header, values) if name}
    if len(values) > len(header):
        row[PROBLEM] = ("-", ",".join(values[len(header):])[:80], "more values than header columns")
    nul = next((name for name, value in zip(header, values) if "\x00" in value), None)
    if nul is not None:  # PostgreSQL cannot store it, and no real value holds one
        row[PROBLEM] = (nul or "-", row.get(nul, "").replace("\x00", "\\x00")[:80], "contains a NUL character")
    return row


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores ids and counts as floats
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()
