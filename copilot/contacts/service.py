"""The contacts service: score the database, then answer "whom do I contact today?" per guide."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np

from copilot.contacts import arrays, snapshot
from copilot.scoring import (
    CustomerFeatures, FatiguePolicy, GapPlan, Status, Tier, build_features, plan_gap, rank_today, reasons,
)
from copilot.scoring.segments import named_segments, counts_by_guide
from core.domain import Staff
from core.errors import InvalidInput
from core.ports import UnitOfWork

# Candidates read beyond the page: the live state (a contact just made, fatigue) pushes some down.
LIVE_MARGIN = 30
SEGMENTS = ("silent", "first_time_no_repeat", "vip_at_risk", "overdue", "birthday_this_week", "recently_engaged")


@dataclass(frozen=True)
class ContactLine:
    customer_id: int
    name: str
    tier: Tier
    status: Status
    value: float  # expected sales over the horizon, engagement-adjusted
    p_purchase: float
    reasons: list[str]


@dataclass(frozen=True)
class TodayPage:
    lines: list[ContactLine]
    total: int  # eligible + pushed-down contacts in the (segment-filtered) list
    page: int
    pages: int


class ContactsService:
    def __init__(self, *, timezone: str, ranking) -> None:
        self._tz = ZoneInfo(timezone)
        self._ranking = ranking  # core.settings.RankingSettings
        self._policy = FatiguePolicy.from_settings(ranking)

    def local_date(self, now: datetime):
        return now.astimezone(self._tz).date()

    def local_month(self, now: datetime) -> str:
        return now.astimezone(self._tz).strftime("%Y-%m")

    def score_all(self, uow: UnitOfWork, now: datetime) -> int:
        """The nightly job: fit and score every customer, replace the stored snapshot."""
        orders = arrays.order_log(uow.scoring.paid_orders(), self._tz)
        pop = arrays.population(uow, None, arrays.spend_by_customer(orders), self._ranking.vip_spend)
        if pop.ids.size == 0 or orders.day.size == 0:
            raise InvalidInput("nothing to score yet: import customers and orders first")
        engagement, contacts = arrays.activity(uow, pop.ids, now, None)
        today = arrays.local_day(now, self._tz) + 1  # orders of today count: as_of is exclusive
        build = dict(profile=pop.profile, engagement=engagement, contacts=contacts)
        month = build_features(pop.ids, orders, today, horizon_days=self._ranking.horizon_days, **build)
        members = {name: self._segment_mask(name, month, now) for name in SEGMENTS}
        uow.scoring.replace_snapshot(snapshot.encode(month, now, members, SEGMENTS))
        return int(pop.ids.size)

    def features(self, uow: UnitOfWork, now: datetime, owner_id: int | None = None, *,
                 ids: list[int] | None = None) -> tuple[arrays.Population, CustomerFeatures]:
        """Live features of every customer (of one guide, or of the `ids` named)."""
        # VIP by spend comes from the snapshot's total_spend below, not from a second order scan.
        pop = arrays.population(uow, owner_id, {}, self._ranking.vip_spend, ids=ids)
        stored = uow.scoring.snapshot(owner_id, ids=ids)
        engagement, contacts = arrays.activity(uow, pop.ids, now, owner_id, only=ids)
        f = snapshot.decode(pop, stored, now, self._ranking.horizon_days, engagement, contacts)
        vip = f.is_vip | (np.nan_to_num(f.total_spend) >= self._ranking.vip_spend)
        return pop, replace(f, is_vip=vip)

    def today(self, uow: UnitOfWork, guide: Staff, now: datetime, *, segment: str | None = None,
              page: int = 0, per_page: int = 10, hidden: Collection[int] = ()) -> TodayPage:
        """One page of the guide's list. The nightly snapshot holds the priority order: only the top
        rows up to this page (and a margin for those the live state pushes down) are read and ranked
        again with what changed since (contacts made, fatigue, engagement, quiet hours, opt-outs)."""
        bit = 1 << SEGMENTS.index(self._known_segment(segment)) if segment else 0
        total = uow.scoring.ranked_count(guide.id, hidden=hidden, segment_bit=bit)
        pages = max(1, -(-total // per_page))
        page = min(max(page, 0), pages - 1)
        window = (page + 1) * per_page + max(2 * per_page, LIVE_MARGIN)
        ids = uow.scoring.ranked(guide.id, limit=window, hidden=hidden, segment_bit=bit)
        pop, f = self.features(uow, now, guide.id, ids=ids)
        ranking = rank_today(f, now.astimezone(self._tz).hour, self._policy)
        order = ranking.order
        if segment:  # members last night; still members now?
            order = order[self._segment_mask(segment, f, now)[order]]
        rows = order[page * per_page : (page + 1) * per_page]
        return TodayPage(_lines(uow, now, pop, f, ranking, rows, guide.language), total, page, pages)

    def lines_for(self, uow: UnitOfWork, guide: Staff, now: datetime, ids: list[int]) -> list[ContactLine]:
        """These customers ranked live like today's list (e.g. the customers of the guide's open
        care tasks), in priority order, with their reasons in the guide's language."""
        if not ids:
            return []
        pop, f = self.features(uow, now, None, ids=ids)
        ranking = rank_today(f, now.astimezone(self._tz).hour, self._policy)
        return _lines(uow, now, pop, f, ranking, ranking.order, guide.language)

    def segment_counts(self, uow: UnitOfWork, now: datetime, owner_id: int | None = None) -> dict[str, dict[int, int]]:
        _, f = self.features(uow, now, owner_id)
        return counts_by_guide(f, {name: self._segment_mask(name, f, now) for name in SEGMENTS})

    def segment_members(self, uow: UnitOfWork, now: datetime, segment: str, owner_id: int | None = None) -> list[int]:
        _, f = self.features(uow, now, owner_id)
        return f.customer_id[self._segment_mask(segment, f, now)].tolist()

    def gap_plan(self, uow: UnitOfWork, guide: Staff, now: datetime,
                 month_to_date: Decimal, *, hidden: Collection[int] = ()) -> tuple[GapPlan, list[ContactLine]]:
        pop, f = self.features(uow, now, guide.id)
        f = _without(f, hidden)
        # "This week" from the calibrated 30-day expectation: a model fitted for 7 days sees few
        # buyers in its training window and came out under-calibrated (a week worth 7% of a month on
        # the demo brand), while purchases accrue about linearly over a month.
        week = replace(f, expected_value=f.expected_value * 7 / f.horizon_days, horizon_days=7)
        plan = plan_gap(week, float(month_to_date), float(guide.monthly_target), budget=guide.daily_budget,
                        local_hour=now.astimezone(self._tz).hour, policy=self._policy)
        texts = reasons(f, plan.picks, guide.language, days_since=_days_since(uow, now, f, plan.picks))
        lines = [ContactLine(int(f.customer_id[i]), pop.names[i], Tier.NEVER_BOUGHT, Status.OK,
                             float(v), float(f.p_purchase[i]), t)
                 for i, v, t in zip(plan.picks.tolist(), plan.expected.tolist(), texts)]
        return plan, lines

    def _segment_mask(self, name: str, f: CustomerFeatures, now: datetime) -> np.ndarray:
        segments = named_segments(now.astimezone(self._tz).date(), self._ranking.silent_days)
        return np.asarray(segments[self._known_segment(name)](f), bool)

    @staticmethod
    def _known_segment(name: str) -> str:
        if name not in SEGMENTS:
            raise InvalidInput(f"unknown segment {name!r}; choose one of {', '.join(SEGMENTS)}")
        return name


