"""The outbox sender: claim a small batch -> for each row, renew its lease, send, record -> repeat.

Delivery guarantee, honestly stated: a row is sent at least once and, outside one narrow window,
exactly once. The window: Telegram accepted a message but "sent" could not be recorded, because
the process died right then, or the database stayed unreachable for longer than the lease while
the sender kept trying to record it, or Telegram gave no answer within `send_timeout_seconds`
(it may have delivered). Such a row is sent again once its lease runs out. Telegram offers no
idempotency key to close the window.

Everything else is fenced: each claim has its own token, and just before a row is sent its lease
is renewed under that token. A sender whose lease lapsed and whose rows another sender took over
(a slow batch, a long 429 pause, a frozen process) finds them gone at that renewal and skips
them; its late "retry later" or "failed" changes nothing either. Database work runs in a worker
thread, never on the event loop that serves the bot.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from copilot.database import Database
from copilot.outbox.batch import Batch
from copilot.outbox.limits import ChatSpacing, Limits, TokenBucket, backoff
from copilot.outbox.recording import Recorder
from copilot.outbox.serving import Health, keep_sending, worker_name
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
    lost: int = 0  # rows another sender took over after our lease lapsed: skipped, not sent

    def add(self, other: SendReport) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class OutboxSender:
    def __init__(self, uow_factory: UnitOfWorkFactory, messenger: Messenger, clock: Clock, *,
                 limits: Limits = Limits(), sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self._messenger, self._clock, self._sleep = messenger, clock, sleep
        self.limits = limits
        self.health = Health(started_at=clock.now())
        # One worker thread: the sender's units of work are short and one after the other.
        self._database = Database(uow_factory, max_workers=1)
        self._db = Recorder(self._database, clock, sleep, limits)
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

    async def serve(self, *, idle_seconds: float = 2.0, name: str | None = None) -> None:
        """Forever, for the bot process: drain, then look again after a short idle wait; survives any error."""
        await keep_sending(self.drain, self._database, self._clock, self.health, name=name or worker_name(),
                           sleep=self._sleep, idle_seconds=idle_seconds)

    async def run_once(self) -> SendReport:
        report = SendReport()
        items = await self._db.claim(self.limits.batch)
        batch = Batch(items, self._chats)
        while (item := batch.next()) is not None:
            if not await self._wait_for_turn(item, report):
                continue
            if not await self._db.hold(batch, item):
                log.info("outbox %s: our lease lapsed and another sender took it; skipped", item.dedupe_key)
                continue
            await self._deliver(item, report, batch)
        report.lost = batch.lost
        return report

    async def _wait_for_turn(self, item: OutboxItem, report: SendReport) -> bool:
        now = self._seconds()
        wait = max(self._bucket.delay(now), self._chats.ready_at(item.chat_id) - now, self._paused_until - now)
        if wait > self.limits.lease_seconds / 2:
            # Too far off to hold the lease: give the row back, without counting an attempt.
            await self._db.give_back(item, self._db.at(now + wait), "held back", count_attempt=False)
            report.retried += 1
            return False
        if wait > 0:
            await self._sleep(wait)
        return True

    async def _deliver(self, item: OutboxItem, report: SendReport, batch: Batch) -> None:
        now = self._seconds()
        self._bucket.take(now)
        self._chats.sent(item.chat_id, now)
        try:
            await asyncio.wait_for(self._messenger.send(item.chat_id, item.payload), self.limits.send_timeout_seconds)
        except DeliveryRetryAfter as exc:
            report.rate_limited += 1
            self._paused_until = self._seconds() + exc.retry_after
            await self._db.give_back(item, self._db.at(self._paused_until), "429", count_attempt=False)
        except DeliveryBlocked as exc:
            report.blocked += 1
            batch.drop_chat(item.chat_id)
            await self._db.block_chat(item.chat_id, str(exc))
        except DeliveryTransient as exc:
            await self._transient(item, str(exc), report)
        except TimeoutError:
            # Telegram may or may not have delivered it: retried, inside the documented window.
            await self._transient(item, f"no answer within {self.limits.send_timeout_seconds:.0f}s", report)
        else:
            report.sent += 1
            await self._db.mark_sent(item)

    async def _transient(self, item: OutboxItem, error: str, report: SendReport) -> None:
        if item.attempts >= self.limits.max_attempts:
            report.failed += 1
            log.warning("outbox %s failed after %d attempts: %s", item.dedupe_key, item.attempts, error)
            await self._db.fail(item, error)
            return
        report.retried += 1
        await self._db.give_back(item, self._db.at(self._seconds() + backoff(item.attempts, self.limits)), error)

    def _seconds(self) -> float:
        return self._clock.now().timestamp()
