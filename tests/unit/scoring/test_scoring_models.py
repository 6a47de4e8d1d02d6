"""BG/NBD and Gamma-Gamma maths against the published values, lifetimes, and simulated data."""
from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

from copilot.scoring import bgnbd, gammagamma
from core.errors import InvalidInput

from .conftest import simulate_bgnbd, simulate_spend

PAPER = bgnbd.BGNBDParams(r=0.243, alpha=4.414, a=0.793, b=2.426)


@pytest.fixture(scope="module")
def cdnow_summary():
    lifetimes = pytest.importorskip("lifetimes")
    path = os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "cdnow_customers_summary.csv")
    d = pd.read_csv(path)
    return d["frequency"].to_numpy(float), d["recency"].to_numpy(), d["T"].to_numpy()


def test_paper_parameters_give_the_published_log_likelihood_on_the_cdnow_sample(cdnow_summary):
    assert bgnbd.log_likelihood(PAPER, *cdnow_summary) == pytest.approx(-9582.4, abs=0.1)


def test_fit_on_the_cdnow_sample_reproduces_the_paper_parameters(cdnow_summary):
    fitted = bgnbd.fit(*cdnow_summary)
    assert fitted.as_tuple() == pytest.approx(PAPER.as_tuple(), abs=2e-3)


def test_p_alive_and_expected_purchases_match_lifetimes_on_small_inputs():
    lifetimes = pytest.importorskip("lifetimes")
    fitter = lifetimes.BetaGeoFitter()
    fitter.params_ = pd.Series(dict(r=PAPER.r, alpha=PAPER.alpha, a=PAPER.a, b=PAPER.b))
    x, t_x, T = np.array([0, 1, 2, 7.0]), np.array([0, 5, 30.4, 35.0]), np.array([38.9, 20, 38.9, 38.9])
    ours_alive = bgnbd.p_alive(PAPER, x, t_x, T)
    ours_ex = bgnbd.expected_purchases(PAPER, 10.0, x, t_x, T)
    assert ours_alive == pytest.approx(np.asarray(fitter.conditional_probability_alive(x, t_x, T)))
    assert ours_ex == pytest.approx(np.asarray(
        fitter.conditional_expected_number_of_purchases_up_to_time(10.0, x, t_x, T)))


def test_p_purchase_of_a_customer_without_repeats_is_the_gamma_mixture_of_poisson_silence():
    p = bgnbd.p_purchase(PAPER, 20.0, np.array([0.0]), np.array([0.0]), np.array([30.0]))
    quiet = ((PAPER.alpha + 30) / (PAPER.alpha + 50)) ** PAPER.r
    assert p[0] == pytest.approx(1 - quiet)


def test_p_purchase_never_exceeds_expected_purchases():
    x, t_x, T = simulate_bgnbd(2000, *PAPER.as_tuple(), T=39.0, seed=1)
    p = bgnbd.p_purchase(PAPER, 39.0, x, t_x, T)
    assert np.all(p <= bgnbd.expected_purchases(PAPER, 39.0, x, t_x, T) + 1e-9)
    assert np.all((p >= 0) & (p <= 1))


def test_p_purchase_is_calibrated_on_data_simulated_from_the_model():
    # Simulate 78 weeks, calibrate on the first 39: predicted buyers must match realised buyers.
    x_all, t_all, _ = simulate_bgnbd(30_000, *PAPER.as_tuple(), T=78.0, seed=2)
    x_cal, t_cal, _ = simulate_bgnbd(30_000, *PAPER.as_tuple(), T=39.0, seed=2)
    predicted = bgnbd.p_purchase(PAPER, 39.0, x_cal, t_cal, np.full(x_cal.size, 39.0)).mean()
    assert predicted == pytest.approx((x_all > x_cal).mean(), abs=0.01)


def test_fit_recovers_bgnbd_parameters_from_simulated_data():
    truth = (0.5, 10.0, 0.8, 2.5)
    x, t_x, T = simulate_bgnbd(40_000, *truth, T=52.0, seed=3)
    fitted = bgnbd.fit(x, t_x, T)
    assert fitted.as_tuple() == pytest.approx(truth, rel=0.15)


def test_fit_rejects_recency_beyond_age():
    with pytest.raises(InvalidInput):
        bgnbd.fit([1.0], [10.0], [5.0])


def test_gamma_gamma_fit_matches_the_published_cdnow_spend_parameters():
    lifetimes = pytest.importorskip("lifetimes")
    from lifetimes.datasets import load_cdnow_summary_data_with_monetary_value

    d = load_cdnow_summary_data_with_monetary_value()
    fitted = gammagamma.fit(d["frequency"], d["monetary_value"])
    assert (fitted.p, fitted.q, fitted.v) == pytest.approx((6.2488, 3.7446, 15.4477), rel=2e-3)
    assert lifetimes.__version__ == "0.11.3"


def test_gamma_gamma_recovers_parameters_from_simulated_spend():
    x, m = simulate_spend(30_000, p=6.0, q=4.0, v=15.0, seed=4)
    fitted = gammagamma.fit(x, m)
    assert (fitted.p, fitted.q, fitted.v) == pytest.approx((6.0, 4.0, 15.0), rel=0.1)


def test_conditional_spend_shrinks_a_single_order_toward_the_population_mean():
    params = gammagamma.GammaGammaParams(p=6.0, q=4.0, v=15.0)
    spend = gammagamma.expected_spend(params, np.array([1.0, 50.0]), np.array([100.0, 100.0]))
    assert params.population_mean < spend[0] < spend[1] < 100.0


def test_customers_without_repeats_get_the_fallback_spend():
    params = gammagamma.GammaGammaParams(p=6.0, q=4.0, v=15.0)
    spend = gammagamma.expected_spend(params, np.array([0.0]), np.array([0.0]), fallback=np.array([42.0]))
    assert spend[0] == 42.0


def test_pareto_nbd_fit_and_expectations_match_lifetimes_on_the_cdnow_sample(cdnow_summary):
    lifetimes = pytest.importorskip("lifetimes")
    from copilot.scoring import paretonbd

    fitted = paretonbd.fit(*cdnow_summary)
    assert fitted.as_tuple() == pytest.approx((0.5533, 10.5776, 0.6062, 11.6679), rel=2e-3)
    fitter = lifetimes.ParetoNBDFitter()
    fitter.params_ = pd.Series(dict(r=fitted.r, alpha=fitted.alpha, s=fitted.s, beta=fitted.beta))
    x, t_x, T = (v[:50] for v in cdnow_summary)
    assert paretonbd.p_alive(fitted, x, t_x, T) == pytest.approx(
        np.asarray(fitter.conditional_probability_alive(x, t_x, T)))
    assert paretonbd.expected_purchases(fitted, 10.0, x, t_x, T) == pytest.approx(
        np.asarray(fitter.conditional_expected_number_of_purchases_up_to_time(10.0, x, t_x, T)))
