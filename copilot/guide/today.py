"""The guide's day in the bot: today's list and the month's gap, minus customers put aside."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from copilot.contacts import ContactLine, ContactsService, TodayPage
from copilot.guide.actions import hidden_customers
from copilot.sales import month_to_date_sales
from copilot.scoring import GapPlan
from copilot.contacts.cache import ScoringCache
from core.domain import Staff
from core.ports import UnitOfWork


def today(contacts: ContactsService, uow: UnitOfWork, staff: Staff, now: datetime, *,
          segment: str | None = None, page: int = 0, per_page: int = 10,
          cache: ScoringCache | None = None) -> TodayPage:
    hidden = hidden_customers(uow, staff, now)
    scoring_uow = cache.view(uow, now) if cache else uow
    return contacts.today(scoring_uow, staff, now, segment=segment, page=page, per_page=per_page, hidden=hidden)


@dataclass(frozen=True, slots=True)
class Goal:
    target: Decimal
    month_to_date: Decimal
    plan: GapPlan
    contacts: list[ContactLine]

    @property
    def gap(self) -> Decimal:
        return max(self.target - self.month_to_date, Decimal("0"))


def goal(contacts: ContactsService, uow: UnitOfWork, staff: Staff, now: datetime, *, timezone: str,
         cache: ScoringCache | None = None) -> Goal:
    sales = month_to_date_sales(uow, staff.id, now, timezone=timezone)
    hidden = hidden_customers(uow, staff, now)
    plan, lines = contacts.gap_plan(cache.view(uow, now) if cache else uow, staff, now, sales, hidden=hidden)
    return Goal(staff.monthly_target, sales, plan, lines)
