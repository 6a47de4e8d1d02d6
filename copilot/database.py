"""The database as async code sees it: short units of work, each run in a worker thread.

The bot and the API are asyncio programs; the copilot's use cases are plain synchronous functions
over a unit of work (so the CLI, batch jobs and tests call them directly). `Database` joins the two:
`await db.read(fn, ...)` / `await db.write(fn, ...)` opens a unit of work in a worker thread, calls
`fn(uow, ...)`, commits (write) or rolls back (read), and closes it before the await returns. So no
session is ever held across a network await (Telegram, an LLM), and a slow query never blocks the
event loop: other updates go on while it runs.

Why threads rather than async SQLAlchemy: the copilot stays one synchronous code base shared with
the CLI, the nightly jobs and Spark workers; the drivers release the GIL while they wait on the
database; and each thread holds a pooled connection only for the length of one unit of work, so
updates can no longer starve the pool (the old in-flight limit is not needed). Keep `max_workers`
at or below the engine's pool size.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Concatenate, ParamSpec, TypeVar

from core.ports import UnitOfWork, UnitOfWorkFactory

P = ParamSpec("P")
T = TypeVar("T")


class Database:
    def __init__(self, uow_factory: UnitOfWorkFactory, *, max_workers: int = 8) -> None:
        self.uow_factory = uow_factory
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="db")

    async def read(self, fn: Callable[Concatenate[UnitOfWork, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`fn(uow, ...)` in a worker thread; nothing it did is committed."""
        return await self._run(partial(self._in_unit, fn, args, kwargs, commit=False))

    async def write(self, fn: Callable[Concatenate[UnitOfWork, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`fn(uow, ...)` in a worker thread, committed when it returns, rolled back when it raises."""
        return await self._run(partial(self._in_unit, fn, args, kwargs, commit=True))

    async def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A blocking call that opens its own units of work (the outbox notifier), off the loop."""
        return await self._run(partial(fn, *args, **kwargs))

    def _in_unit(self, fn, args, kwargs, *, commit: bool):
        with self.uow_factory() as uow:
            result = fn(uow, *args, **kwargs)
            if commit:
                uow.commit()
            return result

    async def _run(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
