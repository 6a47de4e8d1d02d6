"""Posting to the append-only commission ledger, and closing months.

Every entry has a natural key (`sale:{order id}`, `refund:{refund id}`, `adjust:{order id}:{n}`),
unique in the database, so posting the same event again, from a replayed webhook, a re-import or a
concurrent request, adds nothing. Nothing is ever updated: a refund adds a reversing entry, and a
settled order whose lines a corrected re-import changed gets an adjusting entry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from core.domain import Order
from core.errors import InvalidInput
from core.ports import LedgerEntry, UnitOfWork
from copilot.sales.attribution import Attribution
from copilot.sales.commissions import SaleLine, cents, commission
from copilot.sales.credit import attribution_of, sale_key
from copilot.sales.policy import DEFAULT_TIMEZONE, SalesPolicy, accounting_month, parse_month


_CREDIT_KINDS = ("sale", "adjust")  # the entries that together say what a sale earned


@dataclass(frozen=True, slots=True)
class Settlement:
    """What settling one order did: `entry` is None for an order nobody is credited with."""

    order: Order
    attribution: Attribution
    entry: LedgerEntry | None
    new: bool


def post_refund(uow: UnitOfWork, order: Order, key: str, amount: Decimal, fully_refunded: bool,
                now: datetime, policy: SalesPolicy) -> LedgerEntry | None:
    """Reverse the sale's commission, as adjusted since, in proportion to the amount refunded. The
    last refund takes exactly what is left, so a fully refunded order nets to zero whatever the
    rounding did."""
    sale = uow.ledger.get(sale_key(order.external_id))
    if sale is None:
        return None  # nobody was credited, nothing to reverse
    entries = uow.ledger.for_order(order.id)
    credited = [e for e in entries if e.kind in _CREDIT_KINDS]  # the sale as adjusted since
    base, earned = _sum(e.base_amount for e in credited), _sum(e.commission for e in credited)
    left = _sum(e.commission for e in entries)
    if fully_refunded or not base:
        reversed_ = left
    else:
        reversed_ = min(left, cents(earned * amount / base))
    entry = LedgerEntry(
        entry_key=key, order_id=order.id, guide_id=sale.guide_id, kind="refund", base_amount=-amount,
        commission=-reversed_, month=_open_month(uow, policy.month_of(now), now, policy),
        created_at=now, campaign_id=sale.campaign_id, attribution=sale.attribution,
    )
    return entry if uow.ledger.append(entry) else uow.ledger.get(key)


def post_adjustment(uow: UnitOfWork, order: Order, now: datetime, policy: SalesPolicy, *,
                    store_code: str) -> LedgerEntry | None:
    """Bring a settled sale in line with its order's current lines, which a corrected re-import
    changed: one entry for the difference in amount and commission, at the sale's attribution and
    today's rules. None if nobody was credited or nothing differs, so repeating it adds nothing."""
    entries = uow.ledger.for_order(order.id)
    sale = next((e for e in entries if e.kind == "sale"), None)
    if sale is None:
        return None
    credited = [e for e in entries if e.kind in _CREDIT_KINDS]
    rate = attribution_of(sale, policy).rate
    base = _base(order) - _sum(e.base_amount for e in credited)
    due = _commission(uow, order, store_code, sale.campaign_id, rate) - _sum(e.commission for e in credited)
    if not base and not due:
        return None
    entry = LedgerEntry(
        entry_key=f"adjust:{order.external_id}:{len(credited)}", order_id=order.id, guide_id=sale.guide_id,
        kind="adjust", base_amount=base, commission=due,
        month=_open_month(uow, policy.month_of(now), now, policy), created_at=now,
        campaign_id=sale.campaign_id, attribution=sale.attribution,
    )
    return entry if uow.ledger.append(entry) else None


def close_month(uow: UnitOfWork, month: str, now: datetime, *, timezone: str = DEFAULT_TIMEZONE) -> bool:
    """Close a month: its entries never change again and later events go to an open month.
    True if this call closed it, False if it was closed already. Commit is the caller's."""
    policy = SalesPolicy(timezone=timezone)
    parse_month(month)
    if month > policy.month_of(now):
        raise InvalidInput(f"{month} has not started yet; only past or current months can be closed")
    uow.ledger.lock(exclusive=True)
    return uow.ledger.close_month(month, now)


def _open_month(uow: UnitOfWork, event_month: str, now: datetime, policy: SalesPolicy) -> str:
    # The lock comes before reading closed months, so a close running concurrently is either
    # seen here or waits for this entry to commit first.
    uow.ledger.lock()
    return accounting_month(event_month, policy.month_of(now), uow.ledger.closed_months())


def _commission(uow: UnitOfWork, order: Order, store_code: str, campaign_id: int | None,
                rate: Decimal) -> Decimal:
    categories = uow.sales.categories([line.sku for line in order.lines])
    lines = [SaleLine(line.sku, categories.get(line.sku, ""), line.quantity, line.amount) for line in order.lines]
    return commission(lines, uow.ledger.rules(), store_code=store_code, campaign_id=campaign_id, rate=rate)


def _base(order: Order) -> Decimal:
    return _sum(line.amount for line in order.lines)


def _sum(values) -> Decimal:
    return sum(values, Decimal(0))
