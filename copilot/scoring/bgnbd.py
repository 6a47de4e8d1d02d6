"""BG/NBD (Fader, Hardie & Lee 2005): purchase counts while alive, dropout right after a purchase.

Inputs are per-customer arrays in any one time unit: frequency x (repeat purchases), recency t_x and
age T. Parameters are fitted in log space so the optimiser never proposes a negative value.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

from core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class BGNBDParams:
    r: float
    alpha: float
    a: float
    b: float

    def as_tuple(self) -> tuple[float, float, float, float]:
        return self.r, self.alpha, self.a, self.b


def log_likelihood(params: BGNBDParams, x, t_x, T, weights=None) -> float:
    """Sum of the per-customer log-likelihoods (eq. 6 of the paper), optionally weighted."""
    ll = _individual_ll(params.as_tuple(), np.asarray(x, float), np.asarray(t_x, float),
                        np.asarray(T, float))
    return float(ll.sum() if weights is None else (ll * weights).sum())


def _individual_ll(p, x, t_x, T) -> np.ndarray:
    r, alpha, a, b = p
    ln_a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    ln_a2 = (special.gammaln(a + b) + special.gammaln(b + x)
             - special.gammaln(b) - special.gammaln(a + b + x))
    ln_a3 = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    # Only repeat buyers can have died already; log-sum-exp keeps the sum finite for large x.
    ln_a4 = np.where(repeat, np.log(a) - np.log(np.where(repeat, b + x - 1, 1.0))
                     - (r + x) * np.log(alpha + t_x), -np.inf)
    return ln_a1 + ln_a2 + np.logaddexp(ln_a3, ln_a4)


def compress(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Unique rows with their counts: a population collapses to far fewer distinct (x, t_x, T)."""
    stacked = np.column_stack([np.asarray(c, float) for c in columns])
    uniq, counts = np.unique(stacked, axis=0, return_counts=True)
    return [uniq[:, i] for i in range(uniq.shape[1])], counts.astype(float)


SMALL_POPULATION = 500


def fit(x, t_x, T, *, weights=None, penalizer: float | None = None) -> BGNBDParams:
    """Maximum likelihood, with an L2 pull of the log-parameters toward a neutral start.

    `penalizer=None` means: none for 500+ customers, 1/n below that, so a store with a handful of
    customers gets plausible parameters instead of a degenerate MLE (p -> 0 or infinity)."""
    x, t_x, T = (np.asarray(v, float) for v in (x, t_x, T))
    _check(x, t_x, T)
    if weights is None:
        (x, t_x, T), weights = compress(x, t_x, T)
    n = weights.sum()
    if penalizer is None:
        penalizer = 0.0 if n >= SMALL_POPULATION else 1.0 / n
    rate = max(float((x * weights).sum() / max((T * weights).sum(), 1e-9)), 1e-6)
    x0 = np.log([0.5, 0.5 / rate, 1.0, 3.0])

    def objective(log_p):
        ll = (_individual_ll(np.exp(log_p), x, t_x, T) * weights).sum()
        return -ll / n + penalizer * float(((log_p - x0) ** 2).sum())

    res = optimize.minimize(objective, x0, method="L-BFGS-B", bounds=[(-20, 20)] * 4)
    if not np.isfinite(res.fun):
        raise InvalidInput("BG/NBD fit did not converge on this data")
    return BGNBDParams(*map(float, np.exp(res.x)))


def _check(x, t_x, T) -> None:
    if x.size == 0:
        raise InvalidInput("BG/NBD needs at least one customer")
    if np.any(t_x > T) or np.any(x < 0) or np.any(t_x < 0):
        raise InvalidInput("BG/NBD needs 0 <= recency <= age and frequency >= 0")


def _death_odds(p, x, t_x, T) -> np.ndarray:
    """P(dead)/P(alive) given the history; zero for customers with no repeat purchase."""
    r, alpha, a, b = p
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_odds = (np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
                    + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x)))
    return np.where(x > 0, np.exp(np.minimum(log_odds, 700)), 0.0)


def p_alive(params: BGNBDParams, x, t_x, T) -> np.ndarray:
    x, t_x, T = (np.asarray(v, float) for v in (x, t_x, T))
    return 1.0 / (1.0 + _death_odds(params.as_tuple(), x, t_x, T))


def p_no_purchase(params: BGNBDParams, t, x, t_x, T) -> np.ndarray:
    """P(no purchase in (T, T+t] | history).

    Dead customers never buy; an alive one buys nothing in t iff the Poisson clock does not tick
    (dropout only follows a purchase), and given alive the rate's posterior is Gamma(r+x, alpha+T):
    P = (1 - P_alive) + P_alive * ((alpha+T)/(alpha+T+t))**(r+x).
    """
    x, t_x, T = (np.asarray(v, float) for v in (x, t_x, T))
    r, alpha = params.r, params.alpha
    alive = p_alive(params, x, t_x, T)
    stay_quiet = np.exp((r + x) * (np.log(alpha + T) - np.log(alpha + T + t)))
    return (1.0 - alive) + alive * stay_quiet


def p_purchase(params: BGNBDParams, t, x, t_x, T) -> np.ndarray:
    """P(at least one purchase in the next t)."""
    return 1.0 - p_no_purchase(params, t, x, t_x, T)


def expected_purchases(params: BGNBDParams, t, x, t_x, T) -> np.ndarray:
    """E[X(T, T+t] | history] (eq. 10 of the paper)."""
    x, t_x, T = (np.asarray(v, float) for v in (x, t_x, T))
    r, alpha, a, b = params.as_tuple()
    z = t / (alpha + T + t)
    hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
    head = (a + b + x - 1) / (a - 1)
    body = 1.0 - np.exp((r + x) * (np.log(alpha + T) - np.log(alpha + T + t))) * hyp
    out = head * body / (1.0 + _death_odds(params.as_tuple(), x, t_x, T))
    # hyp2f1 loses accuracy for extreme inputs; an expectation can never be negative.
    return np.clip(np.nan_to_num(out, nan=0.0), 0.0, None)


def expected_purchases_new(params: BGNBDParams, t) -> np.ndarray:
    """E[X(t)] for a customer just acquired (eq. 9): what a brand-new buyer is worth."""
    r, alpha, a, b = params.as_tuple()
    t = np.asarray(t, float)
    hyp = special.hyp2f1(r, b, a + b - 1, t / (alpha + t))
    return (a + b - 1) / (a - 1) * (1.0 - (alpha / (alpha + t)) ** r * hyp)
