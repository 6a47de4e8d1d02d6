"""Throughput of signed order webhooks on SQLite and PostgreSQL, against GET /health in the same run.

    python -m bench.webhooks [--count 10000] [--concurrency 8] [--postgres URL] [--json FILE]

Requests go through the real FastAPI app in-process (httpx.ASGITransport: no sockets, so the
numbers are the app + database, not the network); the sync handlers run in the app's thread pool,
`--concurrency` requests at a time. The anchor is the same number of GET /health requests (no
database), so the ratio says what a webhook costs on top of the framework. --postgres DROPS the
public schema of the database it is given: point it at a scratch database. `--json FILE` writes
every figure (requests per second, ratios to the anchor, the ledger before and after the replay,
the load average when the run started).
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import httpx
from sqlalchemy import func, select

from api.app import create_app
from api.signing import signed_headers
from bench.webhooks.seed import orders, prepare
from copilot.database import Database
from core.settings import APISettings, Settings
from db.engine import make_engine, make_session_factory
from db.tables import OrderRow
from db.tables_ops import LedgerEntryRow
from db.uow import SqlUnitOfWorkFactory

SECRET = "bench-secret"


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


async def _blast(app, count: int, concurrency: int, request: Callable[[httpx.AsyncClient, int], object]) -> float:
    """Requests per second for `count` requests, `concurrency` in flight; every one must answer 200."""
    queue = iter(range(count))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        async def worker():
            for index in queue:
                response = await request(client, index)
                assert response.status_code == 200, response.text

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return count / (time.perf_counter() - start)


def _post(bodies: list[bytes]):
    def request(client: httpx.AsyncClient, index: int):
        body = bodies[index]
        headers = signed_headers(SECRET, int(time.time()), body)
        return client.post("/api/orders", content=body, headers=headers)
    return request


def run_backend(url: str, count: int, concurrency: int) -> tuple[float, float, tuple]:
    engine = make_engine(url)
    uow_factory = SqlUnitOfWorkFactory(make_session_factory(engine))
    now = datetime.now(UTC)
    prepare(engine, uow_factory, now)
    db = Database(uow_factory)
    app = create_app(db, Settings(timezone="Asia/Shanghai", api=APISettings(webhook_secret=SECRET)), Clock())
    bodies = orders(count, now)
    first = asyncio.run(_blast(app, count, concurrency, _post(bodies)))
    before = _totals(engine)
    replay = asyncio.run(_blast(app, count, concurrency, _post(bodies)))
    after = _totals(engine)
    db.close()
    engine.dispose()
    assert before == after and before[:2] == (count, count), (before, after)
    return first, replay, after


def _totals(engine) -> tuple:
    """(orders, ledger entries, total commission, a digest of every entry): every order is credited
    (all customers have an owner), and the digest tells whether a replay changed any entry."""
    entry = LedgerEntryRow
    with engine.connect() as conn:
        rows = conn.execute(select(entry.entry_key, entry.order_id, entry.guide_id, entry.kind, entry.base_amount,
                                   entry.commission, entry.month, entry.campaign_id, entry.attribution)
                            .order_by(entry.id)).all()
        return (conn.scalar(select(func.count()).select_from(OrderRow)), len(rows),
                sum((row.commission for row in rows), Decimal(0)),
                hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()[:16])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--postgres", default="", help="scratch database URL (its public schema is dropped)")
    parser.add_argument("--json", default="", help="write every figure to this file")
    args = parser.parse_args()
    figures: dict[str, object] = {"count": args.count, "concurrency": args.concurrency,
                                  "load_average_1m": round(os.getloadavg()[0], 2)}
    health = create_app(None, Settings(), Clock())  # the anchor needs no database
    anchor = asyncio.run(_blast(health, args.count, args.concurrency,
                                lambda client, _: client.get("/health")))
    figures["health_rps"] = round(anchor, 1)
    print(f"{args.count:,} requests per run, {args.concurrency} in flight, in-process ASGI (httpx.ASGITransport); "
          f"load average {figures['load_average_1m']}")
    print(f"anchor   GET /health                   {anchor:9,.0f} req/s   1.000x")
    with tempfile.TemporaryDirectory() as tmp:
        backends = [("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")]
        if args.postgres:
            backends.append(("postgres", args.postgres))
        for name, url in backends:
            first, replay, (orders_, entries, earned, digest) = run_backend(url, args.count, args.concurrency)
            figures.update({f"{name}_new_order_rps": round(first, 1), f"{name}_new_order_ratio": round(first / anchor, 3),
                            f"{name}_replay_rps": round(replay, 1), f"{name}_replay_ratio": round(replay / anchor, 3),
                            f"{name}_orders": orders_, f"{name}_ledger_entries": entries,
                            f"{name}_commission": str(earned), f"{name}_ledger_digest": digest,
                            f"{name}_ledger_identical_after_replay": True})
            print(f"{name:<8} POST /api/orders  new order  {first:9,.0f} req/s   {first / anchor:.3f}x")
            print(f"{name:<8} POST /api/orders  replay     {replay:9,.0f} req/s   {replay / anchor:.3f}x")
            print(f"{name:<8} after the replay: {orders_:,} orders, {entries:,} ledger entries, "
                  f"commission {earned:,.2f}, digest {digest} (identical to before it)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
