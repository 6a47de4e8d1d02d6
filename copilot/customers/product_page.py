"""The customer's personal product-list page (`GET /l/{token}` in api/routes/product_list.py).

A list is a frozen choice of products with reasons; names and prices are read live when the page is
shown, so a price change or a product taken off sale shows at once. The token is 192 random bits
and expires; views and clicks are engagement for ranking, and a click is a touch for attribution.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from copilot.drafting.models import format_price
from copilot.product_list import pick_products
from core.domain import Consent, Customer, Staff
from core.errors import GuideCopilotError, NotFound, OptedOut
from core.ports import ProductListRecord, UnitOfWork

LIST_TTL = timedelta(days=14)
REUSE_WHEN_LEFT = timedelta(days=7)  # the customer's menu button reuses a list with a week to go


class ListExpired(GuideCopilotError):
    code = "list_expired"


@dataclass(frozen=True, slots=True)
class PageItem:
    sku: str
    name: str
    price: str
    description: str
    reason: str
    in_stock: bool


@dataclass(frozen=True, slots=True)
class Page:
    token: str
    language: str
    guide_name: str
    customer_name: str  # first name only
    items: tuple[PageItem, ...]
    expires_at: datetime


def open_list(uow: UnitOfWork, customer: Customer, now: datetime, selling, *, guide: Staff | None = None,
              skus: tuple[str, ...] = ()) -> ProductListRecord:
    """The customer's live list (reused from the menu) or a fresh one a guide sends. The caller commits.
    `selling`: .catalogue, .copurchase, .knowledge (the bot's selling context). `skus`: exactly these
    products (a care task's), reused while a live list holds the same ones."""
    if customer.consent is Consent.REVOKED:
        raise OptedOut(f"customer {customer.id} opted out", user_message="This customer opted out of messages.")
    latest = uow.product_lists.latest_for(customer.id)
    live = latest is not None and latest.expires_at - now >= REUSE_WHEN_LEFT
    if live and (guide is None or (skus and tuple(sku for sku, _ in latest.items) == tuple(skus))):
        return latest
    orders = uow.orders.list_for_customer(customer.id)
    picks = pick_products(customer, orders, list(selling.catalogue.values()), selling.copurchase, now,
                          knowledge=selling.knowledge)
    why = {p.product.sku: p.reason for p in picks}
    items = tuple((sku, why.get(sku, "")) for sku in skus) if skus else tuple(why.items())
    record = ProductListRecord(secrets.token_urlsafe(24), customer.id, guide.id if guide else customer.owner_id,
                               items, now, now + LIST_TTL)
    uow.product_lists.add(record)
    return record


def view(uow: UnitOfWork, token: str, now: datetime, *, record: bool = True) -> Page:
    """The page for a token; records a view unless told not to. The caller commits."""
    found = _live(uow, token, now)
    customer = uow.customers.get(found.customer_id)
    language = customer.language if customer and customer.language in ("zh", "en") else "zh"
    products = uow.sales.products([sku for sku, _ in found.items])
    items = tuple(PageItem(sku, p.name_in(language), format_price(p.price, p.currency),
                           p.description_in(language)[:200], reason, p.in_stock)
                  for sku, reason in found.items if (p := products.get(sku)) is not None and p.active)
    guide = uow.staff.get(found.guide_id) if found.guide_id else None
    if record:
        uow.conversations.add_interaction(found.customer_id, found.guide_id, "list_view", token, now)
    return Page(token, language, (guide.persona.display_name or guide.name) if guide else "",
                customer.first_name if customer else "", items, found.expires_at)


def click(uow: UnitOfWork, token: str, sku: str, now: datetime) -> tuple[int | None, str]:
    """Record interest in one product of the list; returns (guide id, notice for the guide)."""
    found = _live(uow, token, now)
    if sku not in {s for s, _ in found.items}:
        raise NotFound(f"{sku!r} is not on list {token[:6]}…")
    uow.conversations.add_interaction(found.customer_id, found.guide_id, "list_click", sku, now)
    customer = uow.customers.get(found.customer_id)
    guide = uow.staff.get(found.guide_id) if found.guide_id else None
    product = uow.sales.products([sku]).get(sku)
    language = guide.language if guide else "zh"
    name = product.name_in(language) if product else sku
    who = customer.name if customer else "?"
    notice = (f"👀 {who} 对「{name}」感兴趣（商品清单）" if language == "zh"
              else f"👀 {who} is interested in {name} (product list)")
    return found.guide_id, notice


def _live(uow: UnitOfWork, token: str, now: datetime) -> ProductListRecord:
    found = uow.product_lists.get(token) if 20 <= len(token) <= 64 else None
    if found is None:
        raise NotFound("unknown product list")
    if found.expires_at <= now:
        raise ListExpired("product list expired")
    return found
