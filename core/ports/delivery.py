"""Delivery: the outbox and the messenger behind it (copilot/outbox, bot/messenger.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.errors import ExternalServiceError





class DeliveryRetryAfter(ExternalServiceError):
    """The messenger asked us to slow down (Telegram 429): wait `retry_after` seconds."""

    code = "retry_after"

    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(message)
        self.retry_after = retry_after


class DeliveryBlocked(ExternalServiceError):
    """The recipient blocked the bot or the chat is gone (Telegram 403): never retry."""

    code = "blocked"


class DeliveryTransient(ExternalServiceError):
    """A network error or a 5xx: worth retrying later."""

    code = "transient"


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    dedupe_key: str
    chat_id: int
    payload: dict  # {"text": str, "buttons": [[{"text": str, "action": str, ...}]]}
    attempts: int  # including the current one once claimed


class Messenger(Protocol):
    async def send(self, chat_id: int, payload: dict) -> None:
        """Deliver one message; raises DeliveryRetryAfter, DeliveryBlocked or DeliveryTransient."""
        ...


class OutboxRepository(Protocol):
    def enqueue(self, *, dedupe_key: str, chat_id: int, payload: dict, now: datetime) -> bool:
        """False when a message with this key exists already (idempotent enqueue)."""
        ...
    def claim(self, now: datetime, *, limit: int, lease_seconds: float) -> list[OutboxItem]: ...
    def mark_sent(self, item_id: int, now: datetime) -> None: ...
    def retry_at(self, item_id: int, at: datetime, error: str, *, count_attempt: bool = True) -> None: ...
    def fail(self, item_id: int, error: str) -> None: ...
    def block_chat(self, chat_id: int, error: str) -> int:
        """The chat blocked the bot: its waiting rows, and every row enqueued from now on, are held."""
        ...
    def is_blocked(self, chat_id: int) -> bool: ...
    def unblock_chat(self, chat_id: int, error: str) -> int:
        """The chat is reachable again: new rows go out, the held ones become 'expired' (kept, never sent)."""
        ...
    def counts(self) -> dict[str, int]: ...
    def next_due(self) -> datetime | None: ...
