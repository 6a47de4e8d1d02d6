"""Priority for today: expected value of contacting now, after fatigue, with tie-break tiers.

Opted-out customers are excluded outright; customers within the fatigue caps or reached in quiet
hours are pushed below everyone eligible. Each row carries a status code so the card can say why.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from copilot.scoring.table import CustomerFeatures
from core.errors import InvalidInput


class Tier(IntEnum):
    NEVER_BOUGHT = 0
    FIRST_TIME = 1
    REPEAT = 2
    VIP = 3


class Status(IntEnum):
    OK = 0
    QUIET_HOURS = 1  # pushed down: contact later today
    RECENTLY_CONTACTED = 2  # pushed down: inside the minimum gap
    MONTHLY_CAP = 3  # pushed down: cap per 30 days reached
    OPTED_OUT = 4  # excluded


DEFAULT_TIER_ORDER = (Tier.VIP, Tier.REPEAT, Tier.FIRST_TIME, Tier.NEVER_BOUGHT)


@dataclass(frozen=True, slots=True)
class FatiguePolicy:
    min_days_between: float = 3.0
    max_per_30_days: int = 4
    quiet_start_hour: int = 21
    quiet_end_hour: int = 9

    @classmethod
    def from_settings(cls, ranking) -> FatiguePolicy:
        """From `core.settings.RankingSettings` (duck-typed so this stays a pure module)."""
        return cls(ranking.fatigue_min_days, ranking.fatigue_max_per_30_days,
                   ranking.quiet_start_hour, ranking.quiet_end_hour)

    def is_quiet(self, local_hour: int) -> bool:
        start, end = self.quiet_start_hour, self.quiet_end_hour
        if start == end:
            return False
        return start <= local_hour or local_hour < end if start > end else start <= local_hour < end


@dataclass(frozen=True, slots=True)
class Ranking:
    order: np.ndarray  # row positions, best first; opted-out rows are not in it
    score: np.ndarray  # per row: engagement-adjusted expected value
    tier: np.ndarray
    status: np.ndarray  # Status per row

    def top(self, k: int, *, eligible_only: bool = True) -> np.ndarray:
        rows = self.order[self.status[self.order] == Status.OK] if eligible_only else self.order
        return rows[:k]


def tiers(f: CustomerFeatures) -> np.ndarray:
    t = np.where(f.n_orders >= 2, Tier.REPEAT, np.where(f.n_orders == 1, Tier.FIRST_TIME,
                                                          Tier.NEVER_BOUGHT))
    return np.where(f.is_vip, Tier.VIP, t).astype(np.int64)


def engagement_lift(f: CustomerFeatures) -> np.ndarray:
    """A prior multiplier until outcomes are logged: replies and clicks show intent, unanswered
    outreach shows the opposite. Bounded so it reorders neighbours, never the whole list."""
    z = (0.15 * np.log1p(f.column("replies_30d")) + 0.10 * np.log1p(f.column("clicks_30d"))
         + 0.05 * np.log1p(f.column("views_30d")) - 0.20 * np.log1p(f.column("unanswered_30d")))
    return np.exp(np.clip(z, -0.7, 0.7))


def fatigue_status(f: CustomerFeatures, policy: FatiguePolicy, local_hour: int) -> np.ndarray:
    since = f.column("days_since_contact", np.inf)
    count = f.column("contacts_30d")
    status = np.full(len(f), Status.OK, np.int64)
    if policy.is_quiet(local_hour):
        status[:] = Status.QUIET_HOURS
    status[count >= policy.max_per_30_days] = Status.MONTHLY_CAP
    status[since < policy.min_days_between] = Status.RECENTLY_CONTACTED
    status[np.asarray(f.opted_out, bool)] = Status.OPTED_OUT
    return status


def rank_today(
    f: CustomerFeatures,
    local_hour: int,
    policy: FatiguePolicy | None = None,
    *,
    tier_order: tuple[Tier, ...] = DEFAULT_TIER_ORDER,
    tie_tolerance: float = 0.05,
) -> Ranking:
    """Rank rows of `f` for outreach now.

    Values within `tie_tolerance` (relative) of each other count as a tie; ties go to the better
    tier in `tier_order`, then to the higher exact value.
    """
    policy = policy or FatiguePolicy()
    if not 0 <= local_hour <= 23:
        raise InvalidInput("local_hour must be 0..23")
    value, keys = _priority_keys(f, tier_order, tie_tolerance)
    status = fatigue_status(f, policy, local_hour)
    pushed = (status != Status.OK).astype(np.int64)
    order = np.lexsort((*keys, pushed))  # eligible first, then the priority order
    order = order[status[order] != Status.OPTED_OUT]
    return Ranking(order=order, score=value, tier=tiers(f), status=status)


def priority_order(f: CustomerFeatures, *, tier_order: tuple[Tier, ...] = DEFAULT_TIER_ORDER,
                   tie_tolerance: float = 0.05) -> np.ndarray:
    """Every row, best first, before fatigue and quiet hours: the order the nightly snapshot stores,
    so today's list reads a guide's top rows and applies the live state to those only."""
    _, keys = _priority_keys(f, tier_order, tie_tolerance)
    return np.lexsort(keys)


def _priority_keys(f: CustomerFeatures, tier_order: tuple[Tier, ...], tie_tolerance: float):
    """(value, lexsort keys, last key primary): value bucket, then tier, then exact value."""
    if set(tier_order) != set(Tier):
        raise InvalidInput("tier_order must list every tier exactly once")
    value = np.nan_to_num(f.expected_value, nan=0.0) * engagement_lift(f)
    bucket = np.floor(np.log(value + 1e-9) / np.log1p(tie_tolerance))
    tier_rank = np.empty(len(Tier), np.int64)
    tier_rank[[int(t) for t in tier_order]] = np.arange(len(Tier))
    return value, (-value, tier_rank[tiers(f)], -bucket)
