"""What the ledger says: a guide's earnings for /me, month-to-date sales, the monthly export."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TextIO

from copilot.access import team_store
from core.domain import Staff
from core.spreadsheet import SafeWriter
from core.ports import LedgerLine, UnitOfWork
from copilot.sales.policy import DEFAULT_TIMEZONE, SalesPolicy, parse_month

ZERO = Decimal("0.00")
CSV_HEADER = ("month", "guide_id", "guide_name", "order_id", "kind", "base_amount", "commission",
              "campaign", "attribution", "created_at")


@dataclass(frozen=True, slots=True)
class Earnings:
    month: str
    tasks_done: int  # care tasks the guide completed in the month
    tasks_done_today: int
    sales: int  # orders credited (sale entries) booked in the month
    sales_amount: Decimal  # net of refunds
    commission: Decimal  # month to date, net of refunds
    commission_today: Decimal


def earnings(uow: UnitOfWork, guide_id: int, month: str, today: date, *,
             timezone: str = DEFAULT_TIMEZONE) -> Earnings:
    policy = SalesPolicy(timezone=timezone)
    entries = uow.ledger.for_guide(guide_id, month)
    return Earnings(
        month=month,
        tasks_done=uow.ledger.tasks_done(guide_id, *policy.month_bounds(month)),
        tasks_done_today=uow.ledger.tasks_done(guide_id, *policy.day_bounds(today)),
        sales=sum(1 for e in entries if e.kind == "sale"),
        sales_amount=sum((e.base_amount for e in entries), ZERO),
        commission=sum((e.commission for e in entries), ZERO),
        commission_today=uow.ledger.commission_between(guide_id, *policy.day_bounds(today)),
    )


def month_to_date_sales(uow: UnitOfWork, guide_id: int, now: datetime, *,
                        timezone: str = DEFAULT_TIMEZONE) -> Decimal:
    """Sales credited to the guide and booked in the current month, net of refunds."""
    month = SalesPolicy(timezone=timezone).month_of(now)
    return sum((e.base_amount for e in uow.ledger.for_guide(guide_id, month)), ZERO)


def ledger_rows(uow: UnitOfWork, month: str) -> list[LedgerLine]:
    """Every entry booked in the month, grouped by guide, oldest first."""
    parse_month(month)
    return uow.ledger.lines(month)


def ledger_for_manager(uow: UnitOfWork, manager: Staff, month: str) -> list[LedgerLine]:
    """The month's entries of the guides a manager answers for: their store's, or all for an admin
    or a manager without a store. Guides get NotAllowed: they see their own figures in /me."""
    store = team_store(manager)
    rows = ledger_rows(uow, month)
    if store is None:
        return rows
    team = {s.external_id for s in uow.staff.list(store_id=store)}
    return [row for row in rows if row.guide_external_id in team]


def write_ledger_csv(rows: list[LedgerLine], out: TextIO) -> int:
    writer = SafeWriter(out)  # names and ids come from imports and customers: no formulas
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow((r.month, r.guide_external_id, r.guide_name, r.order_external_id, r.kind,
                         r.base_amount, r.commission, r.campaign, r.attribution,
                         r.created_at.isoformat()))
    return len(rows)
