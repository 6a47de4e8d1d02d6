"""RFM summary of a transaction log, vectorised: one pass of sort + reduceat, no Python loops.

Conventions follow Fader, Hardie & Lee (2005) and `lifetimes`: several orders on one day count as one
purchase occasion (their amounts add up), `frequency` is the number of *repeat* occasions, `recency`
is last minus first occasion, `age` (the papers' T) is `as_of` minus first occasion. Time is in whole
days (any integer day number, e.g. days since 1970-01-01); `as_of` is exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Occasions:
    """Purchase occasions (customer, day, amount), sorted by customer then day."""

    customer: np.ndarray
    day: np.ndarray
    amount: np.ndarray
    n_customers: int


@dataclass(frozen=True, slots=True)
class RFM:
    """Per-customer summary; customers with no occasion before `as_of` have n_occasions == 0."""

    n_occasions: np.ndarray  # int64
    frequency: np.ndarray  # repeat occasions, float64 (what the likelihoods take)
    recency: np.ndarray  # days between first and last occasion
    age: np.ndarray  # days between first occasion and as_of (T)
    days_since_last: np.ndarray
    total_spend: np.ndarray
    first_spend: np.ndarray
    monetary: np.ndarray  # mean spend of repeat occasions (Gamma-Gamma convention); 0 when none
    average_spend: np.ndarray  # mean spend over all occasions; 0 when none

    @property
    def active(self) -> np.ndarray:
        return self.n_occasions > 0


def to_occasions(
    customer: np.ndarray, day: np.ndarray, amount: np.ndarray, n_customers: int, as_of: int
) -> Occasions:
    """Keep rows before `as_of`, sort, and merge same-day orders into one occasion."""
    customer = np.asarray(customer, dtype=np.int64)
    day = np.asarray(day, dtype=np.int64)
    amount = np.asarray(amount, dtype=np.float64)
    if not (customer.shape == day.shape == amount.shape):
        raise InvalidInput("customer, day and amount must have the same length")
    if customer.size and (customer.min() < 0 or customer.max() >= n_customers):
        raise InvalidInput("customer index out of range")
    keep = day < as_of
    if not keep.all():
        customer, day, amount = customer[keep], day[keep], amount[keep]
    # One int64 key sorts faster than lexsort over two columns.
    span = int(day.max() - day.min() + 1) if day.size else 1
    key = customer * span + (day - (day.min() if day.size else 0))
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if key.size else np.zeros(0, np.int64)
    return Occasions(
        customer=customer[order][starts],
        day=day[order][starts],
        amount=np.add.reduceat(amount[order], starts) if starts.size else np.zeros(0),
        n_customers=n_customers,
    )


def customer_bounds(occ: Occasions) -> tuple[np.ndarray, np.ndarray]:
    """Index of each customer's first and last occasion within `occ` (only customers present)."""
    c = occ.customer
    if not c.size:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    first = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
    last = np.r_[first[1:] - 1, c.size - 1]
    return first, last


def summarise(occ: Occasions, as_of: int) -> RFM:
    n = occ.n_customers
    first_i, last_i = customer_bounds(occ)
    who = occ.customer[first_i]
    n_occ = np.bincount(occ.customer, minlength=n).astype(np.int64)
    total = np.bincount(occ.customer, weights=occ.amount, minlength=n)
    first_day = np.zeros(n, np.int64)
    last_day = np.zeros(n, np.int64)
    first_spend = np.zeros(n)
    first_day[who] = occ.day[first_i]
    last_day[who] = occ.day[last_i]
    first_spend[who] = occ.amount[first_i]
    active = n_occ > 0
    freq = np.maximum(n_occ - 1, 0).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        monetary = np.where(freq > 0, (total - first_spend) / freq, 0.0)
        average = np.where(active, total / np.maximum(n_occ, 1), 0.0)
    return RFM(
        n_occasions=n_occ,
        frequency=freq,
        recency=np.where(active, last_day - first_day, 0).astype(np.float64),
        age=np.where(active, as_of - first_day, 0).astype(np.float64),
        days_since_last=np.where(active, as_of - last_day, np.inf).astype(np.float64),
        total_spend=total,
        first_spend=first_spend,
        monetary=monetary,
        average_spend=average,
    )


def rfm_from_transactions(
    customer: np.ndarray, day: np.ndarray, amount: np.ndarray, n_customers: int, as_of: int
) -> RFM:
    """The one call most callers need: raw rows in, per-customer RFM out."""
    return summarise(to_occasions(customer, day, amount, n_customers, as_of), as_of)


def window_counts(occ: Occasions, as_of: int, windows: tuple[int, ...]) -> dict[int, np.ndarray]:
    """Occasions in the last w days for each window w, per customer: recent momentum."""
    out = {}
    for w in windows:
        mask = occ.day >= as_of - w
        out[w] = np.bincount(occ.customer[mask], minlength=occ.n_customers).astype(np.float64)
    return out
