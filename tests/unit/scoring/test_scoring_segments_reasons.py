"""Segment membership, filters, counts per guide, and reasons in both languages."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from copilot.scoring import segments as seg
from copilot.scoring.priority import Status
from copilot.scoring.reasons import reasons
from core.errors import InvalidInput


def test_silent_means_bought_before_and_nothing_for_90_days(make_features):
    f = make_features(3, n_orders=[2, 2, 0], days_since_last=[90.0, 89.0, np.inf])
    assert seg.silent(f).tolist() == [True, False, False]
    assert seg.silent(f, days=80).tolist() == [True, True, False]


def test_first_time_buyers_of_the_last_90_days_without_a_second_order(make_features):
    f = make_features(3, n_orders=[1, 1, 2], days_since_first=[30.0, 120.0, 30.0])
    assert seg.first_time_no_repeat(f).tolist() == [True, False, False]


def test_overdue_by_own_rhythm_needs_a_rhythm_and_a_late_customer(make_features):
    f = make_features(3, n_orders=[3, 3, 1], dueness=[1.3, 1.1, 5.0])
    assert seg.overdue(f).tolist() == [True, False, False]


def test_vips_at_risk_are_vips_with_low_p_alive_or_far_past_their_rhythm(make_features):
    f = make_features(4, is_vip=[True, True, True, False], p_alive=[0.3, 0.9, 0.9, 0.1],
                      dueness=[1.0, 2.0, 1.0, 3.0])
    assert seg.vip_at_risk(f).tolist() == [True, True, False, False]


def test_birthday_within_seven_days_wraps_around_new_year(make_features):
    f = make_features(4, birthday_md=[1230, 103, 110, 0])
    assert seg.birthday_within(f, date(2025, 12, 28)).tolist() == [True, True, False, False]


def test_recently_engaged_counts_replies_views_and_clicks(make_features):
    f = make_features(3, replies_30d=[1, 0, 0], clicks_30d=[0, 2, 0], views_30d=[0, 0, 0])
    assert seg.recently_engaged(f).tolist() == [True, True, False]


def test_filters_combine_tags_categories_spend_store_guide_and_language(make_features):
    f = make_features(3, tags={"vip-event": np.array([True, False, True])},
                      categories={"skincare": np.array([True, True, False])},
                      total_spend=np.array([100.0, 900.0, 500.0]), store_id=np.array([1, 2, 1]),
                      owner_id=np.array([7, 7, 8]), language=np.array(["zh", "en", "zh"]))
    assert (seg.has_tags(f, ["vip-event"]) & seg.bought_category(f, ["skincare"])).tolist() == [
        True, False, False]
    assert seg.spend_between(f, 200, 1000).tolist() == [False, True, True]
    assert (seg.in_stores(f, [1]) & seg.owned_by(f, [8]) & seg.speaks(f, "zh")).tolist() == [
        False, False, True]
    assert not seg.has_tags(f, ["unknown"]).any()
    with pytest.raises(InvalidInput):
        seg.spend_between(f, 10, 1)


def test_counts_per_segment_per_guide(make_features):
    f = make_features(4, owner_id=np.array([7, 7, 8, -1]), n_orders=[2, 2, 2, 2],
                      days_since_last=[100.0, 10.0, 200.0, 300.0])
    masks = {name: fn(f) for name, fn in seg.named_segments(date(2025, 1, 1)).items()}
    counts = seg.counts_by_guide(f, masks)
    assert counts["silent"] == {7: 1, 8: 1, -1: 1}
    assert set(counts) == {"silent", "first_time_no_repeat", "vip_at_risk", "overdue",
                           "birthday_this_week", "recently_engaged"}


def test_reasons_describe_a_repeat_buyer_rhythm_in_english_and_chinese(make_features):
    f = make_features(1, n_orders=[6], cycle_days=[58.7], days_since_last=[74.0], dueness=[1.26])
    assert reasons(f, [0], "en")[0][0] == "bought 6 times, usually every ~60 days, 74 days since last"
    assert reasons(f, [0], "zh")[0][0] == "买过6次，通常约60天回购一次，距上次已74天"


def test_reasons_are_two_or_three_and_lead_with_the_fatigue_status(make_features):
    f = make_features(2, n_orders=[1, 0], days_since_last=[20.0, np.inf], is_vip=[True, False],
                      days_since_contact=[1.0, np.inf])
    status = np.array([Status.RECENTLY_CONTACTED, Status.OK])
    en = reasons(f, [0, 1], "en", status=status)
    assert 2 <= len(en[0]) <= 3 and en[0][0] == "contacted 1 day(s) ago: give them a rest"
    assert "first order 20 days ago, no second order yet" in en[0]
    assert reasons(f, [1], "zh")[0] == ["尚未购买"]
    with pytest.raises(InvalidInput):
        reasons(f, [0], "fr")
