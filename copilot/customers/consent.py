"""Binding a customer to the guide whose link they opened, and consent: granted only by the explicit
button, revoked at once by a stop word or the button, granted again only by the customer.

Every change appends a consent event; opting out also closes the customer's open care tasks, and
`copilot.contacts.outreach.log_outreach` refuses them from then on, whatever path tries to reach them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from core.domain import Consent, Customer, Staff
from core.errors import NotFound
from core.ports import NewCustomer, UnitOfWork

BOT_MADE_PREFIX = "tg-"  # records made at binding; only these may be merged into an imported record


@dataclass(frozen=True, slots=True)
class BindRequest:
    telegram_user_id: int
    name: str
    language: str


def bind(uow: UnitOfWork, guide: Staff, who: BindRequest, now: datetime) -> Customer:
    """After the consent button: the Telegram user becomes (or stays) a customer of `guide`."""
    existing = uow.telegram_accounts.customer(who.telegram_user_id)
    if existing is not None:
        customer_id = existing.id
        uow.conversations.bind(customer_id, owner_id=guide.id, telegram_user_id=who.telegram_user_id,
                               store_id=guide.store_id)
    else:
        customer_id = uow.conversations.create_customer(NewCustomer(
            external_id=f"{BOT_MADE_PREFIX}{who.telegram_user_id}", name=(who.name.strip() or "—")[:200],
            owner_id=guide.id, store_id=guide.store_id, language=who.language,
            telegram_user_id=who.telegram_user_id, joined_at=now))
    uow.conversations.set_consent(customer_id, Consent.GRANTED.value, "bot_link", now)
    return _get(uow, customer_id)


def opt_out(uow: UnitOfWork, customer: Customer, now: datetime, *, source: str) -> int:
    """Revoke consent at once; returns how many open care tasks were closed as opted out."""
    if customer.consent is not Consent.REVOKED:
        uow.conversations.set_consent(customer.id, Consent.REVOKED.value, source, now)
    return uow.conversations.close_open_tasks(customer.id, "opted_out", now)


def opt_in(uow: UnitOfWork, customer: Customer, now: datetime, *, source: str) -> Customer:
    if customer.consent is not Consent.GRANTED:
        uow.conversations.set_consent(customer.id, Consent.GRANTED.value, source, now)
    return _get(uow, customer.id)


def share_phone(uow: UnitOfWork, customer: Customer, phone: str, now: datetime) -> tuple[Customer, bool]:
    """The customer shared their own number: if the brand knows it, the record made at binding joins
    the existing one (orders, history). Returns (customer now, whether it matched a known record)."""
    numbers = _phone_forms(phone)
    if not numbers:
        return customer, False
    known = [c for n in numbers for c in uow.conversations.find_by_phone(n)
             if c.id != customer.id and c.telegram_user_id is None]
    if not known or not customer.external_id.startswith(BOT_MADE_PREFIX):
        if not customer.phone:
            uow.conversations.set_phone(customer.id, numbers[-1])
        return _get(uow, customer.id), False
    target = known[0]
    uow.conversations.merge(customer.id, target.id)
    uow.conversations.bind(target.id, owner_id=customer.owner_id, telegram_user_id=customer.telegram_user_id,
                           store_id=None)
    uow.conversations.set_consent(target.id, customer.consent.value, "phone_match", now)
    return _get(uow, target.id), True


def _phone_forms(phone: str) -> list[str]:
    """'+86 138-0013-8000' -> ['8613800138000', '13800138000']: as shared, and as brands store it."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return []
    forms = [digits]
    if digits.startswith("86") and len(digits) == 13:
        forms.append(digits[2:])
    return forms


def _get(uow: UnitOfWork, customer_id: int) -> Customer:
    customer = uow.customers.get(customer_id)
    if customer is None:
        raise NotFound(f"customer {customer_id} vanished")
    return customer
