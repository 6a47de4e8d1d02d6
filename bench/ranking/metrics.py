"""Ranking metrics for "who buys next", plus wall time and peak memory of a callable."""
from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import numpy as np
from scipy import stats


def roc_auc(score: np.ndarray, label: np.ndarray) -> float:
    """Mann-Whitney form; ties count half, so a constant score gives exactly 0.5."""
    label = label.astype(bool)
    ranks = stats.rankdata(score)
    n_pos, n_neg = label.sum(), (~label).sum()
    return float((ranks[label].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _top(score: np.ndarray, share: float) -> np.ndarray:
    k = max(1, int(round(share * score.size)))
    # Stable order on a random-free tie break (index) keeps results reproducible.
    return np.argsort(-score, kind="stable")[:k]


def precision_at(score: np.ndarray, label: np.ndarray, share: float = 0.1) -> float:
    return float(label[_top(score, share)].mean())


def spend_captured(score: np.ndarray, spend: np.ndarray, share: float = 0.1) -> float:
    total = spend.sum()
    return float(spend[_top(score, share)].sum() / total) if total > 0 else float("nan")


def spearman(pred: np.ndarray, actual: np.ndarray) -> float:
    return float(stats.spearmanr(pred, actual).statistic)


def all_metrics(buy_score, value_score, bought, spent) -> dict[str, float]:
    return {
        "roc_auc": roc_auc(buy_score, bought),
        "prec@10%": precision_at(buy_score, bought),
        "spend@10%": spend_captured(value_score, spent),
        "spearman": spearman(value_score, spent),
    }


def measure(fn: Callable[[], object]) -> tuple[object, float, float]:
    """(result, wall seconds, peak MB). Timed run first, then a traced run for memory, so the
    tracer's overhead never inflates the time."""
    t0 = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - t0
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, wall, peak
