"""Handler time of the guide's screens, against /help handled the same way (the anchor: the
cheapest staff command, so the ratio is what the screen itself costs).

    python -m bench.bot [--postgres-url URL] [--repeat 200]

One guide with 3,000 contacts: /today and opening a card, p50/p95 per update (target p95 < 150 ms).
200 guides at once: every guide sends /today in the same instant (concurrent feed_update).
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from aiogram.types import User
from sqlalchemy import text

from bench.bot.seed import TELEGRAM_BASE, seed
from bot.app import build_bot, build_dispatcher
from bot.callbacks import CardCb
from bot.local_session import LocalApiSession, LocalUpdates
from bot.services import BotServices
from copilot.contacts.cache import ScoringCache
from core.settings import Settings
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai: outside quiet hours
TARGET_P95_MS = 150.0


class Clock:
    def now(self) -> datetime:
        return NOW


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(label: str, ms: list[float], anchor: list[float] | None = None, target: bool = False) -> str:
    p50, p95 = pct(ms, 0.5), pct(ms, 0.95)
    out = f"{label:<34} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms"
    if anchor:
        out += f"   = {p50 / pct(anchor, 0.5):5.1f}x / {p95 / pct(anchor, 0.95):5.1f}x anchor"
    if target:
        out += f"   target p95 < {TARGET_P95_MS:.0f} ms: {'PASS' if p95 < TARGET_P95_MS else 'FAIL'}"
    return out


async def run(url: str, repeat: int) -> None:
    engine = make_engine(url)
    if url.startswith("postgresql"):
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    uow_factory = SqlUnitOfWorkFactory(make_session_factory(engine))
    started = time.perf_counter()
    brand = seed(uow_factory, NOW)
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), default_language="zh")
    services = BotServices.from_settings(settings)
    with uow_factory() as uow:
        services.contacts.score_all(uow, NOW)
        uow.commit()
    print(f"brand: {brand['customers']:,} customers, {brand['orders']:,} orders, 200 guides "
          f"(seeded and scored in {time.perf_counter() - started:.1f}s) on {engine.dialect.name}", flush=True)
    session = LocalApiSession()
    dp = build_dispatcher(uow_factory=uow_factory, clock=Clock(), settings=settings, services=services)
    bot = build_bot(settings, session)
    updates = LocalUpdates()
    with uow_factory() as uow:
        users = {s.telegram_user_id: s for s in uow.staff.list()}
    big = users[TELEGRAM_BASE]

    async def feed(update) -> float:
        t0 = time.perf_counter()
        await dp.feed_update(bot, update)
        return (time.perf_counter() - t0) * 1000

    def user(tid: int) -> User:
        return User(id=tid, is_bot=False, first_name="g", language_code="zh")

    async def times(command: str, tid: int = TELEGRAM_BASE) -> list[float]:
        for _ in range(5):  # warm-up: caches, the Drafter, SQL statement caches
            await feed(updates.text(user(tid), command))
        return [await feed(updates.text(user(tid), command)) for _ in range(repeat)]

    rng = random.Random(1)
    ids = brand["big_guide_customers"]

    async def one_guide(label: str) -> None:
        print(f"one guide with {len(ids):,} contacts, {repeat} updates each, {label}:", flush=True)
        anchor = await times("/help")
        print(line("  anchor: /help", anchor), flush=True)
        print(line("  /today (page 1 of 3,000 ranked)", await times("/today"), anchor, target=True), flush=True)
        cold = []
        for _ in range(max(repeat // 4, 10)):  # the first /today of a guide in 10 minutes
            services.scoring = ScoringCache()
            cold.append(await feed(updates.text(user(TELEGRAM_BASE), "/today")))
        print(line("  /today, scoring cache cold", cold, anchor, target=True), flush=True)
        screen = session.messages[max(k for k in session.messages if k[0] == TELEGRAM_BASE)]
        card = [await feed(updates.press(user(TELEGRAM_BASE), screen, CardCb(u=big.id, c=rng.choice(ids)).pack()))
                for _ in range(repeat)]
        print(line("  open a customer card", card, anchor, target=True), flush=True)

    await one_guide("default GC")
    # What `guide-copilot bot` does after startup: the import-time heap (~350k objects) leaves the
    # collector's view, so a full collection no longer pauses a handler for hundreds of ms.
    gc.collect()
    gc.freeze()
    await one_guide("after gc.freeze() as in `guide-copilot bot`")

    async def at_once(command: str) -> tuple[float, list[float]]:
        t0 = time.perf_counter()
        each = await asyncio.gather(*(feed(updates.text(user(tid), command)) for tid in users))
        return (time.perf_counter() - t0) * 1000, list(each)

    await at_once("/today")  # warm-up
    crowd_anchor = [await at_once("/help") for _ in range(3)]
    crowd = [await at_once("/today") for _ in range(3)]
    print("200 guides at once (3 rounds, concurrent feed_update, at most 8 updates in flight):")
    a_lat = [x for _, each in crowd_anchor for x in each]
    c_lat = [x for _, each in crowd for x in each]
    print(line("  anchor: /help x200, per update", a_lat))
    print(line("  /today x200, per update", c_lat, a_lat))
    wall_a = statistics.median(w for w, _ in crowd_anchor)
    wall_c = statistics.median(w for w, _ in crowd)
    print(f"{'  wall time for 200 updates':<34} /help {wall_a:7.0f} ms   /today {wall_c:7.0f} ms"
          f"   = {wall_c / wall_a:5.1f}x anchor   ({200 / wall_c * 1000:.0f} /today per second)")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres-url", help="run on this PostgreSQL database (its public schema is dropped!)")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    url = args.postgres_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    asyncio.run(run(url, args.repeat))


if __name__ == "__main__":
    main()
