"""Target-gap planner: the guide is short of this month's target; whom to contact today.

Expected sales add up across customers, and every eligible contact costs one unit of the daily
budget, so the best plan under a budget of k is simply the k highest expected values among the
customers fatigue allows (no knapsack needed).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from copilot.scoring.priority import FatiguePolicy, rank_today
from copilot.scoring.table import CustomerFeatures
from core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class GapPlan:
    gap: float  # target minus month-to-date sales; <= 0 means the target is met
    picks: np.ndarray  # row positions in the features, best first
    expected: np.ndarray  # expected sales of each pick over the horizon
    expected_total: float
    horizon_days: int

    def sentence(self, lang: str = "zh", currency: str = "¥") -> str:
        return plan_sentence(self, lang, currency)


def plan_gap(
    f: CustomerFeatures,
    month_to_date: float,
    monthly_target: float,
    *,
    budget: int = 20,
    local_hour: int = 10,
    policy: FatiguePolicy | None = None,
) -> GapPlan:
    """Pick up to `budget` contacts with the highest expected sales that fatigue allows.

    Quiet hours only delay a message, so the plan ignores them (it is a plan for the day);
    opt-outs and fatigue caps are hard limits.
    """
    if budget < 0:
        raise InvalidInput("budget must not be negative")
    if monthly_target < 0 or month_to_date < 0:
        raise InvalidInput("target and sales must not be negative")
    policy = policy or FatiguePolicy()
    awake = FatiguePolicy(policy.min_days_between, policy.max_per_30_days, 0, 0)
    ranking = rank_today(f, local_hour, awake)
    picks = ranking.top(budget)
    picks = picks[ranking.score[picks] > 0]  # a contact expected to bring nothing is not a plan
    expected = ranking.score[picks]
    return GapPlan(gap=float(monthly_target - month_to_date), picks=picks, expected=expected,
                   expected_total=float(expected.sum()), horizon_days=f.horizon_days)


def _money(value: float, currency: str) -> str:
    """About-figures: round to 100 above 1,000 so nobody reads false precision."""
    rounded = round(value, -2) if abs(value) >= 1000 else round(value)
    return f"{currency}{rounded:,.0f}"


def _period(days: int, lang: str) -> str:
    if days == 7:
        return "this week" if lang == "en" else "本周"
    if days in (30, 31):
        return "this month" if lang == "en" else "本月"
    return f"in the next {days} days" if lang == "en" else f"未来{days}天"


def plan_sentence(plan: GapPlan, lang: str = "zh", currency: str = "¥") -> str:
    if lang not in ("zh", "en"):
        raise InvalidInput(f"unsupported language {lang!r}")
    n, total, period = len(plan.picks), _money(plan.expected_total, currency), _period(
        plan.horizon_days, lang)
    if lang == "en":
        head = (f"You are {_money(plan.gap, currency)} short" if plan.gap > 0
                else "You have reached this month's target")
        if n == 0:
            return head + "; nobody can be contacted today without breaking the contact limits."
        return f"{head}; these {n} contacts are expected to bring about {total} {period}."
    head = f"距离本月目标还差{_money(plan.gap, currency)}" if plan.gap > 0 else "本月目标已达成"
    if n == 0:
        return head + "；今天没有可联系的客户（均已达到联系频次上限）。"
    return f"{head}；这{n}位客户{period}预计可带来约{total}的销售。"
