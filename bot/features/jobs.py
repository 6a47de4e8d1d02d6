"""Background jobs inside the bot process, optional: the outbox sender and the daily rules.

Off unless brands.config has {"scheduler": {"enabled": true, "rules_hour": 6}} (local time), so a
deployment that runs `guide-copilot outbox send` and `run-rules` from cron does not run them twice.
The rules are idempotent per day anyway; the sender's claims use row locks, so two senders are safe.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot, Router

from bot.messenger import AiogramMessenger
from copilot.campaigns import CampaignService
from copilot.database import Database
from copilot.outbox import OutboxSender
from copilot.rules import run_rules
from core.ports import Clock
from core.settings import Settings

log = logging.getLogger(__name__)


def router() -> Router:
    r = Router(name="jobs")
    running: list[asyncio.Task] = []  # per Router, so each Dispatcher (and test) has its own

    async def start_jobs(bot: Bot, db: Database, clock: Clock, settings: Settings, campaigns: CampaignService) -> None:
        running.extend(await start(bot, db, clock, settings, campaigns))

    async def stop_jobs() -> None:
        while running:
            running.pop().cancel()

    r.startup.register(start_jobs)
    r.shutdown.register(stop_jobs)
    return r


async def start(bot: Bot, db: Database, clock: Clock, settings: Settings,
                campaigns: CampaignService) -> list[asyncio.Task]:
    config = (await db.read(lambda uow: uow.sales.brand_config())).get("scheduler") or {}
    if not config.get("enabled"):
        return []
    # A 429 pauses everything in the sender; the bot's retry middleware would sleep through the
    # first one before raising it, which only delays that pause.
    sender = OutboxSender(db.uow_factory, AiogramMessenger(bot), clock)
    rules = _daily_rules(db, campaigns, clock, settings, int(config.get("rules_hour", 6)))
    tasks = [asyncio.create_task(sender.serve(), name="outbox-sender"),
             asyncio.create_task(rules, name="daily-rules")]
    log.info("background jobs started: %s", [t.get_name() for t in tasks])
    return tasks


async def _daily_rules(db: Database, campaigns: CampaignService, clock: Clock, settings: Settings, hour: int) -> None:
    while True:
        now = clock.now()
        local = now.astimezone(ZoneInfo(settings.timezone))
        next_run = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        if next_run <= local:
            next_run += timedelta(days=1)
        await asyncio.sleep((next_run - local).total_seconds())
        try:
            # Blocking database work: keep it off the event loop that serves the bot.
            await asyncio.to_thread(run_rules, db.uow_factory, campaigns, clock.now())
        except Exception:
            log.exception("daily rules failed")
