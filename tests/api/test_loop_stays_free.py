"""An order webhook waiting on the database holds up nobody: the app keeps answering meanwhile."""
from __future__ import annotations

import asyncio
import json
import threading

import httpx
from sqlalchemy import text

from api.app import create_app
from api.signing import signed_headers
from core.settings import APISettings, Settings
from tests.api.conftest import SECRET
from tests.integration.sales.brand import NOW, TZ, FixedClock, counts, order_json


def _hold_the_write_lock(engine, release: threading.Event, held: threading.Event) -> None:
    """Another writer (an import, say) in the middle of a long transaction."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(text("LOCK TABLE orders IN EXCLUSIVE MODE"))
        held.set()
        release.wait(30)
        conn.rollback()


async def test_health_and_product_pages_answer_while_an_order_waits_for_a_lock(engine, database, ids):
    app = create_app(database, Settings(timezone=TZ, api=APISettings(webhook_secret=SECRET)), FixedClock())
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_the_write_lock, args=(engine, release, held))
    holder.start()
    assert await asyncio.to_thread(held.wait, 10)
    body = json.dumps(order_json()).encode()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as client:
        order = asyncio.create_task(client.post("/api/orders", content=body,
                                                headers=signed_headers(SECRET, int(NOW.timestamp()), body)))
        try:
            for _ in range(20):  # all of these while the order is stuck behind the lock
                assert (await client.get("/health")).status_code == 200
                assert (await client.get("/l/" + "x" * 32)).status_code == 404
            assert not order.done()
        finally:
            release.set()
        response = await order
    holder.join()
    assert response.status_code == 200 and response.json()["commission"] == "8.94"
    assert counts(engine)["orders"] == 1