def _lines(uow: UnitOfWork, now: datetime, pop, f: CustomerFeatures, ranking, rows: np.ndarray,
           language: str) -> list[ContactLine]:
    texts = reasons(f, rows, language, status=ranking.status, days_since=_days_since(uow, now, f, rows))
    return [ContactLine(int(f.customer_id[i]), pop.names[i], Tier(int(ranking.tier[i])), Status(int(ranking.status[i])),
                        float(ranking.score[i]), float(f.p_purchase[i]), t) for i, t in zip(rows.tolist(), texts)]


def _days_since(uow: UnitOfWork, now: datetime, f: CustomerFeatures, rows: np.ndarray) -> dict[int, int]:
    """Row -> whole days since the customer's last paid order, for the rows a screen shows."""
    last = uow.scoring.last_orders([int(f.customer_id[i]) for i in rows.tolist()])
    return {i: whole_days(last[cid], now) for i in rows.tolist() if (cid := int(f.customer_id[i])) in last}


def whole_days(earlier: datetime, now: datetime) -> int:
    """Whole days elapsed, the count the card and the draft print (29 days 23 hours is 29)."""
    return max(int((now - earlier).total_seconds() // 86_400), 0)


def _without(f: CustomerFeatures, hidden: Collection[int]) -> CustomerFeatures:
    """Customers the guide put aside (snoozed, not interested) leave the list like opt-outs do."""
    if not hidden:
        return f
    return replace(f, opted_out=np.asarray(f.opted_out, bool) | np.isin(f.customer_id, list(hidden)))
