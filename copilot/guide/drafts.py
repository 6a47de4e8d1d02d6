"""Drafts for the guide's bot: what to write to one customer, with which products."""
from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime


from copilot.access import authorize, can_message
from copilot.drafting import Adjust, DraftEvent, Drafter, DraftKind, DraftRequest, build_request
from copilot.drafting.selling import SellingContext
from copilot.product_list import due_items, pick_products
from core.domain import Consent, Customer, Order, OrderStatus, Product, Staff
from core.errors import InvalidInput, OptedOut
from core.ports import UnitOfWork

class NotStarted(InvalidInput):
    """Sending through the bot to a customer who never started it (or has not agreed to messages)."""

    code = "not_started"


def prepare_draft(uow: UnitOfWork, staff: Staff, customer_id: int, now: datetime,
                  ctx: SellingContext, *, silent_days: int) -> tuple[Customer, DraftRequest]:
    """The request for a draft to one customer the staff member may see (else NotAllowed);
    an opted-out customer raises OptedOut here, before anything is written."""
    customer = authorize(uow, staff, customer_id)
    orders = uow.orders.list_for_customer(customer.id)
    picks = pick_products(customer, orders, list(ctx.catalogue.values()), ctx.copurchase, now,
                          knowledge=ctx.knowledge)
    kind = draft_kind(customer, orders, ctx.catalogue, now, silent_days=silent_days)
    return customer, build_request(kind, customer, staff, picks=picks, orders=orders, catalogue=ctx.catalogue,
                                   now=now)


async def draft_events(drafter: Drafter, request: DraftRequest, *, adjust: Adjust | None = None,
                       variant: int = 0) -> AsyncIterator[DraftEvent]:
    """The draft as it is written. The offline writer is deterministic, so "regenerate" asks it
    for another variant; an LLM simply writes again."""
    if variant and not drafter.llm_enabled:
        yield DraftEvent(draft=drafter.offline_draft(request, adjust=adjust, variant=variant))
        return
    async for event in drafter.stream(request, adjust=adjust):
        yield event


def deliverable(uow: UnitOfWork, staff: Staff, customer_id: int) -> Customer:
    """The customer, if the bot may message them for this staff member."""
    customer = authorize(uow, staff, customer_id)
    if customer.consent is Consent.REVOKED:  # a Send pressed on a draft made before they opted out
        raise OptedOut(f"customer {customer_id} opted out", user_message="This customer opted out of messages.")
    if not can_message(customer):
        raise NotStarted(f"customer {customer_id} has not started the bot or agreed to messages")
    return customer


def draft_kind(customer: Customer, orders: list[Order], catalogue: dict[str, Product], now: datetime, *,
               silent_days: int) -> DraftKind:
    """The occasion, strongest first: birthday, a refill due, a second order, a silent customer."""
    paid = [o for o in orders if o.status is OrderStatus.PAID]
    if customer.birthday and _days_to_birthday(customer, now) <= 7:
        return DraftKind.BIRTHDAY
    if due_items(paid, catalogue, now):
        return DraftKind.REPURCHASE_REMINDER
    if len(paid) == 1:
        return DraftKind.FIRST_TO_SECOND
    last = max((o.ordered_at for o in paid), default=None)
    if last is not None and (now - last).days >= silent_days:
        return DraftKind.SILENT_RECALL
    return DraftKind.CARE_CHECKIN


def _days_to_birthday(customer: Customer, now: datetime) -> int:
    today = now.date()
    month, day = customer.birthday.month, customer.birthday.day
    if (month, day) == (2, 29):
        day = 28
    upcoming = today.replace(month=month, day=day)
    if upcoming < today:
        upcoming = upcoming.replace(year=today.year + 1)
    return (upcoming - today).days


def product_picks(uow: UnitOfWork, staff: Staff, customer_id: int, now: datetime,
                  ctx: SellingContext) -> tuple[Customer, list]:
    """The product list for one customer, with a reason per product, in the guide's language."""
    customer = authorize(uow, staff, customer_id)
    orders = uow.orders.list_for_customer(customer.id)
    picks = pick_products(customer, orders, list(ctx.catalogue.values()), ctx.copurchase, now,
                          knowledge=ctx.knowledge, language=staff.language)
    return customer, picks


def reasons_for_guide(uow: UnitOfWork, staff: Staff, customer: Customer, now: datetime,
                      ctx: SellingContext) -> dict[str, str] | None:
    """Why each product suits the customer, in the guide's language, when it is not the customer's:
    a draft's own reasons are written for the customer (they reach their product-list page), and an
    English guide must not read them in Chinese. None when both speak the same language."""
    if customer.language == staff.language:
        return None
    _, picks = product_picks(uow, staff, customer.id, now, ctx)
    return {p.product.sku: p.reason for p in picks}
