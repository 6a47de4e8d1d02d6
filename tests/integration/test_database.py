"""copilot.database: units of work in worker threads, as the bot and the API run them."""
from __future__ import annotations

import asyncio
import threading

import pytest

from copilot.database import Database


def _add_store(uow, external_id: str) -> int:
    uow.bulk.upsert("stores", [{"external_id": external_id, "name": external_id}])
    return uow.bulk.ids("stores", [external_id])[external_id]


def _stores(uow) -> set[str]:
    return set(uow.bulk.ids("stores", ["S1", "S2", "S3"]))


@pytest.fixture
def db(uow_factory):
    database = Database(uow_factory, max_workers=2)
    yield database
    database.close()


async def test_a_write_is_committed_and_a_read_commits_nothing(db):
    await db.write(_add_store, "S1")
    await db.read(_add_store, "S2")  # a read's unit of work is rolled back, whatever it did
    assert await db.read(_stores) == {"S1"}


async def test_a_unit_that_raises_halfway_leaves_nothing_behind(db):
    def adds_then_fails(uow):
        _add_store(uow, "S3")
        raise RuntimeError("after the write")

    with pytest.raises(RuntimeError, match="after the write"):
        await db.write(adds_then_fails)
    assert await db.read(_stores) == set()


async def test_the_event_loop_keeps_serving_while_a_unit_of_work_waits(db):
    release, entered = threading.Event(), threading.Event()

    def slow(uow):
        entered.set()
        release.wait(10)  # a slow query, a lock wait
        return _add_store(uow, "S1")

    pending = asyncio.create_task(db.write(slow))
    await asyncio.to_thread(entered.wait, 10)
    ticks = 0
    for _ in range(5):  # other coroutines run meanwhile
        await asyncio.sleep(0)
        ticks += 1
    assert ticks == 5 and not pending.done()
    assert await db.read(_stores) == set()  # another unit of work is served while the first one waits
    release.set()
    assert await pending > 0
