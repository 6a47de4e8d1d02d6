"""The composition root: the one place that turns Settings into real adapters.

Everything is built lazily and once per Container, so a CLI command only pays for what it uses
(the embedding model is not loaded by `import`, the database is not opened by `score --transactions`).
"""
from __future__ import annotations

from functools import cached_property

import typer

from core.clock import FixedClock, SystemClock
from core.ports import Clock
from core.settings import Settings, load_settings


class Container:
    def __init__(self, settings: Settings, *, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock: Clock = clock or SystemClock()

    @classmethod
    def from_env(cls, **overrides: object) -> Container:
        return cls(load_settings(**overrides))

    @classmethod
    def of(cls, ctx: typer.Context) -> Container:
        """A command's container: settings from the environment, the clock pinned by `--now`."""
        now = getattr(ctx.find_root().obj, "now", None)
        return cls(load_settings(), clock=FixedClock(now) if now else None)

    @cached_property
    def engine(self):
        from db.engine import make_engine

        database = self.settings.database
        return make_engine(self.settings.database_url, echo=database.echo, lock_timeout=database.lock_timeout_seconds)

    @cached_property
    def uow_factory(self):
        from db.engine import make_session_factory
        from db.uow import SqlUnitOfWorkFactory

        return SqlUnitOfWorkFactory(make_session_factory(self.engine))

    @cached_property
    def database(self):
        """The async programs' view of the database: short units of work in worker threads."""
        from copilot.database import Database

        return Database(self.uow_factory)

    @cached_property
    def knowledge(self):
        from knowledge.factory import build_knowledge

        return build_knowledge(self.settings)

    @cached_property
    def contacts(self):
        from copilot.contacts import ContactsService

        return ContactsService(timezone=self.settings.timezone, ranking=self.settings.ranking)

    @cached_property
    def bot_services(self):
        """What the guide's screens need, built once per process (the catalogue, co-purchase
        statistics and the Drafter refresh themselves when the data changes)."""
        from bot.services import BotServices

        return BotServices.from_settings(self.settings, knowledge=self.knowledge, contacts=self.contacts)

    @cached_property
    def campaigns(self):
        from copilot.campaigns.wiring import campaign_service

        return campaign_service(self.settings)

    @cached_property
    def notifier(self):
        from copilot.outbox import OutboxNotifier

        return OutboxNotifier(self.uow_factory, self.clock)

    def outbox_sender(self, bot=None):
        """The outbox sender over Telegram (a Bot that raises 429s instead of sleeping through them)."""
        from bot.app import build_bot
        from bot.messenger import AiogramMessenger
        from bot.sending import RetryAfterMiddleware
        from copilot.outbox import OutboxSender

        bot = bot or build_bot(self.settings, retry=RetryAfterMiddleware(max_tries=1))
        return OutboxSender(self.uow_factory, AiogramMessenger(bot), self.clock)

    def importer(self):
        from copilot.importing import Importer

        return Importer(self.uow_factory, timezone=self.settings.timezone,
                        language=self.settings.default_language, clock=self.clock)

    def migrate(self) -> None:
        from db.migrate import upgrade

        upgrade(self.engine)

    def close(self) -> None:
        if "database" in self.__dict__:
            self.database.close()
        if "engine" in self.__dict__:
            self.engine.dispose()
