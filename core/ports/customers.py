"""Customers in the conversation: guide links, consent, relayed messages, product-list pages."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.domain import Customer




class GuideLinkRepository(Protocol):
    def code_for(self, staff_id: int) -> str | None: ...
    def add(self, staff_id: int, code: str, created_at: datetime) -> bool:
        """False when the staff member has a code already (a concurrent first call won)."""
        ...
    def staff_for(self, code: str) -> int | None: ...


@dataclass(frozen=True, slots=True)
class NewCustomer:
    external_id: str
    name: str
    owner_id: int
    store_id: int | None
    language: str
    telegram_user_id: int
    joined_at: datetime


@dataclass(frozen=True, slots=True)
class ConversationMessage:
    customer_id: int
    guide_id: int | None
    direction: str  # in (from the customer) | out (from the guide)
    text: str
    created_at: datetime
    telegram_message_id: int | None = None


class ConversationRepository(Protocol):
    """A customer's side of the relationship: binding, consent history, messages, engagement."""

    def create_customer(self, new: NewCustomer) -> int: ...
    def bind(self, customer_id: int, *, owner_id: int, telegram_user_id: int, store_id: int | None) -> None:
        """Owner and Telegram account; the account is taken off any other customer record first."""
        ...
    def find_by_phone(self, phone: str) -> list[Customer]: ...
    def set_phone(self, customer_id: int, phone: str) -> None: ...
    def merge(self, source_id: int, target_id: int) -> None:
        """Move everything of `source_id` (a record made at binding) onto `target_id`, then drop it."""
        ...
    def set_consent(self, customer_id: int, state: str, source: str, at: datetime) -> None:
        """The customer's consent now, plus an appended consent event (the history is never edited)."""
        ...
    def consent_events(self, customer_id: int) -> list[tuple[str, str, datetime]]: ...
    def close_open_tasks(self, customer_id: int, outcome: str, at: datetime) -> int: ...
    def add_message(self, message: ConversationMessage) -> int: ...
    def messages(self, customer_id: int, limit: int = 20) -> list[ConversationMessage]:
        """The latest `limit` messages, oldest first."""
        ...
    def add_interaction(self, customer_id: int, guide_id: int | None, kind: str, ref: str, at: datetime) -> None: ...
    def mark_latest_outreach_replied(self, customer_id: int, at: datetime) -> bool: ...


@dataclass(frozen=True, slots=True)
class ProductListRecord:
    token: str
    customer_id: int
    guide_id: int | None
    items: tuple[tuple[str, str], ...]  # (sku, reason)
    created_at: datetime
    expires_at: datetime


class ProductListRepository(Protocol):
    def add(self, record: ProductListRecord) -> None: ...
    def get(self, token: str) -> ProductListRecord | None: ...
    def latest_for(self, customer_id: int) -> ProductListRecord | None: ...
