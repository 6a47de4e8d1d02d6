"""One customer, as the guide sees them: who they are, what they bought, what is due, the last
contact and what came of it."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from copilot.access import authorize, can_message
from copilot.product_list import due_items
from copilot.scoring import Tier
from core.domain import Customer, Order, OrderStatus, Product, Staff
from core.ports import UnitOfWork

VIP_TAG = "VIP"


@dataclass(frozen=True, slots=True)
class LastContact:
    at: datetime
    channel: str  # bot | manual
    outcome: str  # replied | bought | no_reply


@dataclass(frozen=True, slots=True)
class Card:
    customer: Customer
    tier: Tier
    orders: int
    total_spend: Decimal
    last_order_at: datetime | None
    last_order_total: Decimal | None
    last_items: tuple[str, ...]  # product names of the last order
    due: tuple[tuple[str, int], ...]  # (product name, days since bought) of consumables due again
    last_contact: LastContact | None
    put_aside: tuple[str, datetime] | None  # (snooze | not_interested, until)

    @property
    def can_send(self) -> bool:
        return can_message(self.customer)


def card(uow: UnitOfWork, staff: Staff, customer_id: int, now: datetime, *,
         catalogue: Mapping[str, Product] | None = None, vip_spend: float = 5000.0) -> Card:
    customer = authorize(uow, staff, customer_id)
    orders = uow.orders.list_for_customer(customer.id)
    paid = [o for o in orders if o.status is OrderStatus.PAID]
    spend = sum((o.total for o in paid), Decimal("0"))
    last = max(paid, key=lambda o: o.ordered_at, default=None)
    names = catalogue or {}
    lang = staff.language
    return Card(
        customer=customer, tier=_tier(customer, len(paid), spend, vip_spend), orders=len(paid),
        total_spend=spend, last_order_at=last.ordered_at if last else None,
        last_order_total=last.total if last else None,
        last_items=tuple(_name(names, line.sku, lang) for line in last.lines) if last else (),
        due=tuple((_name(names, d.sku, lang), int(d.days_since)) for d in due_items(paid, names, now)[:3]),
        last_contact=_last_contact(uow, customer.id, paid),
        put_aside=uow.guide_actions.latest(customer.id, now),
    )


def _tier(customer: Customer, n_orders: int, spend: Decimal, vip_spend: float) -> Tier:
    # The same rule as the ranking's tiers (copilot.scoring.priority.tiers), for one customer.
    if VIP_TAG in customer.tags or spend >= Decimal(str(vip_spend)):
        return Tier.VIP
    return Tier.REPEAT if n_orders >= 2 else Tier.FIRST_TIME if n_orders == 1 else Tier.NEVER_BOUGHT


def _name(catalogue: Mapping[str, Product], sku: str, language: str) -> str:
    product = catalogue.get(sku)
    return product.name_in(language) if product else sku


def _last_contact(uow: UnitOfWork, customer_id: int, paid: list[Order]) -> LastContact | None:
    row = uow.guide_actions.last_contact(customer_id)
    if row is None:
        return None
    sent_at, _source, channel, replied_at = row
    if any(o.ordered_at >= sent_at for o in paid):
        outcome = "bought"
    else:
        outcome = "replied" if replied_at is not None else "no_reply"
    return LastContact(sent_at, channel, outcome)


def history(uow: UnitOfWork, staff: Staff, customer_id: int, *, limit: int = 10) -> tuple[Customer, list[Order]]:
    """The customer's latest orders, newest first."""
    customer = authorize(uow, staff, customer_id)
    orders = sorted(uow.orders.list_for_customer(customer.id), key=lambda o: o.ordered_at, reverse=True)
    return customer, orders[:limit]
