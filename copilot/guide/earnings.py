"""/me: a guide's day and month from the commission ledger, and the month's progress by day.

Every figure is dated when it happened, not when it was booked: an import books days of sales at
once, and a chart by booking day would show nothing for days the guide sold and a spike on the
import day. A sale of an earlier month booked in this one (a late import) is drawn on day 1.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from copilot.sales import Earnings, SalesPolicy, earnings
from core.domain import Staff
from core.ports import DatedAmount, UnitOfWork

ZERO = Decimal("0")


@dataclass(frozen=True, slots=True)
class MyMonth:
    earnings: Earnings
    target: Decimal
    today: date
    days_in_month: int
    daily_sales: list[Decimal]  # day 1 .. today by the day of the sale, net of refunds
    sales_today: int  # orders credited today (by purchase time)

    @property
    def cumulative_sales(self) -> list[Decimal]:
        running, out = ZERO, []
        for amount in self.daily_sales:
            running += amount
            out.append(running)
        return out

    @property
    def sales_amount_today(self) -> Decimal:
        return self.daily_sales[-1] if self.daily_sales else ZERO


def my_month(uow: UnitOfWork, staff: Staff, now: datetime, *, timezone: str) -> MyMonth:
    policy = SalesPolicy(timezone=timezone)
    month, today = policy.month_of(now), policy.local_date(now)
    entries = uow.ledger.dated_amounts(staff.id, month)
    daily = daily_amounts(entries, today, policy)
    sold_today = sum(1 for e in entries if e.kind == "sale" and policy.local_date(e.happened_at) == today)
    return MyMonth(earnings(uow, staff.id, month, today, timezone=timezone), staff.monthly_target, today,
                   calendar.monthrange(today.year, today.month)[1], daily, sold_today)


def daily_amounts(entries: list[DatedAmount], today: date, policy: SalesPolicy) -> list[Decimal]:
    """Net amounts per day of the month up to today, each entry on the local day it happened."""
    daily = [ZERO] * today.day
    for entry in entries:
        happened = policy.local_date(entry.happened_at)
        day = 1 if happened < today.replace(day=1) else min(happened, today).day
        daily[day - 1] += entry.base_amount
    return daily
