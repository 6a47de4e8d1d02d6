"""A fast path for order lines written the usual way; pydantic for every other row.

Validating a row with pydantic costs about ten times reading it from the CSV file, which alone
would hold a 1M-line import at a tenth of the reader's speed. Most lines of a shop's export are
plain: ids without spaces, an ISO time, a whole quantity, a price with at most two decimals. Those
are checked here with a few compiled patterns and built as a plain tuple with the fields of
`OrderLineIn` (even pydantic's model_construct costs as much as validating); any row that is not
exactly of that shape (a blank id, a comma in a price, a quantity of 0, an unusual date format...)
goes to pydantic, which accepts or rejects it with its usual message. So the fast path can only
ever take a row pydantic would take, with the same values (tests/unit/importing checks both
agree on a few thousand generated rows).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

_CODE = re.compile(r"[^\s,;]{1,64}")
_QUANTITY = re.compile(r"[1-9][0-9]{0,4}|100000")
_PRICE = re.compile(r"(?:0|[1-9][0-9]{0,11})(?:\.[0-9]{1,2})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?(?:Z|[+-][0-9]{2}:[0-9]{2})?")
_STATUSES = {"": "paid", "paid": "paid", "refunded": "refunded"}


class PlainOrderLine(NamedTuple):
    """An order line as `OrderLineIn` has it, for the rows the fast path took."""

    order_id: str
    customer_id: str
    ordered_at: datetime
    sku: str
    quantity: int
    unit_price: Decimal
    store_id: str | None
    guide_id: str | None
    status: str


class FastOrderLines:
    def __init__(self, timezone: str) -> None:
        self._zone = ZoneInfo(timezone)

    def parse(self, raw: dict[str, str]) -> PlainOrderLine | None:
        """The line, or None when pydantic must decide (the reader has stripped every value)."""
        get = raw.get
        if not all(_CODE.fullmatch(get(name, "")) for name in ("order_id", "customer_id", "sku")):
            return None
        quantity, price, status = get("quantity", ""), get("unit_price", ""), _STATUSES.get(get("status", ""))
        store, guide = get("store_id", ""), get("guide_id", "")
        if (status is None or not _QUANTITY.fullmatch(quantity) or not _PRICE.fullmatch(price)
                or (store and not _CODE.fullmatch(store)) or (guide and not _CODE.fullmatch(guide))):
            return None
        ordered_at = self._time(get("ordered_at", ""))
        if ordered_at is None:
            return None
        return PlainOrderLine(raw["order_id"], raw["customer_id"], ordered_at, raw["sku"], int(quantity),
                              Decimal(price), store or None, guide or None, status)

    def _time(self, text: str) -> datetime | None:
        try:
            if _DATE.fullmatch(text):
                value = datetime.combine(date.fromisoformat(text), time())
            elif _TIME.fullmatch(text):
                value = datetime.fromisoformat(text)
            else:
                return None
        except ValueError:  # 2026-02-30: pydantic words the error
            return None
        return value if value.tzinfo is not None else value.replace(tzinfo=self._zone)
