"""RFM extraction, own rhythm (per customer and per category) and the combined ranker."""
from __future__ import annotations

import numpy as np
import pytest

from copilot.scoring import ranker
from copilot.scoring.build import OrderLog, build_features
from copilot.scoring.rfm import rfm_from_transactions, to_occasions
from copilot.scoring.rhythm import category_rhythm, customer_rhythm, shrunk_rhythm
from core.errors import InvalidInput


def test_same_day_orders_merge_into_one_occasion_and_later_rows_are_ignored():
    cust = np.array([0, 0, 0, 1, 0])
    day = np.array([10, 10, 40, 20, 100])
    amount = np.array([5.0, 7.0, 30.0, 9.0, 99.0])
    rfm = rfm_from_transactions(cust, day, amount, 3, as_of=50)
    assert rfm.n_occasions.tolist() == [2, 1, 0]
    assert rfm.frequency.tolist() == [1.0, 0.0, 0.0]
    assert rfm.recency[0] == 30 and rfm.age[0] == 40 and rfm.days_since_last[0] == 10
    assert rfm.total_spend[0] == 42.0 and rfm.first_spend[0] == 12.0 and rfm.monetary[0] == 30.0
    assert np.isinf(rfm.days_since_last[2])


def test_customer_index_out_of_range_is_invalid_input():
    with pytest.raises(InvalidInput):
        rfm_from_transactions(np.array([3]), np.array([1]), np.array([1.0]), 2, as_of=5)


def test_a_short_history_is_pulled_toward_the_prior_cycle_and_a_long_one_keeps_its_own():
    # One 20-day interval vs ten of them, prior 60 days worth two intervals.
    rh = shrunk_rhythm(np.array([20.0, 200.0]), np.array([1, 10]), np.array([30.0, 30.0]), 60.0)
    assert rh.cycle_days[0] == pytest.approx((2 * 60 + 20) / 3)
    assert rh.cycle_days[1] == pytest.approx((2 * 60 + 200) / 12)
    assert rh.dueness[1] > 1.0 > rh.dueness[0]


def test_customer_rhythm_reads_intervals_from_occasions():
    occ = to_occasions(np.array([0, 0, 0]), np.array([0, 60, 120]), np.ones(3), 1, as_of=200)
    rh = customer_rhythm(occ, 200, prior_cycle=60.0)
    assert rh.n_intervals[0] == 2 and rh.cycle_days[0] == pytest.approx(60.0)
    assert rh.dueness[0] == pytest.approx(80 / 60)


def test_category_rhythm_uses_each_categorys_usage_cycle_and_finds_the_most_overdue():
    cust = np.array([0, 0, 0, 0])
    day = np.array([0, 30, 60, 10])
    cat = np.array([0, 0, 0, 1])  # cream every 30 days; one serum bought 80 days ago
    cr = category_rhythm(cust, day, cat, as_of=90, category_cycle=np.array([np.nan, 40.0]))
    due, which = cr.most_overdue(1)
    serum = cr.rhythm.dueness[cr.category == 1][0]
    assert serum == pytest.approx(80 / 40.0)
    assert which[0] == 1 and due[0] == pytest.approx(serum)


def _population(n=3000, seed=0):
    rng = np.random.default_rng(seed)
    per = rng.poisson(3, n) + 1
    cust = np.repeat(np.arange(n), per)
    cycle = rng.uniform(20, 120, n)[cust]
    day = (rng.uniform(0, 200, n)[cust] + np.concatenate([np.arange(k) for k in per]) * cycle)
    return cust, day.astype(np.int64), rng.gamma(4, 25, cust.size)


def test_the_ranker_scores_everyone_with_probabilities_and_non_negative_values():
    cust, day, amount = _population()
    occ = to_occasions(cust, day, amount, 3001, as_of=400)  # customer 3000 never bought
    s = ranker.score(occ, 400, 30)
    assert np.all((s.p_purchase >= 0) & (s.p_purchase <= 1)) and np.all(s.expected_value >= 0)
    assert s.p_purchase[3000] == 0 and s.expected_value[3000] == 0
    assert ranker.train(occ, 400, 30).buy is not None


def test_the_ranker_falls_back_to_bgnbd_when_history_is_too_short_to_learn_from():
    cust, day, amount = _population(n=50)
    occ = to_occasions(cust, day, amount, 50, as_of=400)
    assert ranker.train(occ, 400, 30).buy is None
    assert np.all(ranker.score(occ, 400, 30).p_purchase > 0)


def test_build_features_maps_database_ids_and_rejects_orders_of_unknown_customers():
    cust, day, amount = _population(n=400)
    ids = np.arange(400) * 10 + 7
    f = build_features(ids, OrderLog(ids[cust], day, amount), as_of=400, horizon_days=14)
    assert len(f) == 400 and f.horizon_days == 14 and np.all(f.n_orders[:] >= 1)
    with pytest.raises(InvalidInput):
        build_features(ids, OrderLog(np.array([1]), np.array([1]), np.array([1.0])), as_of=400)


def test_logistic_correction_learns_what_the_offset_misses_and_nothing_more():
    from copilot.scoring.glm import fit_logistic

    rng = np.random.default_rng(6)
    X = rng.normal(size=(20_000, 2))
    offset = rng.normal(size=20_000)
    y = rng.random(20_000) < 1 / (1 + np.exp(-(offset + 1.5 * X[:, 0])))
    model = fit_logistic(X, y.astype(float), offset, l2=0.0)
    beta = model.weights[1:] / model.standardiser.scale
    assert beta == pytest.approx([1.5, 0.0], abs=0.08)
