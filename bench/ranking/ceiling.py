"""How far the CDNOW targets are from what this history can tell: fits ON THE HOLDOUT LABELS.

Diagnostic only, never a result: for each split, the ranker's features plus quantile bins of
frequency, recency, age and days since last (a flexible, non-linear logistic) are fitted in-sample
to who bought in the holdout, and a log-linear (quasi-Poisson) spend model to what they spent. No
honestly trained model of the same family can beat these numbers on the same data, so they bound
ROC-AUC and spend captured. Run: `python -m bench.ranking.ceiling`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from bench.ranking.cdnow import EPOCH, SPLITS, load_cdnow
from bench.ranking.metrics import roc_auc, spend_captured
from copilot.scoring.glm import Standardiser, fit_logistic
from copilot.scoring.ranker import _logit
from copilot.scoring.rfm import to_occasions
from copilot.scoring.signals import base_signals, feature_matrix, published


def quantile_bins(v: np.ndarray, q: int) -> np.ndarray:
    """One-hot quantile bins (first bin dropped): lets a logistic bend along one variable."""
    edges = np.unique(np.quantile(v, np.linspace(0, 1, q + 1)[1:-1]))
    return np.eye(edges.size + 1)[np.searchsorted(edges, v, side="right")][:, 1:]


def quasi_poisson(Z: np.ndarray, y: np.ndarray, offset: np.ndarray, iters: int = 30) -> np.ndarray:
    """log E[y] = offset + Z w by Newton on the Poisson score equations (fine for money: only the
    mean model matters). A tiny ridge keeps one-hot bins that nobody falls into solvable."""
    Z1 = np.column_stack([np.ones(y.size), Standardiser.fit(Z).apply(Z)])
    t = y / y.mean()
    w = np.zeros(Z1.shape[1])
    for _ in range(iters):
        mu = np.exp(np.clip(offset + Z1 @ w, -30, 30))
        hess = (Z1.T * mu) @ Z1 / y.size + 1e-6 * np.eye(w.size)
        step = np.linalg.solve(hess, Z1.T @ (mu - t) / y.size)
        w -= step / max(1.0, np.abs(step).max())  # damped: no overflow from one wild step
        if np.abs(step).max() < 1e-8:
            break
    return offset + Z1 @ w


def split_ceiling(tx: pd.DataFrame, as_of: str, horizon: int) -> tuple[float, float]:
    codes, uniques = pd.factorize(tx["customer_id"], sort=True)
    day = ((tx["ordered_at"] - EPOCH) // pd.Timedelta(days=1)).to_numpy()
    amount = tx["amount"].to_numpy()
    a = (pd.Timestamp(as_of) - EPOCH).days
    occ = to_occasions(codes, day, amount, len(uniques), a)
    b = base_signals(occ, a, 50_000, np.random.default_rng(1))
    alive, p, ex, spend = published(b, horizon)
    act = b.rfm.active
    hold = (day >= a) & (day < a + horizon)
    spent = np.bincount(codes[hold], weights=amount[hold], minlength=len(uniques))[act]
    r = b.rfm
    bins = [quantile_bins(np.log1p(r.frequency), 10)] + [
        quantile_bins(v, 20) for v in (r.recency, r.age, r.days_since_last)]
    X = np.column_stack([feature_matrix(b, alive, p, ex, None), *bins])[act]
    buy = fit_logistic(X, (spent > 0).astype(float), _logit(p[act])).predict(X, _logit(p[act]))
    value = (ex * spend)[act]
    Z = np.column_stack([X, np.log(np.maximum(spend[act], 1e-2)),
                         np.log(np.maximum(r.average_spend[act], 1e-2))])
    fitted = quasi_poisson(Z, spent, np.log(np.maximum(value, 1e-6) / spent.mean()))
    return roc_auc(buy, spent > 0), spend_captured(fitted, spent)


def main() -> None:
    tx = load_cdnow()
    print("In-sample ceilings (fitted on the holdout itself; an upper bound, not a result)")
    print(f"{'cut-off':<12}{'horizon':>8}{'ROC-AUC':>9}{'spend@10%':>11}")
    for as_of, horizon in SPLITS:
        auc, captured = split_ceiling(tx, as_of, horizon)
        print(f"{as_of:<12}{horizon:>8}{auc:>9.3f}{captured:>11.3f}")


if __name__ == "__main__":
    main()
