"""The relay between a customer and their guide. Every message is stored, both ways.

A customer's message is engagement (an `InteractionRow(kind="reply")`, and their latest outreach
counts as replied); it reaches the owning guide with the customer card's context. The guide's answer
(and a product list the guide sends) goes back only to their own customer, never to one who opted
out, and is logged as outreach: the fatigue caps count every message a customer gets.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from copilot.customers import product_page
from copilot.guide.card import Card, card
from copilot.contacts.outreach import Channel, Source, log_outreach
from core.domain import Consent, Customer, Product, Staff
from core.errors import InvalidInput, NotAllowed, OptedOut
from core.ports import ConversationMessage, ProductListRecord, UnitOfWork

MAX_TEXT = 3500  # leaves room for the header within Telegram's 4096 characters


class NotBound(InvalidInput):
    """The customer has no Telegram account with us (never opened a guide's link)."""

    code = "not_started"


@dataclass(frozen=True, slots=True)
class Inbound:
    customer: Customer
    guide: Staff | None  # None: nobody to tell (no owner, or the owner has no Telegram)
    context: Card | None
    relayed: bool  # False for an opted-out customer: stored, but nobody is messaged

    @property
    def guide_chat(self) -> int | None:
        return self.guide.telegram_user_id if self.guide and self.relayed else None


def customer_says(uow: UnitOfWork, customer: Customer, text: str, now: datetime, *, telegram_message_id: int | None,
                  catalogue: Mapping[str, Product], vip_spend: float) -> Inbound:
    text = text.strip()[:MAX_TEXT]
    uow.conversations.add_message(ConversationMessage(customer.id, customer.owner_id, "in", text, now,
                                                      telegram_message_id))
    if customer.consent is Consent.REVOKED:
        return Inbound(customer, None, None, relayed=False)
    uow.conversations.add_interaction(customer.id, customer.owner_id, "reply", "", now)
    uow.conversations.mark_latest_outreach_replied(customer.id, now)
    guide = uow.staff.get(customer.owner_id) if customer.owner_id else None
    if guide is None or not guide.active:
        return Inbound(customer, None, None, relayed=False)
    context = card(uow, guide, customer.id, now, catalogue=catalogue, vip_spend=vip_spend)
    return Inbound(customer, guide, context, relayed=guide.telegram_user_id is not None)


def guide_says(uow: UnitOfWork, guide: Staff, customer_id: int, text: str, now: datetime, *,
               telegram_message_id: int | None = None) -> Customer:
    """Store the guide's answer to their own customer, as delivered (check first with `writable`,
    deliver, then store: a message Telegram refused was never said)."""
    customer = writable(uow, guide, customer_id)
    text = text.strip()[:MAX_TEXT]
    if not text:
        raise InvalidInput("empty reply")
    # One contact per answer, however many messages it takes: a lively chat must not use up the
    # customer's monthly cap in a day and hide them from cold outreach for weeks.
    answered = [m.direction for m in uow.conversations.messages(customer.id, 1)] == ["out"]
    uow.conversations.add_message(ConversationMessage(customer.id, guide.id, "out", text, now, telegram_message_id))
    if not answered:
        _log_contact(uow, guide, customer, now, text=text)
    return customer


def guide_opens_list(uow: UnitOfWork, guide: Staff, customer_id: int, now: datetime,
                     selling) -> tuple[Customer, ProductListRecord]:
    """A fresh product list for the guide's own customer; `selling` as in product_page.open_list.
    The caller delivers its link, then records it with `list_sent`."""
    customer = writable(uow, guide, customer_id)
    return customer, product_page.open_list(uow, customer, now, selling, guide=guide)


def list_sent(uow: UnitOfWork, guide: Staff, customer_id: int, record: ProductListRecord, now: datetime) -> None:
    _log_contact(uow, guide, writable(uow, guide, customer_id), now, products=[sku for sku, _ in record.items])


def guide_sends_list(uow: UnitOfWork, guide: Staff, customer_id: int, now: datetime,
                     selling) -> tuple[Customer, ProductListRecord]:
    """Both steps in one unit of work (batch jobs and tests; the bot delivers in between)."""
    customer, record = guide_opens_list(uow, guide, customer_id, now, selling)
    list_sent(uow, guide, customer_id, record, now)
    return customer, record


def writable(uow: UnitOfWork, guide: Staff, customer_id: int) -> Customer:
    customer = uow.customers.get(customer_id)
    if customer is None or customer.owner_id != guide.id:
        raise NotAllowed(f"staff {guide.id} may not write to customer {customer_id}")
    if customer.consent is Consent.REVOKED:
        raise OptedOut(f"customer {customer_id} opted out", user_message="This customer opted out of messages.")
    if customer.telegram_user_id is None:
        raise NotBound(f"customer {customer_id} has not started the bot")
    return customer


def _log_contact(uow: UnitOfWork, guide: Staff, customer: Customer, now: datetime, *, text: str = "",
                 products: list[str] | None = None) -> None:
    # Counted, never refused: the customer wrote first and is owed an answer whatever the caps say,
    # but the next cold contact (a task, /today) must see that they just heard from the brand.
    log_outreach(uow, customer_id=customer.id, guide_id=guide.id, source=Source.GUIDE, channel=Channel.BOT,
                 text=text, products=products or [], now=now)


def conversation(uow: UnitOfWork, guide: Staff, customer_id: int, limit: int = 6) -> list[ConversationMessage]:
    customer = uow.customers.get(customer_id)
    if customer is None or customer.owner_id != guide.id:
        raise NotAllowed(f"staff {guide.id} may not read customer {customer_id}")
    return uow.conversations.messages(customer_id, limit)
