"""CDNOW (Fader, Hardie & Lee 2005): our ranker against RFM, BG/NBD+GG and Pareto/NBD+GG.

Run: `python -m bench.ranking` (everything) or `python -m bench.ranking.cdnow` (this table only);
`python -m bench.ranking.ceiling` prints what an in-sample fit on the holdout itself reaches.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable

import numpy as np
import pandas as pd

from bench.ranking.anchors import lifetimes_model, rfm_score, summary
from bench.ranking.metrics import all_metrics, measure
from copilot.scoring import bgnbd
from copilot.scoring.ranker import score
from copilot.scoring.rfm import to_occasions

EPOCH = pd.Timestamp("1970-01-01")
# (calibration end exclusive, horizon days): the paper's split first, then other cut-offs/horizons.
SPLITS = [("1997-10-01", 273), ("1997-10-01", 30), ("1997-10-01", 90),
          ("1997-07-01", 273), ("1997-12-01", 212), ("1998-01-01", 90)]


def _datasets_dir() -> str:
    import lifetimes

    return os.path.join(os.path.dirname(lifetimes.__file__), "datasets")


def load_cdnow() -> pd.DataFrame:
    """The full CDNOW log: 23,570 customers who first bought in Q1 1997, purchases to June 1998."""
    raw = pd.read_csv(os.path.join(_datasets_dir(), "CDNOW_master.txt"), sep=r"\s+", header=None,
                      skiprows=1, names=["customer_id", "date", "cds", "amount"],
                      dtype={"customer_id": str, "date": str})
    return pd.DataFrame({"customer_id": raw["customer_id"],
                         "ordered_at": pd.to_datetime(raw["date"], format="%Y%m%d"),
                         "amount": raw["amount"].astype(float)})


def ours(tx: pd.DataFrame, as_of: pd.Timestamp, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(tx["customer_id"], sort=True)
    day = ((tx["ordered_at"] - EPOCH) // pd.Timedelta(days=1)).to_numpy()
    occ = to_occasions(codes, day, tx["amount"].to_numpy(), len(uniques), (as_of - EPOCH).days)
    s = score(occ, (as_of - EPOCH).days, horizon)
    keep = s.rfm.active  # same population as the anchors: customers seen before as_of
    return s.p_purchase[keep], s.expected_value[keep]


def methods(tx, as_of, horizon) -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    return {
        "ours": lambda: ours(tx, as_of, horizon),
        "RFM score": lambda: rfm_score(summary(tx, as_of)),
        "BG/NBD+GG (lifetimes)": lambda: lifetimes_model(summary(tx, as_of), horizon, "bgnbd"),
        "Pareto/NBD+GG (lifetimes)": lambda: lifetimes_model(summary(tx, as_of), horizon, "pnbd"),
    }


def truth(tx, as_of, horizon):
    cal = summary(tx, as_of)
    hold = tx[(tx["ordered_at"] >= as_of) & (tx["ordered_at"] < as_of + pd.Timedelta(days=horizon))]
    spent = hold.groupby("customer_id")["amount"].sum().reindex(cal.index, fill_value=0.0)
    return (spent > 0).to_numpy(), spent.to_numpy()


def run_split(tx, as_of: str, horizon: int, *, timing: bool = True) -> list[dict]:
    cut = pd.Timestamp(as_of)
    bought, spent = truth(tx, cut, horizon)
    rows = []
    for name, fn in methods(tx, cut, horizon).items():
        if timing:
            (buy, value), wall, peak = measure(fn)
        else:
            (buy, value), wall, peak = fn(), float("nan"), float("nan")
        rows.append({"method": name, **all_metrics(buy, value, bought, spent),
                     "wall_s": wall, "peak_MB": peak})
    return rows


def print_table(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"{'method':<27}{'ROC-AUC':>8}{'prec@10%':>9}{'spend@10%':>10}{'Spearman':>9}"
          f"{'wall s':>8}{'peak MB':>9}")
    for r in rows:
        print(f"{r['method']:<27}{r['roc_auc']:>8.3f}{r['prec@10%']:>9.3f}{r['spend@10%']:>10.3f}"
              f"{r['spearman']:>9.3f}{r['wall_s']:>8.2f}{r['peak_MB']:>9.1f}")
    keys = ("roc_auc", "prec@10%", "spend@10%", "spearman")
    best = {k: max(r[k] for r in rows[1:]) for k in keys}
    deltas = ", ".join(f"{k} {rows[0][k] - best[k]:+.3f}" for k in keys)
    wins = sum(rows[0][k] > best[k] for k in keys)
    print(f"ours minus best anchor: {deltas} (ahead on {wins}/4)")
    if rows[0]["wall_s"] == rows[0]["wall_s"]:  # timed run (not nan)
        bg = rows[2]
        print(f"ours vs BG/NBD+GG (lifetimes): time x{rows[0]['wall_s'] / bg['wall_s']:.2f}, "
              f"traced peak memory x{rows[0]['peak_MB'] / bg['peak_MB']:.2f}")


def paper_check() -> None:
    """Our BG/NBD fit on the 1/10 CDNOW sample summary that lifetimes ships (time in weeks)."""
    d = pd.read_csv(os.path.join(_datasets_dir(), "cdnow_customers_summary.csv"))
    p = bgnbd.fit(d["frequency"], d["recency"], d["T"])
    ll = bgnbd.log_likelihood(p, d["frequency"], d["recency"], d["T"])
    print("\nBG/NBD on the CDNOW 1/10 sample (paper: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4)")
    print(f"ours:  r {p.r:.3f}, alpha {p.alpha:.3f}, a {p.a:.3f}, b {p.b:.3f}, LL {ll:.1f}")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    tx = load_cdnow()
    print(f"CDNOW: {tx['customer_id'].nunique():,} customers, {len(tx):,} transactions")
    for i, (as_of, horizon) in enumerate(SPLITS):
        label = "paper split" if i == 0 else "other cut-off/horizon"
        print_table(f"cut-off {as_of} (exclusive), horizon {horizon} days [{label}]",
                    run_split(tx, as_of, horizon, timing=(i == 0 or "--time-all" in argv)))
    paper_check()


if __name__ == "__main__":
    main()
