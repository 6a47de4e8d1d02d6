"""A virtual clock whose sleep moves time on, and a messenger that records or fails on demand."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


class VirtualClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.current = now
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.current

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.current += timedelta(seconds=seconds)

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


class Killed(BaseException):
    """The process dying: not an Exception, so nothing on the way catches it."""


@dataclass
class FakeMessenger:
    clock: VirtualClock
    delivered: list[tuple[int, str, datetime]] = field(default_factory=list)
    script: deque = field(default_factory=deque)  # exceptions to raise, one per send, before delivering
    kill_after_delivering: int | None = None  # deliver, then die before the sender records it

    async def send(self, chat_id: int, payload: dict) -> None:
        if self.script:
            error = self.script.popleft()
            if error is not None:
                raise error
        self.delivered.append((chat_id, payload["text"], self.clock.now()))
        if self.kill_after_delivering is not None and len(self.delivered) >= self.kill_after_delivering:
            self.kill_after_delivering = None
            raise Killed()


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def messenger(clock) -> FakeMessenger:
    return FakeMessenger(clock)
