"""Handler time of the guide's screens, against /help handled the same way (the anchor: the cheapest
staff command, so the ratio is what the screen itself costs).

    python -m bench.bot [--postgres-url URL] [--repeat 200] [--json FILE]

One guide with 3,000 contacts: /today and opening a card, p50/p95 per update (target: p95 within 3x
/help). 200 guides at once: every guide sends /today in the same instant (concurrent feed_update;
target: p95 per update within 3x /help x200). With 20 guides streaming drafts from a local LLM
server that takes 10 s per answer, the other 180 guides' /today at once (target: p95 within 1.5x of
the same run without the slow drafts).
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from aiogram.types import User
from sqlalchemy import text

from bench.bot.seed import TELEGRAM_BASE, seed
from bench.bot.slow_llm import SlowLLM
from bot.app import build_bot
from bot.callbacks import CardAction, CardCb
from bot.local_session import LocalApiSession, LocalUpdates
from cli.container import Container
from core.clock import FixedClock
from core.settings import LLMSettings, Settings
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai: outside quiet hours
SLOW_GUIDES, LLM_SECONDS = 20, 10.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Report:
    def __init__(self) -> None:
        self.figures: dict[str, float] = {}

    def line(self, key: str, label: str, ms: list[float], anchor_key: str | None = None, target: float | None = None):
        p50, p95 = pct(ms, 0.5), pct(ms, 0.95)
        self.figures[f"{key}_p50_ms"], self.figures[f"{key}_p95_ms"] = round(p50, 2), round(p95, 2)
        out = f"{label:<44} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms"
        if anchor_key:
            ratio = p95 / self.figures[f"{anchor_key}_p95_ms"]
            self.figures[f"{key}_vs_{anchor_key}_p95"] = round(ratio, 2)
            out += f"   = {ratio:5.2f}x anchor at p95"
            if target:
                out += f"   (target <= {target}x: {'PASS' if ratio <= target else 'FAIL'})"
        print(out, flush=True)


async def run(url: str, repeat: int) -> dict[str, float]:
    engine = make_engine(url)
    if url.startswith("postgresql"):
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    uow_factory = SqlUnitOfWorkFactory(make_session_factory(engine))
    started = time.perf_counter()
    brand = seed(uow_factory, NOW)
    with SlowLLM(LLM_SECONDS) as llm:
        llm_settings = LLMSettings(base_url=llm.base_url, api_key="k", timeout_seconds=LLM_SECONDS * 3, max_retries=0)
        settings = Settings(data_dir=Path(tempfile.mkdtemp()), default_language="zh", llm=llm_settings)
        container = Container(settings, clock=FixedClock(NOW), uow_factory=uow_factory, indexed_knowledge=None)
        with uow_factory() as uow:
            container.contacts.score_all(uow, NOW)
            uow.commit()
        print(f"brand: {brand['customers']:,} customers, {brand['orders']:,} orders, 200 guides "
              f"(seeded and scored in {time.perf_counter() - started:.1f}s) on {engine.dialect.name}", flush=True)
        report = await Bench(container, brand, repeat).run()
        report.figures["load_average_1m"] = round(__import__("os").getloadavg()[0], 2)
        print(f"load average during the run: {report.figures['load_average_1m']}")
    container.close()
    engine.dispose()
    return report.figures


class Bench:
    def __init__(self, container: Container, brand: dict, repeat: int) -> None:
        self.dp, self.session = container.dispatcher(), LocalApiSession()
        self.bot, self.updates = build_bot(container.settings, self.session), LocalUpdates()
        self.repeat, self.brand, self.report = repeat, brand, Report()
        with container.uow_factory() as uow:
            self.staff = {s.telegram_user_id: s for s in uow.staff.list()}

    async def feed(self, update) -> float:
        t0 = time.perf_counter()
        await self.dp.feed_update(self.bot, update)
        return (time.perf_counter() - t0) * 1000

    def user(self, tid: int) -> User:
        return User(id=tid, is_bot=False, first_name="g", language_code="zh")

    async def times(self, command: str, tid: int = TELEGRAM_BASE) -> list[float]:
        for _ in range(5):  # warm-up: caches, SQL statement caches
            await self.feed(self.updates.text(self.user(tid), command))
        return [await self.feed(self.updates.text(self.user(tid), command)) for _ in range(self.repeat)]

    async def press(self, tid: int, data: str) -> float:
        screen = self.session.messages[max(k for k in self.session.messages if k[0] == tid)]
        return await self.feed(self.updates.press(self.user(tid), screen, data))

    async def run(self) -> Report:
        # What `guide-copilot bot` does after startup: the import-time heap leaves the collector's view.
        gc.collect()
        gc.freeze()
        await self.one_guide()
        await self.at_once()
        await self.with_slow_drafts()
        return self.report

    async def one_guide(self) -> None:
        r, big = self.report, self.staff[TELEGRAM_BASE]
        ids, rng = self.brand["big_guide_customers"], random.Random(1)
        print(f"one guide with {len(ids):,} contacts, {self.repeat} updates each:", flush=True)
        r.line("help", "  anchor: /help", await self.times("/help"))
        r.line("today", "  /today (page 1 of 3,000 ranked)", await self.times("/today"), "help", 3)
        cards = [await self.press(TELEGRAM_BASE, CardCb(u=big.id, c=rng.choice(ids), a=CardAction.OPEN).pack())
                 for _ in range(self.repeat)]
        r.line("card", "  open a customer card", cards, "help", 3)

    async def crowd(self, command: str, tids) -> tuple[float, list[float]]:
        t0 = time.perf_counter()
        each = await asyncio.gather(*(self.feed(self.updates.text(self.user(tid), command)) for tid in tids))
        return (time.perf_counter() - t0) * 1000, list(each)

    async def at_once(self) -> None:
        r, everyone = self.report, list(self.staff)
        await self.crowd("/today", everyone)  # warm-up
        anchor = [await self.crowd("/help", everyone) for _ in range(3)]
        crowd = [await self.crowd("/today", everyone) for _ in range(3)]
        print("200 guides at once (3 rounds, concurrent feed_update, no in-flight limit):")
        r.line("help_at_once", "  anchor: /help x200, per update", [x for _, each in anchor for x in each])
        r.line("today_at_once", "  /today x200, per update", [x for _, each in crowd for x in each],
               "help_at_once", 3)
        wall = statistics.median(w for w, _ in crowd)
        r.figures["today_at_once_per_second"] = round(200 / wall * 1000, 1)
        print(f"  {200 / wall * 1000:.0f} /today per second")

    async def with_slow_drafts(self) -> None:
        r = self.report
        slow = list(self.staff)[1:1 + SLOW_GUIDES]
        others = list(self.staff)[1 + SLOW_GUIDES:]
        baseline = [await self.crowd("/today", others) for _ in range(3)]
        print(f"{len(others)} guides' /today at once, alone and while {SLOW_GUIDES} guides stream drafts "
              f"from an LLM that takes {LLM_SECONDS:.0f} s:")
        r.line("today_others", "  /today, no drafts in flight", [x for _, e in baseline for x in e])
        drafts = [asyncio.create_task(self.draft(tid)) for tid in slow]
        await asyncio.sleep(0.5)  # every draft is waiting on the LLM now
        during = [await self.crowd("/today", others) for _ in range(3)]
        r.line("today_with_slow_llm", "  /today, 20 drafts waiting on the LLM", [x for _, e in during for x in e],
               "today_others", 1.5)
        for task in drafts:
            task.cancel()
        await asyncio.gather(*drafts, return_exceptions=True)

    async def draft(self, tid: int) -> None:
        guide = self.staff[tid]
        await self.feed(self.updates.text(self.user(tid), "/today"))
        customer = self.brand["customers_by_guide"][guide.id][0]
        await self.press(tid, CardCb(u=guide.id, c=customer, a=CardAction.DRAFT).pack())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres-url", help="run on this PostgreSQL database (its public schema is dropped!)")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args()
    url = args.postgres_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    figures = asyncio.run(run(url, args.repeat))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
