"""/goal: the month's target, sales so far, the gap, and the contacts most likely to close it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from copilot.contacts import ContactLine, ContactsService
from copilot.contacts.cache import ScoringCache
from copilot.guide.actions import hidden_customers
from copilot.sales import month_to_date_sales
from copilot.scoring import GapPlan
from core.domain import Staff
from core.ports import UnitOfWork


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
