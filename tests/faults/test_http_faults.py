"""The API on a real HTTP server (uvicorn) under faults: a database locked by a long writer answers
503 with Retry-After and the client's retry succeeds, booking the order once; a huge upload is
refused before it is read."""
from __future__ import annotations

import json
import threading
from decimal import Decimal

import httpx
import pytest

from api.app import create_app
from api.signing import signed_headers
from copilot.database import Database
from copilot.outbox import OutboxNotifier
from core.ports import ProductListRecord
from core.settings import APISettings, Settings
from tests.api.conftest import SECRET
from tests.faults.conftest import locked
from tests.faults.live_api import raw_exchange, serving
from tests.integration.sales.brand import NOW, TZ, FixedClock, counts, ledger, order_json, seed

BUSY_TABLES = ("orders", "order_lines", "commission_ledger", "interactions", "outbox", "customers")


@pytest.fixture
def live(engine, impatient_uow):
    ids = seed(engine)
    settings = Settings(timezone=TZ, api=APISettings(webhook_secret=SECRET))
    clock = FixedClock()
    database = Database(impatient_uow)
    app = create_app(database, settings, clock, notifier=OutboxNotifier(impatient_uow, clock))
    with serving(app) as url:
        yield url, ids
    database.close()


def post_order(url: str, body: dict) -> httpx.Response:
    raw = json.dumps(body).encode()
    return httpx.post(url + "/api/orders", content=raw, headers=signed_headers(SECRET, int(NOW.timestamp()), raw),
                      timeout=60)


def test_an_order_pushed_while_an_import_holds_the_database_is_a_503_and_the_retry_books_it_once(live, engine):
    url, _ = live
    with locked(engine, *BUSY_TABLES):
        busy = post_order(url, order_json(lines=(("CREAM", 4, "320.00"),), guide="G2"))
    assert busy.status_code == 503 and busy.json()["error"] == "unavailable"
    assert int(busy.headers["Retry-After"]) >= 1
    assert counts(engine) == {"orders": 0, "commission_ledger": 0, "refunds": 0}  # nothing half-booked
    retry = post_order(url, order_json(lines=(("CREAM", 4, "320.00"),), guide="G2"))
    assert retry.status_code == 200 and retry.headers["X-GC-Replay"] == "false"
    assert counts(engine) == {"orders": 1, "commission_ledger": 1, "refunds": 0}
    [entry] = ledger(engine)
    assert entry[3:5] == (Decimal("1280.00"), Decimal("38.40"))


def test_the_product_list_page_and_its_click_are_a_friendly_503_while_busy_then_work(live, engine, impatient_uow):
    url, ids = live
    with impatient_uow() as uow:
        uow.product_lists.add(ProductListRecord("k" * 32, ids.customers["C1"], ids.guides["G2"],
                                                (("TEE", "new in"),), NOW, NOW.replace(year=2027)))
        uow.commit()
    page = f"{url}/l/{'k' * 32}"
    with locked(engine, *BUSY_TABLES):
        busy_page = httpx.get(page, timeout=60)
        busy_click = httpx.post(page + "/click/TEE", follow_redirects=False, timeout=60)
    for answer in (busy_page, busy_click):
        assert answer.status_code == 503 and answer.headers["Retry-After"]
        assert "请稍候" in answer.text and "busy right now" in answer.text
    assert httpx.get(page, timeout=60).status_code == 200
    assert httpx.post(page + "/click/TEE", follow_redirects=False, timeout=60).status_code == 303


def test_a_300_mb_upload_is_refused_before_its_body_is_read(live):
    url, _ = live
    head = (b"POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"X-GC-Timestamp: %d\r\nX-GC-Signature: %s" % (int(NOW.timestamp()), b"0" * 64))
    declared, sent = raw_exchange(url, head + b"\r\nContent-Length: 300000000", [b"x" * 65536] * 4600)
    assert declared.startswith(b"HTTP/1.1 413") and sent < 30_000_000  # answered at once, body unread
    chunk = b"100000\r\n" + b"x" * 0x100000 + b"\r\n"  # 1 MiB chunks, no length announced
    streamed, sent = raw_exchange(url, head + b"\r\nTransfer-Encoding: chunked", [chunk] * 300)
    assert streamed.startswith(b"HTTP/1.1 413") and sent < 30_000_000
    unsigned, sent = raw_exchange(url, b"POST /api/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000",
                                  [b"x" * 65536] * 4600)
    assert unsigned[:12] in (b"HTTP/1.1 401", b"HTTP/1.1 413") and sent < 30_000_000  # unsigned: not even read


def test_concurrent_pushes_of_one_order_while_the_database_is_busy_book_it_once(live, engine):
    url, _ = live
    answers: list[int] = []
    refused = threading.Semaphore(0)

    def push() -> None:
        for attempt in range(100):  # a client retrying on 503 (without the wait: the lock goes soon)
            status = post_order(url, order_json(lines=(("CREAM", 1, "298.00"),))).status_code
            if status != 503:
                answers.append(status)
                return
            if attempt == 0:
                refused.release()

    pushers = [threading.Thread(target=push) for _ in range(4)]
    with locked(engine, *BUSY_TABLES):
        for thread in pushers:
            thread.start()
        for _ in pushers:  # every client was turned away at least once while the lock was held
            assert refused.acquire(timeout=60)
    for thread in pushers:
        thread.join(120)
    assert sorted(answers) == [200, 200, 200, 200]  # one booking, three replays answered alike
    assert counts(engine) == {"orders": 1, "commission_ledger": 1, "refunds": 0}
