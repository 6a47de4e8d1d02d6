"""The bot's optional background jobs start only when the brand turns the scheduler on."""
from __future__ import annotations

import asyncio

from sqlalchemy import update

from bot.features.jobs import start
from db.tables import BrandRow


def set_config(uow_factory, config: dict) -> None:
    with uow_factory() as uow:
        uow.campaigns.keys.set_api_key_hash("x", "demo")  # makes sure the brand row exists
        uow.session.execute(update(BrandRow).values(config=config))
        uow.commit()


async def test_no_background_job_runs_unless_the_brand_enables_the_scheduler(client, brand, clock, settings):
    c = client.container
    assert await start(client.bot, c.database, clock, settings, c.campaigns) == []
    set_config(brand, {"scheduler": {"enabled": True, "rules_hour": 6}})
    tasks = await start(client.bot, c.database, clock, settings, c.campaigns)
    try:
        assert sorted(t.get_name() for t in tasks) == ["daily-rules", "outbox-sender"]
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
