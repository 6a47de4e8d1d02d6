"""The sender's database work: each change one short unit of work in a worker thread, fenced by the
claim's lease token. Recording a delivery is retried while the database is busy or unreachable,
because a delivery that is not recorded is sent again once the lease runs out."""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from copilot.database import Database
from copilot.outbox.batch import Batch
from copilot.outbox.limits import Limits
from core.errors import Unavailable
from core.ports import Clock, OutboxItem, UnitOfWork

log = logging.getLogger(__name__)


class Recorder:
    def __init__(self, database: Database, clock: Clock, sleep: Callable[[float], Awaitable[None]],
                 limits: Limits) -> None:
        self._database, self._clock, self._sleep, self._limits = database, clock, sleep, limits

    async def claim(self, limit: int) -> list[OutboxItem]:
        now = self._clock.now()
        return await self._write(lambda uow: uow.outbox.claim(now, limit=limit,
                                                              lease_seconds=self._limits.lease_seconds))

    async def hold(self, batch: Batch, item: OutboxItem) -> bool:
        """Renew the lease of `item` (and of the rows still waiting in its batch) just before sending
        it; False when another sender has taken `item` over meanwhile."""
        until = self._clock.now() + timedelta(seconds=self._limits.lease_seconds)
        ids = [item.id, *batch.waiting()]
        held = await self._write(lambda uow: uow.outbox.renew(ids, item.lease, until))
        batch.keep_only(held | {item.id})
        if item.id not in held:
            batch.lost += 1
            return False
        return True

    async def mark_sent(self, item: OutboxItem) -> None:
        give_up_at = self._seconds() + self._limits.max_backoff_seconds
        delay = 0.5
        while True:
            try:
                recorded = await self._write(lambda uow: uow.outbox.mark_sent(item.id, item.lease, self._clock.now()))
                break
            except Unavailable as exc:
                if self._seconds() >= give_up_at:
                    log.error("outbox %s was delivered but could not be recorded (%s): it will be sent again",
                              item.dedupe_key, exc)
                    raise
                log.warning("outbox %s delivered; recording it waits for the database: %s", item.dedupe_key, exc)
                await self._sleep(delay)
                delay = min(delay * 2, 5.0)
        if not recorded:
            log.warning("outbox %s: delivered, but another sender had recorded it already", item.dedupe_key)

    async def give_back(self, item: OutboxItem, at: datetime, error: str, *, count_attempt: bool = True) -> None:
        await self._write(lambda uow: uow.outbox.retry_at(item.id, item.lease, at, error, count_attempt=count_attempt))

    async def fail(self, item: OutboxItem, error: str) -> None:
        await self._write(lambda uow: uow.outbox.fail(item.id, item.lease, error))

    async def block_chat(self, chat_id: int, error: str) -> None:
        await self._write(lambda uow: uow.outbox.block_chat(chat_id, error))

    def at(self, seconds: float) -> datetime:
        now = self._clock.now()
        return now + timedelta(seconds=seconds - now.timestamp())

    async def _write(self, change: Callable[[UnitOfWork], object]):
        return await self._database.write(change)

    def _seconds(self) -> float:
        return self._clock.now().timestamp()
