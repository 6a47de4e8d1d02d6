"""The outbox sender: claim → send → mark sent, each step committed on its own.

Delivery guarantee, honestly stated: a row is sent at least once and, outside one narrow window,
exactly once. If the process dies after Telegram accepted a message but before "sent" was committed
(one round trip plus one commit, milliseconds), the row's lease runs out and it is sent again. A
crash anywhere else loses nothing and repeats nothing: claimed-but-unsent rows come back after the
lease, and sent rows are never claimed again. Telegram offers no idempotency key to close the window.
"""
from __future__ import annotations

import asyncio
import heapq
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from copilot.outbox.limits import ChatSpacing, Limits, TokenBucket, backoff
from core.ports import (
    Clock, DeliveryBlocked, DeliveryRetryAfter, DeliveryTransient, Messenger, OutboxItem, UnitOfWorkFactory,
)

log = logging.getLogger(__name__)


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0
    rate_limited: int = 0  # 429s received
    blocked: int = 0
    failed: int = 0

    def add(self, other: SendReport) -> None:
        for name in ("sent", "retried", "rate_limited", "blocked", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class OutboxSender:
    def __init__(self, uow_factory: UnitOfWorkFactory, messenger: Messenger, clock: Clock, *,
                 limits: Limits = Limits(), sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self._uow_factory, self._messenger, self._clock, self._sleep = uow_factory, messenger, clock, sleep
        self.limits = limits
        self._bucket = TokenBucket(limits.per_second, limits.burst)
        self._chats = ChatSpacing(limits.per_chat_per_second)
        self._paused_until = 0.0  # after a 429 everything waits: the limit is the bot's, not one chat's

    async def drain(self, *, max_batches: int | None = None) -> SendReport:
        """Send until nothing is due now (rows waiting for a retry later stay for the next run)."""
        total, batches = SendReport(), 0
        while max_batches is None or batches < max_batches:
            report = await self.run_once()
            batches += 1
            total.add(report)
            if not any(vars(report).values()):
                return total
        return total

    async def serve(self, *, idle_seconds: float = 2.0) -> None:
        """Forever, for the bot process: drain, then look again after a short idle wait."""
        while True:
            await self.drain()
            await self._sleep(idle_seconds)

    async def run_once(self) -> SendReport:
        report = SendReport()
        with self._uow_factory() as uow:
            items = uow.outbox.claim(self._clock.now(), limit=self.limits.batch,
                                     lease_seconds=self.limits.lease_seconds)
            uow.commit()
        queue = [(self._chats.ready_at(item.chat_id), item.id, item) for item in items]
        heapq.heapify(queue)
        blocked: set[int] = set()
        while queue:
            ready, _, item = heapq.heappop(queue)
            if item.chat_id in blocked:
                continue  # block_chat already moved this row to 'blocked'
            if self._chats.ready_at(item.chat_id) > ready:  # its chat was sent to since: requeue behind others
                heapq.heappush(queue, (self._chats.ready_at(item.chat_id), item.id, item))
                continue
            if not await self._wait_for_turn(item, report):
                continue
            await self._deliver(item, report, blocked)
        return report

    async def _wait_for_turn(self, item: OutboxItem, report: SendReport) -> bool:
        now = self._seconds()
        wait = max(self._bucket.delay(now), self._chats.ready_at(item.chat_id) - now, self._paused_until - now)
        if wait > self.limits.lease_seconds / 2:
            # Too far off to hold the lease: give the row back, without counting an attempt.
            self._record(lambda uow: uow.outbox.retry_at(item.id, self._at(now + wait), "held back",
                                                         count_attempt=False))
            report.retried += 1
            return False
        if wait > 0:
            await self._sleep(wait)
        return True

    async def _deliver(self, item: OutboxItem, report: SendReport, blocked: set[int]) -> None:
        now = self._seconds()
        self._bucket.take(now)
        self._chats.sent(item.chat_id, now)
        try:
            await self._messenger.send(item.chat_id, item.payload)
        except DeliveryRetryAfter as exc:
            report.rate_limited += 1
            self._paused_until = self._seconds() + exc.retry_after
            self._record(lambda uow: uow.outbox.retry_at(item.id, self._at(self._paused_until), "429",
                                                         count_attempt=False))
        except DeliveryBlocked as exc:
            report.blocked += 1
            blocked.add(item.chat_id)
            reason = str(exc)
            self._record(lambda uow: uow.outbox.block_chat(item.chat_id, reason))
        except DeliveryTransient as exc:
            self._transient(item, str(exc), report)
        else:
            report.sent += 1
            self._record(lambda uow: uow.outbox.mark_sent(item.id, self._clock.now()))

    def _transient(self, item: OutboxItem, error: str, report: SendReport) -> None:
        if item.attempts >= self.limits.max_attempts:
            report.failed += 1
            log.warning("outbox %s failed after %d attempts: %s", item.dedupe_key, item.attempts, error)
            self._record(lambda uow: uow.outbox.fail(item.id, error))
            return
        report.retried += 1
        at = self._at(self._seconds() + backoff(item.attempts, self.limits))
        self._record(lambda uow: uow.outbox.retry_at(item.id, at, error))

    def _record(self, change) -> None:
        with self._uow_factory() as uow:
            change(uow)
            uow.commit()

    def _seconds(self) -> float:
        return self._clock.now().timestamp()

    def _at(self, seconds: float) -> datetime:
        now = self._clock.now()
        return now + timedelta(seconds=seconds - now.timestamp())
