"""The sender as a long-running job (inside the bot process): it must outlive any error.

A failed round (the database locked or gone, a bug on one odd row) is logged with its traceback,
followed by a pause that grows with each failure in a row (capped), and the loop goes on. Nothing
is lost meanwhile: unsent rows stay leased or pending in the outbox. Each round ends with a
heartbeat in the `workers` table, so `guide-copilot outbox status` (a health check) tells a live
sender from a dead or failing one.
"""
from __future__ import annotations

import logging
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from copilot.database import Database
from core.ports import Clock, WorkerBeat

log = logging.getLogger(__name__)
WORKER_PREFIX = "outbox-sender"


def worker_name() -> str:
    return f"{WORKER_PREFIX}@{socket.gethostname()}:{os.getpid()}"


@dataclass
class Health:
    """The loop as this process sees it, kept up to date even while the database cannot be written."""

    started_at: datetime
    rounds: int = 0
    failures: int = 0  # consecutive failed rounds
    last_error: str = ""

    @property
    def ok(self) -> bool:
        return self.failures == 0


async def keep_sending(drain: Callable[[], Awaitable[object]], database: Database, clock: Clock,
                       health: Health, *, name: str, sleep: Callable[[float], Awaitable[None]],
                       idle_seconds: float = 2.0, max_pause_seconds: float = 60.0) -> None:
    """Forever: drain, beat, idle. On any error: log it, pause longer each time, go on."""
    while True:
        try:
            await drain()
            await _beat(database, clock, health, name, failures=0)
            health.rounds, health.failures = health.rounds + 1, 0
        except Exception as exc:  # the loop must outlive any error; the log has it
            health.rounds, health.failures = health.rounds + 1, health.failures + 1
            health.last_error = f"{type(exc).__name__}: {exc}"[:500]
            pause = min(max_pause_seconds, idle_seconds * 2 ** health.failures)
            log.exception("outbox sender: round failed (%d in a row); next try in %.0fs", health.failures, pause)
            try:
                await _beat(database, clock, health, name, failures=health.failures, error=health.last_error)
            except Exception:  # the database is likely why the round failed
                log.debug("outbox sender: heartbeat not recorded", exc_info=True)
            await sleep(pause)
            continue
        await sleep(idle_seconds)


async def _beat(database: Database, clock: Clock, health: Health, name: str, *, failures: int,
                error: str | None = None) -> None:
    await database.write(lambda uow: uow.workers.beat(name, clock.now(), started_at=health.started_at,
                                                      failures=failures, error=error))


def assess(beats: list[WorkerBeat], now: datetime, *, stale_after: timedelta) -> tuple[bool, list[str]]:
    """(healthy, one line per sender): healthy when a sender beat within `stale_after` after a good round."""
    lines, healthy = [], False
    for beat in beats:
        fresh = now - beat.beat_at <= stale_after
        state = ("alive" if not beat.failures else "failing") if fresh else "silent"
        line = f"{beat.name}: {state}, last round {(now - beat.beat_at).total_seconds():.0f}s ago"
        if beat.failures:
            line += f", {beat.failures} failed in a row, last error: {beat.last_error}"
        lines.append(line)
        healthy = healthy or (fresh and not beat.failures)
    return healthy, lines
