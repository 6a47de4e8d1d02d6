"""An order pushed by the shop or POS: validated, stored once, attributed and posted to the ledger.

Idempotent by order id: the same order again is a replay (same answer, nothing changes); the same
id with different content is a conflict. Two requests racing with one order id meet at the unique
external id: one inserts, the other finds the winner's row and answers as a replay.

A handful of round trips: one read fetches everything the order names and everything crediting it
needs (`uow.sales.order_context`), attribution and commission are computed here, and one write
stores the order, its lines and its sale entry (`uow.sales.book_order`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from core.domain import Order, OrderLine
from core.errors import Conflict, InvalidInput
from core.ports import LedgerEntry, Notifier, OrderContext, OrderQuery, UnitOfWork, UnitOfWorkFactory
from copilot.sales import notices
from copilot.sales.credit import SaleFacts, sale_entry, sale_key
from copilot.sales.policy import DEFAULT_TIMEZONE, SalesPolicy, accounting_month
from copilot.sales.schemas import OrderIn


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a webhook answers; `replay` is True when nothing new was stored."""

    body: dict
    replay: bool


@dataclass(frozen=True, slots=True)
class Booking:
    """What booking an order did: the answer, and the notices to send once it is committed."""

    receipt: Receipt
    notices: list[notices.Notice]


def receive_order(uow_factory: UnitOfWorkFactory, incoming: OrderIn, now: datetime, *,
                  timezone: str = DEFAULT_TIMEZONE, notifier: Notifier | None = None) -> Receipt:
    """Book an order in its own unit of work, then tell the credited guide."""
    with uow_factory() as uow:
        booking = book_order(uow, incoming, now, timezone=timezone)
        uow.commit()
    notices.send(notifier, booking.notices)
    return booking.receipt


def book_order(uow: UnitOfWork, incoming: OrderIn, now: datetime, *,
               timezone: str = DEFAULT_TIMEZONE) -> Booking:
    """Validate, store, attribute and credit one order in the caller's unit of work (the caller
    commits, then sends the notices: a rolled-back sale must not have been announced)."""
    policy = SalesPolicy(timezone=timezone)
    query = _query(incoming, policy)
    ctx = uow.sales.order_context(query)
    policy = SalesPolicy.from_config(ctx.brand_config, timezone)
    if incoming.currency and incoming.currency.upper() != policy.currency:
        raise InvalidInput(f"currency {incoming.currency!r}: this brand's books are in {policy.currency}")
    order = _order(incoming, ctx)
    if ctx.existing is not None:
        return _replay(ctx, order)
    credit, entry = sale_entry(order, _facts(incoming, ctx), policy, now)
    booked = uow.sales.book_order(order, entry, source="webhook")
    if booked.order_id is None:  # a concurrent request stored it first: answer as its replay
        return _replay(uow.sales.order_context(query), order)
    if entry is not None and not booked.credited:
        entry = _book_late(uow, order, replace(entry, order_id=booked.order_id), policy, now)
    guide = ctx.guides.get(entry.guide_id) if entry else None
    campaign = ctx.campaign_names.get(entry.campaign_id) if entry and entry.campaign_id else None
    body = order_result(order, entry, guide.external_id if guide else None, campaign)
    told = [notices.sale_notice(entry, ctx.customer.name, campaign, guide.language, policy.currency)] if entry else []
    return Booking(Receipt(body, replay=False), told)


def order_result(order: Order, entry: LedgerEntry | None, guide_external_id: str | None,
                 campaign: str | None) -> dict:
    """Built from what is stored (the order and its sale entry), so a replay answers the same."""
    return {
        "order_id": order.external_id,
        "total": str(sum((line.amount for line in order.lines), Decimal("0.00"))),
        "guide_id": guide_external_id,
        "attribution": entry.attribution if entry else "none",
        "campaign": campaign,
        "commission": str(entry.commission if entry else Decimal("0.00")),
        "ledger_month": entry.month if entry else None,
    }


def _query(incoming: OrderIn, policy: SalesPolicy) -> OrderQuery:
    return OrderQuery(order_id=incoming.order_id, customer_id=incoming.customer_id, store_id=incoming.store_id,
                      guide_id=incoming.guide_id, skus=tuple(line.sku for line in incoming.lines),
                      ordered_at=incoming.ordered_at, event_month=policy.month_of(incoming.ordered_at),
                      sale_key=sale_key(incoming.order_id))


def _order(incoming: OrderIn, ctx: OrderContext) -> Order:
    """The order as it will be stored; every reference it names must exist."""
    unknown = [f"customer_id {incoming.customer_id!r}"] if ctx.customer is None else []
    unknown += [f"store_id {incoming.store_id!r}"] if ctx.store is None else []
    unknown += [f"guide_id {incoming.guide_id!r}"] if incoming.guide_id and ctx.guide is None else []
    unknown += [f"sku {line.sku!r}" for line in incoming.lines if line.sku not in ctx.products]
    if unknown:
        raise InvalidInput("unknown " + ", ".join(unknown))
    lines = tuple(OrderLine(line.sku, line.quantity, line.unit_price, ctx.products[line.sku].id)
                  for line in incoming.lines)
    return Order(external_id=incoming.order_id, customer_id=ctx.customer.id, ordered_at=incoming.ordered_at,
                 lines=lines, store_id=ctx.store.id, guide_id=ctx.guide.id if ctx.guide else None,
                 total=sum((line.amount for line in lines), Decimal(0)))


def _facts(incoming: OrderIn, ctx: OrderContext) -> SaleFacts:
    categories = {sku: product.category for sku, product in ctx.products.items()}
    return SaleFacts(ctx.touches, ctx.customer.owner_id, incoming.store_id, categories, ctx.rules,
                     ctx.closed_months)


def _book_late(uow: UnitOfWork, order: Order, entry: LedgerEntry, policy: SalesPolicy,
               now: datetime) -> LedgerEntry:
    """The sale's month was closed after the order was read: book it in the next open month. The
    write that found it closed holds the ledger lock now, so no other close can slip in."""
    closed = uow.ledger.closed_months()
    late = replace(entry, month=accounting_month(policy.month_of(order.ordered_at), policy.month_of(now), closed))
    uow.ledger.append(late)
    return late


def _replay(ctx: OrderContext, order: Order) -> Booking:
    existing, entry = ctx.existing, ctx.existing_sale
    _check_same(existing, order)
    guide = ctx.guides.get(entry.guide_id) if entry else None
    campaign = ctx.campaign_names.get(entry.campaign_id) if entry and entry.campaign_id else None
    return Booking(Receipt(order_result(existing, entry, guide.external_id if guide else None, campaign),
                           replay=True), [])


def _check_same(existing: Order, order: Order) -> None:
    differences = [name for name, old, new in (
        ("customer", existing.customer_id, order.customer_id),
        ("store", existing.store_id, order.store_id),
        ("guide", existing.guide_id, order.guide_id),
        ("ordered_at", existing.ordered_at, order.ordered_at),
        ("lines", sorted((line.sku, line.quantity, line.unit_price) for line in existing.lines),
         sorted((line.sku, line.quantity, line.unit_price) for line in order.lines)),
    ) if old != new]
    if differences:
        raise Conflict(f"order {existing.external_id} was already received with a different "
                       f"{', '.join(differences)}; an order cannot be changed, refund it instead")
