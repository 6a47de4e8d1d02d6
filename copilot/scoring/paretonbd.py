"""Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie's 2005 note.

Purchases are Poisson(lambda) while alive; lifetimes are exponential(mu); lambda ~ Gamma(r, alpha),
mu ~ Gamma(s, beta). Everything is computed in log space because (alpha+T)^(r+s+x) overflows for
heavy buyers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

from copilot.scoring.bgnbd import compress
from core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class ParetoNBDParams:
    r: float
    alpha: float
    s: float
    beta: float

    def as_tuple(self) -> tuple[float, float, float, float]:
        return self.r, self.alpha, self.s, self.beta


def _log_a0(p, x, t_x, T) -> np.ndarray:
    """log A0 of the note (eq. 19/20): the part of the likelihood for dying before T."""
    r, alpha, s, beta = p
    rsx = r + s + x
    if alpha >= beta:
        big, second = alpha, s + 1.0
        diff = alpha - beta
    else:
        big, second = beta, r + x
        diff = beta - alpha
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.log(special.hyp2f1(rsx, second, rsx + 1, diff / (big + t_x))) - rsx * np.log(big + t_x)
        b = np.log(special.hyp2f1(rsx, second, rsx + 1, diff / (big + T))) - rsx * np.log(big + T)
        return a + np.log1p(-np.exp(np.minimum(b - a, 0.0)))


def _individual_ll(p, x, t_x, T) -> np.ndarray:
    r, alpha, s, beta = p
    head = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    alive = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    dead = np.log(s / (r + s + x)) + _log_a0(p, x, t_x, T)
    return head + np.logaddexp(alive, np.where(np.isfinite(dead), dead, -np.inf))


def log_likelihood(params: ParetoNBDParams, x, t_x, T) -> float:
    x, t_x, T = (np.asarray(v, float) for v in (x, t_x, T))
    return float(_individual_ll(params.as_tuple(), x, t_x, T).sum())


def fit(x, t_x, T) -> ParetoNBDParams:
    x, t_x, T = (np.asarray(v, float) for v in (x, t_x, T))
    if x.size == 0 or np.any(t_x > T):
        raise InvalidInput("Pareto/NBD needs customers with 0 <= recency <= age")
    (x, t_x, T), w = compress(x, t_x, T)
    n = w.sum()
    rate = max(float((x * w).sum() / max((T * w).sum(), 1e-9)), 1e-6)
    x0 = np.log([0.5, 0.5 / rate, 0.5, float(np.average(T, weights=w))])

    def objective(log_p):
        ll = _individual_ll(np.exp(log_p), x, t_x, T)
        return -(ll * w).sum() / n if np.all(np.isfinite(ll)) else 1e10

    res = optimize.minimize(objective, x0, method="Nelder-Mead",
                            options={"maxiter": 4000, "xatol": 1e-6, "fatol": 1e-10})
    return ParetoNBDParams(*map(float, np.exp(res.x)))


def p_alive(params: ParetoNBDParams, x, t_x, T) -> np.ndarray:
    x, t_x, T = (np.asarray(v, float) for v in (x, t_x, T))
    r, alpha, s, beta = params.as_tuple()
    log_odds = (np.log(s / (r + s + x)) + (r + x) * np.log(alpha + T) + s * np.log(beta + T)
                + _log_a0(params.as_tuple(), x, t_x, T))
    return 1.0 / (1.0 + np.exp(np.clip(np.nan_to_num(log_odds, nan=-700), -700, 700)))


def expected_purchases(params: ParetoNBDParams, t, x, t_x, T) -> np.ndarray:
    """E[X(T, T+t] | history] (eq. 41 of the note)."""
    x, t_x, T = (np.asarray(v, float) for v in (x, t_x, T))
    r, alpha, s, beta = params.as_tuple()
    if abs(s - 1.0) < 1e-9:  # the closed form is 0/0 at s = 1; its limit is logarithmic
        rate = (r + x) / (alpha + T) * (beta + T) * np.log((beta + T + t) / (beta + T))
    else:
        rate = (r + x) * (beta + T) / ((alpha + T) * (s - 1)) * (
            1.0 - ((beta + T) / (beta + T + t)) ** (s - 1))
    return rate * p_alive(params, x, t_x, T)
