"""Segments and filters: pure predicates over `CustomerFeatures`, each returning a boolean mask.

Masks combine with `&` and `|`, so a manager's "first-time buyers in store 3 who bought skincare" is
`first_time_no_repeat(f) & in_stores(f, [3]) & bought_category(f, ["skincare"])`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

import numpy as np

from copilot.scoring.table import CustomerFeatures
from core.errors import InvalidInput


def silent(f: CustomerFeatures, days: int = 90) -> np.ndarray:
    """Bought before, nothing for at least `days` days."""
    return (f.n_orders > 0) & (f.days_since_last >= days)


def first_time_no_repeat(f: CustomerFeatures, within_days: int = 90) -> np.ndarray:
    """First (and only) purchase occasion within the last `within_days` days."""
    return (f.n_orders == 1) & (f.days_since_first <= within_days)


def overdue(f: CustomerFeatures, factor: float = 1.2, min_orders: int = 2) -> np.ndarray:
    """Past their own rhythm by `factor` (1.2: 20% later than usual); needs a rhythm to be past."""
    return (f.n_orders >= min_orders) & (np.nan_to_num(f.dueness, nan=0.0) >= factor)


def vip_at_risk(f: CustomerFeatures, p_alive_below: float = 0.6, due_factor: float = 1.5) -> np.ndarray:
    """VIPs the models think may be slipping: low P(alive) or well past their own rhythm."""
    late = np.nan_to_num(f.dueness, nan=0.0) >= due_factor
    return np.asarray(f.is_vip, bool) & (f.n_orders > 0) & ((f.p_alive < p_alive_below) | late)


def birthday_within(f: CustomerFeatures, today: date, days: int = 7) -> np.ndarray:
    """Birthday in [today, today + days]; 29 Feb is celebrated on 28 Feb (every year, for simplicity)."""
    md = np.asarray(f.birthday_md, np.int64)
    known = md > 0
    month, day = np.where(known, md // 100, 1), np.where(known, md % 100, 1)
    day = np.where((month == 2) & (day == 29), 28, day)
    ahead = np.full(len(f), 10_000)
    for year in (today.year, today.year + 1):  # next occurrence may fall in next year
        months = np.datetime64(f"{year:04d}-01", "M") + (month - 1)
        dates = months.astype("datetime64[D]") + (day - 1)
        delta = (dates - np.datetime64(today.isoformat(), "D")).astype(np.int64)
        ahead = np.where((delta >= 0) & (delta < ahead), delta, ahead)
    return known & (ahead <= days)


def recently_engaged(f: CustomerFeatures, min_events: int = 1) -> np.ndarray:
    events = f.column("replies_30d") + f.column("views_30d") + f.column("clicks_30d")
    return events >= min_events


def has_tags(f: CustomerFeatures, tags: Iterable[str], *, all_of: bool = False) -> np.ndarray:
    return _any_all(f.tags, tags, len(f), all_of)


def bought_category(f: CustomerFeatures, categories: Iterable[str], *, all_of: bool = False) -> np.ndarray:
    return _any_all(f.categories, categories, len(f), all_of)


def _any_all(masks: dict[str, np.ndarray], keys: Iterable[str], n: int, all_of: bool) -> np.ndarray:
    keys = list(keys)
    if not keys:
        raise InvalidInput("name at least one tag or category")
    cols = [np.asarray(masks.get(k, np.zeros(n, bool)), bool) for k in keys]
    return np.logical_and.reduce(cols) if all_of else np.logical_or.reduce(cols)


def spend_between(f: CustomerFeatures, low: float | None = None, high: float | None = None) -> np.ndarray:
    lo = -np.inf if low is None else low
    hi = np.inf if high is None else high
    if lo > hi:
        raise InvalidInput("spend range: low is above high")
    return (f.total_spend >= lo) & (f.total_spend <= hi)


def in_stores(f: CustomerFeatures, store_ids: Iterable[int]) -> np.ndarray:
    return np.isin(f.store_id, list(store_ids))


def owned_by(f: CustomerFeatures, guide_ids: Iterable[int]) -> np.ndarray:
    return np.isin(f.owner_id, list(guide_ids))


def speaks(f: CustomerFeatures, language: str) -> np.ndarray:
    return f.language == language


def named_segments(today: date, silent_days: int = 90) -> dict[str, Callable[[CustomerFeatures], np.ndarray]]:
    """The segments managers pick by name, bound to today's date and the brand's silent threshold."""
    return {
        "silent": lambda f: silent(f, silent_days),
        "first_time_no_repeat": first_time_no_repeat,
        "vip_at_risk": vip_at_risk,
        "overdue": overdue,
        "birthday_this_week": lambda f: birthday_within(f, today, 7),
        "recently_engaged": recently_engaged,
    }


def counts_by_guide(f: CustomerFeatures, masks: dict[str, np.ndarray]) -> dict[str, dict[int, int]]:
    """{segment: {guide id: members}}; customers without an owner are counted under -1."""
    guides, inverse = np.unique(f.owner_id, return_inverse=True)
    out = {}
    for name, mask in masks.items():
        counts = np.bincount(inverse[mask], minlength=guides.size)
        out[name] = {int(g): int(c) for g, c in zip(guides, counts) if c}
    return out
