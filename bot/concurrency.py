"""At most N updates hold a database session at once.

Handlers keep their unit of work (a synchronous SQLAlchemy session, one pooled connection) open
across awaits. With more updates in flight than the pool has connections, the next checkout blocks
the whole event loop inside the pool, so no update can finish and return its connection: a
deadlock (found by bench/bot with 200 guides at once). Updates above the limit wait here instead,
without blocking the loop. Keep the limit below the pool size (SQLAlchemy's default: 5 + 10
overflow), leaving room for background jobs that open their own sessions.
"""
from __future__ import annotations

import asyncio
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

MAX_UPDATES_IN_FLIGHT = 8


class UpdateLimitMiddleware(BaseMiddleware):
    def __init__(self, limit: int = MAX_UPDATES_IN_FLIGHT) -> None:
        self._slots = asyncio.Semaphore(limit)

    async def __call__(self, handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self._slots:
            return await handler(event, data)
