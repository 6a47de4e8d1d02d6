"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999).

A customer's order values are Gamma(p, nu) around their own mean, and nu ~ Gamma(q, gamma) across
customers. Fitted on repeat buyers only (x > 0, mean repeat spend m > 0), like the published model.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

from core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class GammaGammaParams:
    p: float
    q: float
    v: float

    @property
    def population_mean(self) -> float:
        """E[spend per order] for someone we know nothing about (finite only when q > 1)."""
        return self.p * self.v / (self.q - 1.0) if self.q > 1.0 else float("nan")


def _individual_ll(params, x, m) -> np.ndarray:
    p, q, v = params
    px = p * x
    return (special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q)
            + q * np.log(v) + (px - 1.0) * np.log(m) + px * np.log(x)
            - (px + q) * np.log(v + x * m))


def log_likelihood(params: GammaGammaParams, x, m) -> float:
    x, m = np.asarray(x, float), np.asarray(m, float)
    return float(_individual_ll((params.p, params.q, params.v), x, m).sum())


def fit(x, m, *, penalizer: float = 0.0) -> GammaGammaParams:
    """MLE over customers with at least one repeat purchase and positive mean spend."""
    x, m = np.asarray(x, float), np.asarray(m, float)
    keep = (x > 0) & (m > 0)
    if keep.sum() < 3:
        raise InvalidInput("Gamma-Gamma needs at least 3 repeat buyers with positive spend")
    x, m = x[keep], m[keep]
    n = x.size
    x0 = np.log([2.0, 2.0, float(np.mean(m))])

    def objective(log_p):
        return -_individual_ll(np.exp(log_p), x, m).sum() / n + penalizer * float((log_p ** 2).sum())

    res = optimize.minimize(objective, x0, method="L-BFGS-B", bounds=[(-20, 20)] * 3)
    if not np.isfinite(res.fun):
        raise InvalidInput("Gamma-Gamma fit did not converge on this data")
    return GammaGammaParams(*map(float, np.exp(res.x)))


def expected_spend(params: GammaGammaParams, x, m, *, fallback=None) -> np.ndarray:
    """E[spend per order | x repeat orders averaging m]: a credibility-weighted mean.

    Customers without repeat purchases get `fallback` (e.g. their first order value blended with the
    population mean) or the population mean when none is given.
    """
    x, m = np.asarray(x, float), np.asarray(m, float)
    p, q, v = params.p, params.q, params.v
    with np.errstate(divide="ignore", invalid="ignore"):
        cond = p * (v + x * m) / (p * x + q - 1.0)
    base = params.population_mean if fallback is None else np.asarray(fallback, float)
    if not np.isfinite(params.population_mean) and fallback is None:
        base = float(np.mean(m[x > 0])) if np.any(x > 0) else 0.0
    return np.where((x > 0) & (m > 0) & np.isfinite(cond), cond, base)
