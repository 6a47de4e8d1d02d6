"""A synthetic transaction log drawn from BG/NBD + Gamma-Gamma, written as the file interface's CSV.

Default: 1M customers, about 4M transactions over two years (seeded, cached between runs).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

START = np.datetime64("2023-01-01", "D")
SPAN_DAYS = 730


def simulate(n_customers: int, seed: int = 7, max_repeats: int = 40):
    """(customer index, day offset, amount) per transaction; vectorised in chunks of 200k."""
    rng = np.random.default_rng(seed)
    parts = []
    for lo in range(0, n_customers, 200_000):
        n = min(200_000, n_customers - lo)
        lam = rng.gamma(0.9, 1 / 60.0, n)  # purchases per day while alive
        p_drop = rng.beta(1.0, 4.0, n)
        first = rng.integers(0, SPAN_DAYS - 180, n)
        gaps = rng.exponential(1.0, (n, max_repeats)).astype(np.float32) / lam[:, None]
        when = first[:, None] + np.cumsum(gaps, axis=1)
        alive_for = rng.geometric(p_drop)  # repeats until (and incl.) the dropout draw
        k = np.arange(1, max_repeats + 1)
        keep = (when < SPAN_DAYS) & (k[None, :] < alive_for[:, None])
        rows, cols = np.nonzero(keep)
        cust = np.r_[np.arange(n), rows] + lo
        day = np.r_[first, when[rows, cols].astype(np.int64)]
        nu = rng.gamma(3.0, 1 / 15.0, n)  # Gamma-Gamma: per-customer spend rate
        amount = rng.gamma(6.0, 1.0, cust.size) / nu[cust - lo]
        parts.append((cust, day, np.round(amount, 2)))
    return tuple(np.concatenate(c) for c in zip(*parts))


def write_csv(path: Path, n_customers: int, seed: int = 7) -> tuple[int, int]:
    """Write (once) and return (customers, transactions)."""
    cust, day, amount = simulate(n_customers, seed)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        order = np.random.default_rng(seed + 1).permutation(cust.size)  # real logs are not sorted
        df = pd.DataFrame({
            "customer_id": pd.Series(cust[order]).map("C{:07d}".format),
            "ordered_at": (START + day[order]).astype(str),
            "amount": amount[order],
        })
        tmp = path.with_suffix(".tmp")
        df.to_csv(tmp, index=False)
        tmp.replace(path)
    return n_customers, int(cust.size)


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(write_csv(Path(f"/tmp/gc-bench/sim_{n}.csv"), n))
