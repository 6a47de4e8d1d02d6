"""/me: a guide's day and month from the commission ledger, and the month's progress by day."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from copilot.sales import Earnings, SalesPolicy, earnings
from core.domain import Staff
from core.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class MyMonth:
    earnings: Earnings
    target: Decimal
    today: date
    days_in_month: int
    cumulative_sales: list[Decimal]  # day 1 .. today, net of refunds, as booked in the ledger


def my_month(uow: UnitOfWork, staff: Staff, now: datetime, *, timezone: str) -> MyMonth:
    policy = SalesPolicy(timezone=timezone)
    month, today = policy.month_of(now), policy.local_date(now)
    daily = [Decimal("0")] * today.day
    for entry in uow.ledger.for_guide(staff.id, month):
        day = policy.local_date(entry.created_at).day
        if day <= today.day:
            daily[day - 1] += entry.base_amount
    running, cumulative = Decimal("0"), []
    for amount in daily:
        running += amount
        cumulative.append(running)
    return MyMonth(earnings(uow, staff.id, month, today, timezone=timezone), staff.monthly_target, today,
                   calendar.monthrange(today.year, today.month)[1], cumulative)
