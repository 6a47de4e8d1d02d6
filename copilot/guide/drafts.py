"""Drafts for the guide's bot: what to write to one customer, with which products.

`SellingContext` holds what is expensive to build (the catalogue, co-purchase statistics, the
Drafter with its product-name index): built once per process, checked for changes at most every
`max_age`, rebuilt only when products or order lines actually changed.
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from scipy import sparse

from copilot.access import authorize, can_message
from copilot.drafting import Adjust, DraftEvent, Drafter, DraftKind, DraftRequest, build_request
from copilot.product_list import CoPurchase, due_items, pick_products
from core.domain import Consent, Customer, Order, OrderStatus, Product, Staff
from core.errors import InvalidInput, OptedOut
from core.ports import KnowledgeSearch, UnitOfWork
from core.settings import LLMSettings

SILENT_DAYS = 90


@dataclass
class _Loaded:
    products: tuple  # a cheap fingerprint of the catalogue
    baskets: tuple[int, int]
    checked_at: datetime


class SellingContext:
    def __init__(self, llm: LLMSettings, *, knowledge: KnowledgeSearch | None = None,
                 max_age: timedelta = timedelta(minutes=5),
                 make_drafter: Callable[[LLMSettings, list[Product]], Drafter] = Drafter.from_settings) -> None:
        self.knowledge = knowledge
        self._llm, self._make_drafter, self._max_age = llm, make_drafter, max_age
        self._loaded: _Loaded | None = None
        self.catalogue: dict[str, Product] = {}
        self.copurchase = CoPurchase([], sparse.csr_matrix((0, 0)))
        self.drafter: Drafter | None = None

    def refresh(self, uow: UnitOfWork, now: datetime) -> None:
        if self._loaded and now - self._loaded.checked_at < self._max_age:
            return
        products = uow.products.list()
        fingerprint = tuple((p.sku, p.price, p.in_stock, p.active) for p in products)
        baskets = uow.baskets.version()
        if self._loaded is None or fingerprint != self._loaded.products:
            self.catalogue = {p.sku: p for p in products}
            if self.drafter is None:
                self.drafter = self._make_drafter(self._llm, products)
            else:
                self.drafter.update_catalogue(products)
        if self._loaded is None or baskets != self._loaded.baskets:
            self.copurchase = copurchase_from_pairs(uow.baskets.pairs())
        self._loaded = _Loaded(fingerprint, baskets, now)


def copurchase_from_pairs(pairs: list[tuple[int, str]]) -> CoPurchase:
    """CoPurchase over customer baskets straight from (customer, sku) pairs, no Order objects."""
    rows = {c: i for i, c in enumerate(dict.fromkeys(c for c, _ in pairs))}
    skus = list(dict.fromkeys(s for _, s in pairs))
    columns = {s: i for i, s in enumerate(skus)}
    data = np.ones(len(pairs), np.float32)
    matrix = sparse.csr_matrix((data, ([rows[c] for c, _ in pairs], [columns[s] for _, s in pairs])),
                               shape=(len(rows), len(skus)))
    return CoPurchase(skus, matrix)


class NotStarted(InvalidInput):
    """Sending through the bot to a customer who never started it (or has not agreed to messages)."""

    code = "not_started"


def prepare_draft(uow: UnitOfWork, staff: Staff, customer_id: int, now: datetime,
                  ctx: SellingContext) -> tuple[Customer, DraftRequest]:
    """The request for a draft to one customer the staff member may see (else NotAllowed);
    an opted-out customer raises OptedOut here, before anything is written."""
    customer = authorize(uow, staff, customer_id)
    orders = uow.orders.list_for_customer(customer.id)
    picks = pick_products(customer, orders, list(ctx.catalogue.values()), ctx.copurchase, now,
                          knowledge=ctx.knowledge)
    kind = draft_kind(customer, orders, ctx.catalogue, now)
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


def draft_kind(customer: Customer, orders: list[Order], catalogue: dict[str, Product], now: datetime) -> DraftKind:
    """The occasion, strongest first: birthday, a refill due, a second order, a silent customer."""
    paid = [o for o in orders if o.status is OrderStatus.PAID]
    if customer.birthday and _days_to_birthday(customer, now) <= 7:
        return DraftKind.BIRTHDAY
    if due_items(paid, catalogue, now):
        return DraftKind.REPURCHASE_REMINDER
    if len(paid) == 1:
        return DraftKind.FIRST_TO_SECOND
    last = max((o.ordered_at for o in paid), default=None)
    if last is not None and (now - last).days >= SILENT_DAYS:
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
