"""Re-purchase rhythm: which consumables a customer is due to buy again, on their own clock.

A face cream lasts one person two months and another four, so a customer's own gaps between
purchases of the same product win over the catalogue's `usage_cycle_days` when we have them.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import median

from core.domain import Order, OrderStatus, Product

DAY_SECONDS = 86_400.0


@dataclass(frozen=True, slots=True)
class Due:
    sku: str
    last_bought: datetime
    cycle_days: float
    days_since: float
    personal: bool  # cycle learned from this customer's own purchases

    @property
    def ratio(self) -> float:
        return self.days_since / self.cycle_days


def _purchases(orders: Sequence[Order]) -> dict[str, list[tuple[datetime, int]]]:
    by_sku: dict[str, dict[datetime, int]] = defaultdict(lambda: defaultdict(int))
    for order in orders:
        if order.status != OrderStatus.PAID:
            continue
        for line in order.lines:
            by_sku[line.sku][order.ordered_at] += max(line.quantity, 1)
    return {sku: sorted(days.items()) for sku, days in by_sku.items()}


def _unit_cycle(history: list[tuple[datetime, int]]) -> float | None:
    """Median days one unit lasted this customer, from consecutive purchases of the product."""
    gaps = [
        (later - earlier).total_seconds() / DAY_SECONDS / qty
        for (earlier, qty), (later, _) in zip(history, history[1:])
        if later > earlier
    ]
    return median(gaps) if gaps else None


def due_items(
    orders: Sequence[Order],
    catalogue: Mapping[str, Product],
    now: datetime,
    *,
    early: float = 0.8,
    stale: float = 4.0,
) -> list[Due]:
    """Consumables whose expected end of use is near or past, most overdue first.

    `early` lets the reminder arrive a little before the product runs out; after `stale` cycles
    the customer has most likely moved on, so the product is no longer "due".
    """
    due: list[Due] = []
    for sku, history in _purchases(orders).items():
        product = catalogue.get(sku)
        if product is None or not product.consumable:
            continue
        last_at, last_qty = history[-1]
        personal = _unit_cycle(history)
        unit = personal if personal is not None else float(product.usage_cycle_days or 0)
        cycle = unit * last_qty
        if cycle <= 0:
            continue
        days_since = (now - last_at).total_seconds() / DAY_SECONDS
        if early * cycle <= days_since <= stale * cycle:
            due.append(Due(sku, last_at, cycle, days_since, personal is not None))
    due.sort(key=lambda d: d.ratio, reverse=True)
    return due
