"""Per-customer signals at a cut-off: the published models' outputs and what they ignore.

BG/NBD sees only (x, t_x, T); the learned correction also gets the own rhythm, recent momentum,
the shape of the history and engagement. Computed the same way at the pseudo cut-off (training)
and at `as_of` (scoring), so the model sees one feature definition.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from copilot.scoring import bgnbd, gammagamma
from copilot.scoring.rfm import RFM, Occasions, customer_bounds, summarise, window_counts
from copilot.scoring.rhythm import Rhythm, customer_rhythm
from core.errors import InvalidInput

WINDOWS = (30, 90, 180)
ENGAGEMENT_KEYS = ("replies", "views", "clicks", "unanswered")


@dataclass(frozen=True, slots=True)
class Signals:
    rfm: RFM
    rhythm: Rhythm
    bg: bgnbd.BGNBDParams
    gg: gammagamma.GammaGammaParams
    windows: dict[int, np.ndarray]
    pattern: np.ndarray  # (n, 3): last interval, last occasion spend, active months


def truncate(occ: Occasions, as_of: int) -> Occasions:
    keep = occ.day < as_of
    if keep.all():  # the usual case when scoring: no copy
        return occ
    return Occasions(occ.customer[keep], occ.day[keep], occ.amount[keep], occ.n_customers)


def sample_rows(mask: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    idx = np.flatnonzero(mask)
    return idx if idx.size <= size else rng.choice(idx, size, replace=False)


def base_signals(occ: Occasions, as_of: int, sample: int, rng) -> Signals:
    rfm = summarise(occ, as_of)
    fit_on = sample_rows(rfm.active, sample, rng)
    if fit_on.size == 0:
        raise InvalidInput("no purchases before the cut-off date")
    bg = bgnbd.fit(rfm.frequency[fit_on], rfm.recency[fit_on], rfm.age[fit_on])
    repeat = fit_on[(rfm.frequency[fit_on] > 0) & (rfm.monetary[fit_on] > 0)]
    try:
        gg = gammagamma.fit(rfm.frequency[repeat], rfm.monetary[repeat])
    except InvalidInput:  # too few repeat buyers: everyone gets the average order value
        gg = gammagamma.GammaGammaParams(p=1.0, q=1e9, v=1e9 * max(rfm.average_spend.mean(), 1e-9))
    return Signals(rfm, customer_rhythm(occ, as_of), bg, gg, window_counts(occ, as_of, WINDOWS),
                 history_shape(occ))


def history_shape(occ: Occasions) -> np.ndarray:
    """What BG/NBD ignores about the *shape* of a history: a shortening last gap, a big last
    basket, and buying across many months (steady) rather than in one burst."""
    n = occ.n_customers
    first_i, last_i = customer_bounds(occ)
    who = occ.customer[first_i]
    out = np.zeros((n, 3))
    out[who, 0] = occ.day[last_i] - occ.day[np.maximum(last_i - 1, first_i)]
    out[who, 1] = occ.amount[last_i]
    # Occasions are sorted by (customer, day): a new month starts where either changes.
    month = occ.day // 30
    new = np.r_[True, (occ.customer[1:] != occ.customer[:-1]) | (month[1:] != month[:-1])]
    out[:, 2] = np.bincount(occ.customer[new], minlength=n)
    return out


def published(b: Signals, horizon: float):
    r = b.rfm
    alive = bgnbd.p_alive(b.bg, r.frequency, r.recency, r.age)
    p = bgnbd.p_purchase(b.bg, horizon, r.frequency, r.recency, r.age)
    ex = bgnbd.expected_purchases(b.bg, horizon, r.frequency, r.recency, r.age)
    # First-time buyers: their first order value, shrunk toward the population mean.
    pop = b.gg.population_mean
    fallback = r.first_spend if not np.isfinite(pop) else 0.5 * r.first_spend + 0.5 * pop
    spend = gammagamma.expected_spend(b.gg, r.frequency, r.monetary, fallback=fallback)
    return alive, p, ex, spend


def feature_matrix(b: Signals, alive, p, ex, engagement: Mapping[str, np.ndarray] | None,
              rows: np.ndarray | None = None) -> np.ndarray:
    """Feature matrix for `rows` (all customers when None); only those rows are materialised."""
    sel = (lambda a: a) if rows is None else (lambda a: np.asarray(a)[rows])
    r = RFM(*(sel(getattr(b.rfm, f)) for f in RFM.__slots__))
    alive, p, ex = sel(alive), sel(p), sel(ex)
    due, cycle, pattern = sel(b.rhythm.dueness), sel(b.rhythm.cycle_days), sel(b.pattern)
    eps = 1e-6
    cols = [
        np.log1p(r.frequency), np.log1p(r.recency), np.log1p(r.age),
        np.log1p(np.nan_to_num(r.days_since_last, posinf=0.0)),
        np.log1p(r.average_spend), np.log1p(r.total_spend),
        np.log(np.clip(alive, eps, 1)) - np.log(np.clip(1 - alive, eps, 1)),
        np.log(np.clip(p, eps, 1)), np.log(ex + eps),
        np.log(np.clip(np.nan_to_num(due, nan=1.0), 0.01, 100)),
        np.log(cycle + 1),
    ]
    cols += [np.log1p(sel(b.windows[w])) for w in WINDOWS]
    cols += [np.log1p(pattern[:, j]) for j in range(pattern.shape[1])]
    for key in ENGAGEMENT_KEYS:
        value = None if engagement is None else engagement.get(key)
        cols.append(np.zeros(r.frequency.size) if value is None else np.log1p(sel(np.asarray(value, float))))
    # One preallocated matrix: stacking copies cost seconds at a million customers.
    X = np.empty((r.frequency.size, len(cols)), order="F")  # column writes stay contiguous
    for j, col in enumerate(cols):
        X[:, j] = col
    return X
