"""Shared builders for the scoring tests: a BG/NBD simulator and a CustomerFeatures factory."""
from __future__ import annotations

import numpy as np
import pytest

from copilot.scoring.table import CustomerFeatures, empty_profile


def simulate_bgnbd(n, r, alpha, a, b, T, seed=0, max_repeats=200):
    """(x, t_x, T) drawn from the BG/NBD story: Poisson purchases while alive, dropout with
    probability p right after each repeat purchase."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1.0 / alpha, n)
    p = rng.beta(a, b, n)
    T = np.broadcast_to(np.asarray(T, float), (n,)).copy()
    gaps = rng.exponential(1.0, (n, max_repeats)) / np.maximum(lam, 1e-12)[:, None]
    when = np.cumsum(gaps, axis=1)
    last_repeat = rng.geometric(p)  # dies right after this repeat purchase
    k = np.arange(1, max_repeats + 1)
    made = (when <= T[:, None]) & (k[None, :] <= last_repeat[:, None])
    x = made.sum(axis=1)
    t_x = np.where(x > 0, when[np.arange(n), np.maximum(x - 1, 0)], 0.0)
    return x.astype(float), t_x, T


def simulate_spend(n, p, q, v, seed=0):
    """(x, mean spend) under Gamma-Gamma with 1-10 repeat orders each."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 11, n)
    nu = rng.gamma(q, 1.0 / v, n)
    total = rng.gamma(p * x, 1.0 / nu)  # sum of x Gamma(p, nu) order values
    return x.astype(float), total / x


@pytest.fixture
def make_features():
    """CustomerFeatures with sensible defaults; keyword arguments override columns."""

    def build(n: int = 5, **columns) -> CustomerFeatures:
        base = dict(
            customer_id=np.arange(1, n + 1, dtype=np.int64), horizon_days=30,
            n_orders=np.full(n, 3), days_since_last=np.full(n, 40.0),
            days_since_first=np.full(n, 200.0), total_spend=np.full(n, 600.0),
            cycle_days=np.full(n, 60.0), dueness=np.full(n, 40 / 60.0),
            p_alive=np.full(n, 0.9), p_purchase=np.full(n, 0.3), expected_value=np.full(n, 100.0),
            **empty_profile(n),
        )
        base.update(columns)
        for key, value in list(base.items()):
            if isinstance(value, list):
                base[key] = np.asarray(value)
        return CustomerFeatures(**base)

    return build
