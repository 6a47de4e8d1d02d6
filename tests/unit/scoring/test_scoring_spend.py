"""Spend per order recalibrated on the time split (`spendmodel`) and its use in the ranker."""
from __future__ import annotations

import numpy as np
import pytest

from copilot.scoring import ranker
from copilot.scoring.rfm import to_occasions
from copilot.scoring.spendmodel import fit_spend, per_order_spend
from core.errors import InvalidInput


def _log_linear(n=20_000, seed=0, sigma=0.6):
    """Next order value = exp(1 + 0.7 log gg + 0.2 log avg + noise): over-dispersed gg."""
    rng = np.random.default_rng(seed)
    gg = np.exp(rng.normal(3.5, 0.8, n))
    avg = gg * np.exp(rng.normal(0.0, 0.4, n))
    log_next = 1.0 + 0.7 * np.log(gg) + 0.2 * np.log(avg) + rng.normal(0.0, sigma, n)
    return gg, avg, np.exp(log_next)


def test_fit_recovers_the_log_linear_coefficients():
    gg, avg, spend = _log_linear()
    model = fit_spend(gg, avg, spend, l2=0.0)
    assert model.coef == pytest.approx([1.0, 0.7, 0.2], abs=0.05)


def test_smearing_makes_predicted_spend_unbiased_in_money_not_only_in_logs():
    gg, avg, spend = _log_linear(sigma=0.8)
    model = fit_spend(gg, avg, spend)
    # Log-normal noise: exp(mean log) undershoots the mean by exp(sigma^2 / 2) ~ 1.38.
    assert model.smear == pytest.approx(np.exp(0.8**2 / 2), rel=0.03)
    assert model.predict(gg, avg).mean() == pytest.approx(spend.mean(), rel=0.03)


def test_buyers_without_a_positive_spend_are_ignored_and_too_few_is_invalid():
    gg, avg, spend = _log_linear(n=100)
    spend[:50] = 0.0
    fit_spend(gg, avg, spend)  # 50 usable rows
    with pytest.raises(InvalidInput):
        fit_spend(gg[:40], avg[:40], spend[:40])  # none usable


def test_per_order_spend_averages_over_occasions_and_is_zero_without_any():
    out, count = per_order_spend(np.array([0, 0, 2]), np.array([10.0, 30.0, 5.0]), 4)
    assert out.tolist() == [20.0, 0.0, 5.0, 0.0] and count.tolist() == [2, 0, 1, 0]


def test_the_ranker_learns_a_spend_model_and_values_stay_in_money():
    rng = np.random.default_rng(3)
    n = 3000
    per = rng.poisson(3, n) + 1
    cust = np.repeat(np.arange(n), per)
    level = rng.gamma(4, 25, n)  # each customer's own order value
    day = rng.integers(0, 400, cust.size)
    amount = level[cust] * rng.gamma(10, 0.1, cust.size)
    occ = to_occasions(cust, day, amount, n, as_of=400)
    trained = ranker.train(occ, 400, 60)
    assert trained.spend is not None
    s = ranker.score(occ, 400, 60, ranker=trained)
    # Per-order spend follows the customer's own level, on the same scale as the orders.
    assert np.corrcoef(np.log(s.expected_spend), np.log(level))[0, 1] > 0.8
    assert s.expected_spend.mean() == pytest.approx(amount.mean(), rel=0.2)
