"""L2-regularised logistic regression with an offset, fitted by damped Newton in numpy.

The offset is the published model's own prediction (BG/NBD's logit P(buy)). The learned weights
are then a correction on top of it, so with no signal in the features the ranker falls back to
BG/NBD instead of to a constant, and a model trained on the pseudo-holdout's horizon carries over
to the requested one through the offset.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Standardiser:
    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, X: np.ndarray) -> Standardiser:
        scale = X.std(axis=0)
        # A constant column (e.g. no engagement data at all) must not divide by zero.
        return cls(mean=X.mean(axis=0), scale=np.where(scale > 1e-12, scale, 1.0))

    def apply(self, X: np.ndarray) -> np.ndarray:
        return np.clip((X - self.mean) / self.scale, -8.0, 8.0)


@dataclass(frozen=True, slots=True)
class LinearModel:
    weights: np.ndarray  # intercept first
    standardiser: Standardiser

    def link(self, X: np.ndarray, offset: np.ndarray) -> np.ndarray:
        # Same as standardise-then-dot, folded into one matrix product (no standardised copy).
        std = self.standardiser
        lo, hi = std.mean - 8 * std.scale, std.mean + 8 * std.scale
        beta = self.weights[1:] / std.scale
        return offset + (self.weights[0] - std.mean @ beta) + np.clip(X, lo, hi) @ beta

    def predict(self, X: np.ndarray, offset: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(self.link(X, offset), -40, 40)))


def _loss_grad_hess(w, Z1, y, offset, l2):
    eta = offset + Z1 @ w
    n = y.size
    # log(1+e^eta) - y*eta, written to stay finite for large |eta|.
    loss = (np.logaddexp(0.0, eta) - y * eta).sum() / n
    mu = 1.0 / (1.0 + np.exp(-np.clip(eta, -40, 40)))
    curv = mu * (1.0 - mu)
    reg = np.r_[0.0, np.full(w.size - 1, l2)]  # the intercept is not shrunk
    grad = Z1.T @ (mu - y) / n + reg * w
    hess = (Z1.T * curv) @ Z1 / n + np.diag(reg + 1e-10)
    return loss + 0.5 * float((reg * w) @ w), grad, hess


def _newton(Z1, y, offset, l2, max_iter=50):
    """Damped Newton: a handful of iterations with ~20 features, far fewer than quasi-Newton."""
    w = np.zeros(Z1.shape[1])
    loss, grad, hess = _loss_grad_hess(w, Z1, y, offset, l2)
    for _ in range(max_iter):
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while t > 1e-6:
            cand = w - t * step
            c_loss, c_grad, c_hess = _loss_grad_hess(cand, Z1, y, offset, l2)
            if np.isfinite(c_loss) and c_loss <= loss:
                break
            t *= 0.5
        else:
            break
        converged = loss - c_loss < 1e-10
        w, loss, grad, hess = cand, c_loss, c_grad, c_hess
        if converged:
            break
    return w


def fit_logistic(X: np.ndarray, y: np.ndarray, offset: np.ndarray, *, l2: float = 1e-3) -> LinearModel:
    if X.shape[0] != y.size or y.size < 10:
        raise InvalidInput("need at least 10 training rows with matching features")
    std = Standardiser.fit(X)
    Z1 = np.column_stack([np.ones(y.size), std.apply(X)])
    w = _newton(Z1, np.asarray(y, float), np.asarray(offset, float), l2)
    return LinearModel(weights=w, standardiser=std)
