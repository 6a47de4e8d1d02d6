"""Delivery: the outbox and the messenger behind it (copilot/outbox, bot/messenger.py)."""
from __future__ import annotations

from collections.abc import Collection
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
    lease: str = ""  # the claim's fencing token: renew, give back and fail name it


class Messenger(Protocol):
    async def send(self, chat_id: int, payload: dict) -> None:
        """Deliver one message; raises DeliveryRetryAfter, DeliveryBlocked or DeliveryTransient."""
        ...


class OutboxRepository(Protocol):
    def enqueue(self, *, dedupe_key: str, chat_id: int, payload: dict, now: datetime) -> bool:
        """False when a message with this key exists already (idempotent enqueue)."""
        ...
    def claim(self, now: datetime, *, limit: int, lease_seconds: float,
              lease: str | None = None) -> list[OutboxItem]: ...
    def renew(self, ids: Collection[int], lease: str, until: datetime) -> set[int]:
        """The ids this claim still holds, their lease extended to `until`."""
        ...
    def mark_sent(self, item_id: int, lease: str, now: datetime) -> bool: ...
    def retry_at(self, item_id: int, lease: str, at: datetime, error: str, *, count_attempt: bool = True) -> bool:
        """False (and nothing changed) when the lease was lost to another claim."""
        ...
    def fail(self, item_id: int, lease: str, error: str) -> bool: ...
    def block_chat(self, chat_id: int, error: str) -> int:
        """The chat blocked the bot: its waiting rows, and every row enqueued from now on, are held."""
        ...
    def is_blocked(self, chat_id: int) -> bool: ...
    def unblock_chat(self, chat_id: int, error: str) -> int:
        """The chat is reachable again: new rows go out, the held ones become 'expired' (kept, never sent)."""
        ...
    def counts(self) -> dict[str, int]: ...
    def next_due(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class WorkerBeat:
    """A background worker's last sign of life, as a health check sees it."""

    name: str
    started_at: datetime
    beat_at: datetime
    failures: int  # consecutive failed loops; 0 when the last one went well
    last_error: str
    last_error_at: datetime | None


class WorkerRepository(Protocol):
    def beat(self, name: str, now: datetime, *, started_at: datetime, failures: int,
             error: str | None = None) -> None:
        """Record that `name` is alive at `now` (with the error of its last loop, if it failed)."""
        ...
    def beats(self, prefix: str = "") -> list[WorkerBeat]: ...
