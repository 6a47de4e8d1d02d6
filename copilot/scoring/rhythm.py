"""Each customer's own re-purchase rhythm, and how overdue they are against it.

A face cream lasts one person two months and another four, so the cycle is estimated per customer
(and per category) from their own inter-purchase intervals. With little history the estimate is
shrunk toward a prior cycle (the product's usage cycle, else the brand's typical cycle): the
posterior mean of an exponential interval under a Gamma prior worth `prior_weight` intervals.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from copilot.scoring.rfm import Occasions, customer_bounds

DEFAULT_PRIOR_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class Rhythm:
    cycle_days: np.ndarray  # expected days between purchases, shrunk
    dueness: np.ndarray  # days since last / cycle; > 1 means overdue; nan without any purchase
    n_intervals: np.ndarray
    mean_interval: np.ndarray  # raw own mean, nan when fewer than one interval


def typical_cycle(intervals_sum: np.ndarray, n_intervals: np.ndarray, default: float = 60.0) -> float:
    """The brand's typical cycle: median of own mean intervals among customers with >= 2 intervals."""
    ok = n_intervals >= 2
    if not ok.any():
        return default
    return float(np.median(intervals_sum[ok] / n_intervals[ok]))


def shrunk_rhythm(
    intervals_sum: np.ndarray,
    n_intervals: np.ndarray,
    days_since_last: np.ndarray,
    prior_cycle: float | np.ndarray,
    prior_weight: float = DEFAULT_PRIOR_WEIGHT,
) -> Rhythm:
    s = np.asarray(intervals_sum, float)
    k = np.asarray(n_intervals, float)
    prior = np.broadcast_to(np.asarray(prior_cycle, float), s.shape)
    cycle = (prior_weight * prior + s) / (prior_weight + k)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_interval = np.where(k > 0, s / np.maximum(k, 1), np.nan)
        due = np.asarray(days_since_last, float) / cycle
    return Rhythm(cycle_days=cycle, dueness=np.where(np.isfinite(due), due, np.nan),
                  n_intervals=k.astype(np.int64), mean_interval=mean_interval)


def customer_rhythm(
    occ: Occasions,
    as_of: int,
    prior_cycle: float | np.ndarray | None = None,
    prior_weight: float = DEFAULT_PRIOR_WEIGHT,
) -> Rhythm:
    """Per-customer rhythm from purchase occasions (sum of intervals = last - first day)."""
    n = occ.n_customers
    first_i, last_i = customer_bounds(occ)
    who = occ.customer[first_i]
    s = np.zeros(n)
    k = np.zeros(n)
    since = np.full(n, np.nan)
    s[who] = occ.day[last_i] - occ.day[first_i]
    k[who] = last_i - first_i
    since[who] = as_of - occ.day[last_i]
    prior = typical_cycle(s, k) if prior_cycle is None else prior_cycle
    return shrunk_rhythm(s, k, since, prior, prior_weight)


@dataclass(frozen=True, slots=True)
class CategoryRhythm:
    """One row per (customer, category) pair the customer has bought in."""

    customer: np.ndarray
    category: np.ndarray
    rhythm: Rhythm

    def most_overdue(self, n_customers: int) -> tuple[np.ndarray, np.ndarray]:
        """Per customer: the highest category due-ness and which category it is (-1 if none)."""
        due = np.nan_to_num(self.rhythm.dueness, nan=-np.inf)
        order = np.lexsort((due, self.customer))  # last of each customer's block is its max
        c = self.customer[order]
        last = np.flatnonzero(np.r_[c[1:] != c[:-1], True]) if c.size else np.zeros(0, np.int64)
        best_due = np.full(n_customers, np.nan)
        best_cat = np.full(n_customers, -1, np.int64)
        best_due[c[last]] = self.rhythm.dueness[order][last]
        best_cat[c[last]] = self.category[order][last]
        return best_due, best_cat


def category_rhythm(
    customer: np.ndarray,
    day: np.ndarray,
    category: np.ndarray,
    as_of: int,
    category_cycle: np.ndarray | None = None,
    prior_weight: float = DEFAULT_PRIOR_WEIGHT,
) -> CategoryRhythm:
    """Rhythm per (customer, category); `category_cycle[c]` is category c's usage cycle (nan: unknown).

    Rows are order lines (customer, day, category index); rows on or after `as_of` are ignored.
    Categories without a usage cycle fall back to the typical cycle observed in that data.
    """
    customer, day, category = (np.asarray(v, np.int64) for v in (customer, day, category))
    keep = day < as_of
    customer, day, category = customer[keep], day[keep], category[keep]
    n_cat = int(category.max()) + 1 if category.size else 1
    pair = customer * n_cat + category
    uniq_pair, pair_idx = np.unique(pair, return_inverse=True)
    occ = _group_occasions(pair_idx, day, uniq_pair.size)
    base = customer_rhythm(occ, as_of, prior_weight=prior_weight)
    cats = uniq_pair % n_cat
    prior = np.full(uniq_pair.size, typical_cycle(
        base.mean_interval * base.n_intervals, base.n_intervals))
    if category_cycle is not None:
        known = np.asarray(category_cycle, float)[cats]
        prior = np.where(np.isfinite(known), known, prior)
    first_i, last_i = customer_bounds(occ)
    s = np.zeros(uniq_pair.size)
    since = np.full(uniq_pair.size, np.nan)
    s[occ.customer[first_i]] = occ.day[last_i] - occ.day[first_i]
    since[occ.customer[first_i]] = as_of - occ.day[last_i]
    rh = shrunk_rhythm(s, base.n_intervals, since, prior, prior_weight)
    return CategoryRhythm(customer=uniq_pair // n_cat, category=cats, rhythm=rh)


def _group_occasions(group: np.ndarray, day: np.ndarray, n_groups: int) -> Occasions:
    """Distinct (group, day) occasions, sorted, amounts unused."""
    span = int(day.max() - day.min() + 1) if day.size else 1
    key = np.unique(group * span + (day - (day.min() if day.size else 0)))
    g = key // span
    d = key % span + (day.min() if day.size else 0)
    return Occasions(customer=g, day=d, amount=np.zeros(g.size), n_customers=n_groups)
