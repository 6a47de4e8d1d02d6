"""CSV files a person opens in a spreadsheet: no cell may run as a formula.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with = + - @ (or a tab or carriage
return before one), so a customer named `=HYPERLINK("http://evil","click")` or an imported order id
`@SUM(...)` in a ledger export would run on the manager's machine. Such text cells get a leading
apostrophe, which spreadsheets show as plain text (OWASP's advice). Numbers stay numbers: a
Decimal, int or float is written as is, and so is text that is just a number (`-12.30`).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_TRIGGERS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer with every cell passed through `cell`."""

    def __init__(self, handle: TextIO, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    def writerow(self, rowdict):
        return super().writerow({key: cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for row in rowdicts:
            self.writerow(row)
