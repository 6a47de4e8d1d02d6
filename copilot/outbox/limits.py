"""Rate limits as token buckets over an injected clock's seconds, so tests never sleep for real."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    per_second: float = 25.0  # overall; Telegram allows ~30/s, we keep a margin
    per_chat_per_second: float = 1.0
    burst: int = 5  # saved-up sends: 25/s plus this stays under Telegram's ~30 in any one second
    # Small batches: a claim holds rows only as long as it takes to send a few seconds' worth.
    batch: int = 20
    lease_seconds: float = 120.0  # a claimed row comes back after this if its sender died
    # One send may take at most this long: the lease, renewed just before each send, outlasts it.
    send_timeout_seconds: float = 30.0
    max_attempts: int = 6  # transient failures only; 429s never use up attempts
    backoff_seconds: float = 2.0  # doubled per attempt
    max_backoff_seconds: float = 600.0

    def __post_init__(self) -> None:
        if self.send_timeout_seconds >= self.lease_seconds:
            raise ValueError("the lease must outlast one send: lease_seconds > send_timeout_seconds")


class TokenBucket:
    """`rate` tokens per second, at most `burst` saved up. `delay(now)` says how long until one is free."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst = rate, burst
        self._tokens = float(burst)
        self._at: float | None = None

    def _refill(self, now: float) -> None:
        if self._at is not None and now > self._at:
            self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now if self._at is None else max(self._at, now)

    def delay(self, now: float) -> float:
        self._refill(now)
        return 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.rate

    def take(self, now: float) -> None:
        self._refill(now)
        self._tokens -= 1


class ChatSpacing:
    """At most `rate` messages a second to one chat: the earliest time the next one may go."""

    def __init__(self, rate: float) -> None:
        self._gap = 1.0 / rate
        self._next: dict[int, float] = {}

    def ready_at(self, chat_id: int) -> float:
        return self._next.get(chat_id, 0.0)

    def sent(self, chat_id: int, now: float) -> None:
        self._next[chat_id] = now + self._gap
        if len(self._next) > 50_000:  # forget chats whose gap is long over
            self._next = {c: t for c, t in self._next.items() if t > now}


def backoff(attempts: int, limits: Limits) -> float:
    return min(limits.max_backoff_seconds, limits.backoff_seconds * 2 ** max(attempts - 1, 0))
