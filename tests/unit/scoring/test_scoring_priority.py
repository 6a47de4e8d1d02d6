"""Priority for today: fatigue, opt-out, quiet hours, tie-break tiers; and the gap planner."""
from __future__ import annotations

import numpy as np
import pytest

from copilot.scoring.planner import plan_gap
from copilot.scoring.priority import FatiguePolicy, Status, Tier, rank_today, tiers
from core.errors import InvalidInput
from core.settings import RankingSettings


def test_fatigue_cap_pushes_down_customer_contacted_yesterday(make_features):
    f = make_features(3, expected_value=[500.0, 100.0, 50.0], days_since_contact=[1.0, np.inf, 10.0])
    r = rank_today(f, local_hour=10)
    assert r.order.tolist() == [1, 2, 0]
    assert r.status[0] == Status.RECENTLY_CONTACTED
    assert 0 not in r.top(3).tolist()


def test_monthly_cap_pushes_down_customer_contacted_four_times_this_month(make_features):
    f = make_features(2, expected_value=[500.0, 100.0], contacts_30d=[4, 3], days_since_contact=[5.0, 5.0])
    r = rank_today(f, local_hour=10)
    assert r.status.tolist() == [Status.MONTHLY_CAP, Status.OK]
    assert r.top(2).tolist() == [1]


def test_opted_out_customer_is_excluded_entirely(make_features):
    f = make_features(2, expected_value=[900.0, 1.0], opted_out=[True, False])
    r = rank_today(f, local_hour=10)
    assert r.order.tolist() == [1] and r.status[0] == Status.OPTED_OUT


def test_quiet_hours_mark_everyone_for_later_without_reordering(make_features):
    f = make_features(2, expected_value=[1.0, 2.0])
    r = rank_today(f, local_hour=22)
    assert np.all(r.status == Status.QUIET_HOURS) and r.order.tolist() == [1, 0]
    assert r.top(2).size == 0
    assert FatiguePolicy(quiet_start_hour=21, quiet_end_hour=9).is_quiet(3)
    assert not FatiguePolicy(quiet_start_hour=21, quiet_end_hour=9).is_quiet(9)


def test_policy_reads_the_ranking_settings():
    policy = FatiguePolicy.from_settings(RankingSettings(fatigue_min_days=5, fatigue_max_per_30_days=2))
    assert (policy.min_days_between, policy.max_per_30_days) == (5, 2)


def test_tiers_order_vip_then_repeat_then_first_time_then_never_bought(make_features):
    f = make_features(4, n_orders=[0, 1, 5, 1], is_vip=[False, False, False, True],
                      expected_value=[100.0, 100.0, 100.0, 100.0])
    assert tiers(f).tolist() == [Tier.NEVER_BOUGHT, Tier.FIRST_TIME, Tier.REPEAT, Tier.VIP]
    assert rank_today(f, 10).order.tolist() == [3, 2, 1, 0]


def test_tiers_break_only_near_ties_and_their_order_is_configurable(make_features):
    f = make_features(3, n_orders=[1, 5, 5], expected_value=[102.0, 100.0, 300.0])
    assert rank_today(f, 10).order.tolist() == [2, 1, 0]  # 102 vs 100 is a tie: repeat first
    custom = (Tier.FIRST_TIME, Tier.REPEAT, Tier.VIP, Tier.NEVER_BOUGHT)
    assert rank_today(f, 10, tier_order=custom).order.tolist() == [2, 0, 1]
    with pytest.raises(InvalidInput):
        rank_today(f, 10, tier_order=(Tier.VIP,))


def test_recent_replies_lift_and_unanswered_outreach_lowers_priority(make_features):
    f = make_features(3, expected_value=[100.0, 100.0, 100.0], replies_30d=[0, 3, 0],
                      unanswered_30d=[0, 0, 3])
    r = rank_today(f, 10)
    assert r.score[1] > r.score[0] > r.score[2]


def test_gap_planner_picks_the_highest_expected_sales_that_fatigue_allows(make_features):
    f = make_features(5, expected_value=[50.0, 400.0, 300.0, 200.0, 0.0],
                      days_since_contact=[np.inf, 1.0, np.inf, np.inf, np.inf], horizon_days=7)
    plan = plan_gap(f, month_to_date=30_000, monthly_target=42_000, budget=2, local_hour=23)
    assert plan.gap == 12_000 and plan.picks.tolist() == [2, 3]
    assert plan.expected_total == pytest.approx(500.0)
    assert plan.sentence("en") == ("You are ¥12,000 short; these 2 contacts are expected to bring "
                                   "about ¥500 this week.")
    assert plan.sentence("zh") == "距离本月目标还差¥12,000；这2位客户本周预计可带来约¥500的销售。"


def test_gap_planner_says_so_when_nobody_may_be_contacted(make_features):
    f = make_features(2, opted_out=[True, True])
    plan = plan_gap(f, month_to_date=50_000, monthly_target=42_000)
    assert plan.picks.size == 0 and plan.gap < 0
    assert plan.sentence("en").startswith("You have reached this month's target; nobody")


def test_gap_planner_rejects_a_negative_budget(make_features):
    with pytest.raises(InvalidInput):
        plan_gap(make_features(1), 0, 100, budget=-1)
