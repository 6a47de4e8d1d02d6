"""Push one campaign to 50,000 customers across 500 guides; then send the outbox.

    python -m bench.campaigns [--customers 50000] [--guides 500] [--postgres URL] [--real-clock]

Task creation is compared with an anchor measured in the same run: inserting the same number of
bare care-task rows (the database floor for writing them). The sender runs against a recording
messenger on a virtual clock (sleeps advance time instantly, so the rate limits show exactly), and
its wall-clock cost per message says how much headroom it has under the configured limit.
`--real-clock` sends a smaller batch on the real clock instead, sleeping for real.
"""
from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from bench.campaigns.seed import NOW, seed
from copilot.campaigns import CampaignSpec
from cli.container import Container
from copilot.outbox import Limits, OutboxSender
from core.settings import Settings
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.tables_ops import CareTaskRow
from db.uow import SqlUnitOfWorkFactory


class VirtualClock:
    def __init__(self) -> None:
        self.current = NOW

    def now(self):
        return self.current

    async def sleep(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


class RealClock:
    def now(self):
        from datetime import UTC, datetime

        return datetime.now(UTC)


class RecordingMessenger:
    def __init__(self, clock) -> None:
        self.clock, self.sent = clock, []

    async def send(self, chat_id: int, payload: dict) -> None:
        self.sent.append((chat_id, self.clock.now()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--guides", type=int, default=500)
    parser.add_argument("--postgres", default="")
    parser.add_argument("--real-clock", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = _engine(args.postgres, Path(folder))
        seed(engine, customers=args.customers, guides=args.guides)
        uow_factory = SqlUnitOfWorkFactory(make_session_factory(engine))
        print(f"backend {engine.dialect.name}; {args.customers:,} customers, {args.guides} guides")
        _creation(engine, uow_factory, args.customers)
        asyncio.run(_sending(uow_factory, args.real_clock))


def _engine(postgres: str, folder: Path):
    engine = make_engine(postgres or f"sqlite:///{folder / 'bench.db'}")
    if postgres:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    return engine


def _creation(engine, uow_factory, customers: int) -> None:
    settings = Settings(timezone="Asia/Shanghai", data_dir=Path(tempfile.mkdtemp()))
    service = Container(settings, uow_factory=uow_factory, indexed_knowledge=None).campaigns
    spec = CampaignSpec(name="Mid-autumn recall", segment="all", kind="care_checkin", brief="新品面霜到店，欢迎来试",
                        due=date(2026, 11, 27), variants=2, holdout=0.1)
    started = time.perf_counter()
    with uow_factory() as uow:
        result = service.create(uow, spec, NOW)
        uow.commit()
    took = time.perf_counter() - started
    total = result.created + result.holdout
    anchor = _anchor_insert(engine, total)
    print(f"campaign: {result.created:,} tasks + {result.holdout:,} holdout for {len(result.per_guide)} guides, "
          f"excluded {result.excluded}")
    print(f"  create (select, split, draft + product list per task, insert, notify): {took:.2f} s "
          f"= {1000 * took / max(total, 1):.3f} ms/task")
    print(f"  anchor (insert {total:,} bare task rows): {anchor:.2f} s; ratio create/anchor = {took / anchor:.1f}x")


def _anchor_insert(engine, n: int) -> float:
    rows = [dict(campaign_id=None, customer_id=i + 1, guide_id=1, kind="care_checkin", variant=0, holdout=False,
                 status="anchor", draft="", products=[], created_at=NOW) for i in range(n)]
    started = time.perf_counter()
    with engine.begin() as conn:
        for k in range(0, n, 5000):
            conn.execute(insert(CareTaskRow), rows[k : k + 5000])
    took = time.perf_counter() - started
    with engine.begin() as conn:
        conn.execute(CareTaskRow.__table__.delete().where(CareTaskRow.status == "anchor"))
    return took


async def _sending(uow_factory, real: bool) -> None:
    limits = Limits()
    extra = 250 if real else 5_000  # customer messages to distinct chats, on top of the guides' notices
    clock = RealClock() if real else VirtualClock()
    with uow_factory() as uow:
        for i in range(extra):
            uow.outbox.enqueue(dedupe_key=f"bench:{i}", chat_id=1_000_000 + i, payload={"text": "hi"}, now=clock.now())
        uow.commit()
    messenger = RecordingMessenger(clock)
    sender = OutboxSender(uow_factory, messenger, clock, limits=limits,
                          sleep=asyncio.sleep if real else clock.sleep)
    started_wall, started = time.perf_counter(), clock.now()
    report = await sender.drain()
    wall = time.perf_counter() - started_wall
    span = (messenger.sent[-1][1] - started).total_seconds()
    rate = len(messenger.sent) / span if span else float("inf")
    print(f"sender ({'real' if real else 'virtual'} clock): {report.sent:,} sent in {span:.1f} s of "
          f"{'real' if real else 'virtual'} time = {rate:.1f} msg/s; limit {limits.per_second:g} msg/s; "
          f"ratio {rate / limits.per_second:.3f}")
    if real:
        print(f"  wall time {wall:.2f} s (mostly waiting for the rate limit)")
        return
    print(f"  wall time {wall:.2f} s = {1000 * wall / report.sent:.2f} ms/message of our own work "
          f"(capacity ~{report.sent / wall:.0f} msg/s = {report.sent / wall / limits.per_second:.0f}x the limit)")


if __name__ == "__main__":
    main()
