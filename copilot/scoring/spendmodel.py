"""Spend per order for the next purchases, Gamma-Gamma recalibrated on the time split.

On CDNOW the pseudo-holdout says Gamma-Gamma's conditional spend is over-dispersed: a buyer's next
order value moves only ~0.75 as much (in logs) as Gamma-Gamma predicts, and its convention drops
the first order, so one-time buyers get almost nothing customer-specific. A ridge regression of
log(spend per order in the pseudo-holdout) on log Gamma-Gamma and log average order value (first
order included), among pseudo-holdout buyers, learns both corrections from the customer's own
history. Back to currency with Duan's smearing factor so expected values stay unbiased in yen, not
just in logs (the gap planner adds them up).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import InvalidInput

FLOOR = 1e-2  # amounts are money: below a cent is "nothing"; keeps the logs finite
MIN_BUYERS = 30


def design(gg_spend: np.ndarray, average_spend: np.ndarray) -> np.ndarray:
    """Intercept, log Gamma-Gamma spend, log average order value."""
    gg = np.log(np.maximum(np.asarray(gg_spend, float), FLOOR))
    avg = np.log(np.maximum(np.asarray(average_spend, float), FLOOR))
    return np.column_stack([np.ones(gg.size), gg, avg])


@dataclass(frozen=True, slots=True)
class SpendModel:
    coef: np.ndarray  # on `design` columns
    smear: float  # mean of exp(residual): E[spend] = exp(prediction) * smear

    def predict(self, gg_spend: np.ndarray, average_spend: np.ndarray) -> np.ndarray:
        return np.exp(design(gg_spend, average_spend) @ self.coef) * self.smear


def fit_spend(gg_spend, average_spend, spend_per_order, *, l2: float = 1e-3) -> SpendModel:
    """Rows are pseudo-holdout buyers: their scores at the pseudo cut-off, and what they then spent
    per order. The ridge term only guards a degenerate design (everyone with the same spend)."""
    y = np.asarray(spend_per_order, float)
    keep = np.isfinite(y) & (y > 0)
    if keep.sum() < MIN_BUYERS:
        raise InvalidInput(f"need at least {MIN_BUYERS} buyers with a positive spend")
    A = design(np.asarray(gg_spend)[keep], np.asarray(average_spend)[keep])
    ly = np.log(np.maximum(y[keep], FLOOR))
    reg = l2 * keep.sum() * np.r_[0.0, np.ones(A.shape[1] - 1)]  # the intercept is not shrunk
    coef = np.linalg.solve(A.T @ A + np.diag(reg), A.T @ ly)
    smear = float(np.mean(np.exp(ly - A @ coef)))
    return SpendModel(coef=coef, smear=smear)


def per_order_spend(customer: np.ndarray, amount: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(mean spend per purchase occasion, occasions) for each of `n` customers; 0 without any."""
    total = np.bincount(customer, weights=amount, minlength=n)
    count = np.bincount(customer, minlength=n)
    return np.where(count > 0, total / np.maximum(count, 1), 0.0), count
