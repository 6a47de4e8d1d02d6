"""Scale: the file interface on a simulated 1M customers / ~4M transactions, against lifetimes
BG/NBD + Gamma-Gamma doing the same job (read CSV, summarise, fit, predict, write CSV); then ranking
one guide's 3,000 contacts for today from stored features.

Run: `python -m bench.ranking.scale [N_CUSTOMERS]`. Each contender runs in its own subprocess so
peak memory is the process's max RSS (everything: pandas, numpy, interpreter), not a tracer's view.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from bench.ranking.simulate import write_csv

AS_OF, HORIZON = "2025-01-01", 30
CACHE = Path("/tmp/gc-bench")


def run_ours(tx: str, out: str) -> None:
    from copilot.scoring.fileio import score_transactions_file

    score_transactions_file(tx, AS_OF, HORIZON, out)


def run_lifetimes(tx: str, out: str) -> None:
    import pandas as pd

    from bench.ranking.anchors import _quiet_lifetimes
    from lifetimes.utils import summary_data_from_transaction_data

    BG, GG, _ = _quiet_lifetimes()
    df = pd.read_csv(tx, parse_dates=["ordered_at"])
    end = pd.Timestamp(AS_OF) - pd.Timedelta(days=1)
    s = summary_data_from_transaction_data(df[df["ordered_at"] <= end], "customer_id", "ordered_at",
                                           monetary_value_col="amount", observation_period_end=end)
    bg = BG().fit(s["frequency"], s["recency"], s["T"])
    n = bg.conditional_expected_number_of_purchases_up_to_time(HORIZON, s["frequency"],
                                                               s["recency"], s["T"])
    rep = s[(s["frequency"] > 0) & (s["monetary_value"] > 0)]
    gg = GG().fit(rep["frequency"], rep["monetary_value"])
    spend = gg.conditional_expected_average_profit(s["frequency"], s["monetary_value"].clip(lower=1e-9))
    pd.DataFrame({"customer_id": s.index, "p_purchase": bg.conditional_probability_alive(
        s["frequency"], s["recency"], s["T"]), "expected_value": n * spend}).to_csv(out, index=False)


def child(which: str, tx: str, out: str) -> None:
    t0 = time.perf_counter()
    (run_ours if which == "ours" else run_lifetimes)(tx, out)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"wall_s": wall, "peak_MB": peak}))


def contend(which: str, tx: Path) -> dict:
    out = CACHE / f"out_{which}.csv"
    res = subprocess.run([sys.executable, "-m", "bench.ranking.scale", "--child", which, str(tx),
                          str(out)], capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def today_latency(n_contacts: int = 3000, repeats: int = 300) -> dict:
    """p50/p95 ms to rank a guide's contacts, write reasons for the top 20 and plan the gap."""
    from bench.ranking.simulate import simulate
    from copilot.scoring.build import OrderLog, build_features
    from copilot.scoring.planner import plan_gap
    from copilot.scoring.priority import rank_today
    from copilot.scoring.reasons import reasons

    cust, day, amount = simulate(20_000, seed=3)
    rng = np.random.default_rng(5)
    n = 20_000
    feats = build_features(np.arange(n), OrderLog(cust, day, amount), 730, contacts={
        "days_since_contact": rng.exponential(20, n), "contacts_30d": rng.poisson(1.0, n)},
        engagement={"replies": rng.poisson(0.3, n), "clicks": rng.poisson(0.5, n)})
    guide = feats.take(rng.choice(n, n_contacts, replace=False))  # "stored features" of one guide
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        ranking = rank_today(guide, 10)
        reasons(guide, ranking.top(20), "zh", status=ranking.status)
        plan_gap(guide, 30_000, 42_000, budget=20)
        times.append((time.perf_counter() - t0) * 1000)
    return {"p50_ms": float(np.percentile(times, 50)), "p95_ms": float(np.percentile(times, 95))}


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--child":
        child(*argv[1:4])
        return
    n = int(argv[0]) if argv else 1_000_000
    tx = CACHE / f"sim_{n}.csv"
    customers, rows = write_csv(tx, n)
    print(f"simulated log: {customers:,} customers, {rows:,} transactions ({tx})")
    ours, anchor = contend("ours", tx), contend("lifetimes", tx)
    print(f"{'contender':<34}{'wall s':>8}{'peak MB':>9}")
    print(f"{'ours (score_transactions_file)':<34}{ours['wall_s']:>8.2f}{ours['peak_MB']:>9.0f}")
    print(f"{'lifetimes BG/NBD + Gamma-Gamma':<34}{anchor['wall_s']:>8.2f}{anchor['peak_MB']:>9.0f}")
    print(f"ratios vs lifetimes: {anchor['wall_s'] / ours['wall_s']:.2f}x faster, "
          f"{ours['peak_MB'] / anchor['peak_MB']:.2f}x the peak memory")
    lat = today_latency()
    print(f"rank one guide's 3,000 contacts for today (+ reasons for top 20 + gap plan): "
          f"p50 {lat['p50_ms']:.1f} ms, p95 {lat['p95_ms']:.1f} ms (target p95 < 50 ms)")


if __name__ == "__main__":
    main(sys.argv[1:])
