"""The composition root: the one place that turns Settings into real adapters and services.

Everything is built lazily and once per Container, so a CLI command only pays for what it uses
(the embedding model is not loaded by `import`, the database is not opened by `score --transactions`).
The bot and the API get their services from here; nothing else builds a service.

Tests build the very same graph, handing in fakes at the network edges only:
`Container(settings, clock=FixedClock(...), uow_factory=..., knowledge=FakeKnowledge())`.
"""
from __future__ import annotations

from functools import cached_property
from typing import Any

import typer

from core.clock import FixedClock, SystemClock
from core.ports import Clock
from core.settings import Settings, load_settings


class Container:
    def __init__(self, settings: Settings, *, clock: Clock | None = None, **parts: Any) -> None:
        """`parts` replace what the container would build (e.g. `knowledge=None` for no knowledge base)."""
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        for name, part in parts.items():
            if not isinstance(getattr(type(self), name, None), cached_property):
                raise TypeError(f"Container builds no part named {name!r}")
            self.__dict__[name] = part

    @classmethod
    def from_env(cls, **overrides: object) -> Container:
        return cls(load_settings(**overrides))

    @classmethod
    def of(cls, ctx: typer.Context) -> Container:
        """A command's container: settings from the environment, the clock pinned by `--now`."""
        now = getattr(ctx.find_root().obj, "now", None)
        return cls(load_settings(), clock=FixedClock(now) if now else None)

    # -- adapters ---------------------------------------------------------------------------------

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
    def indexed_knowledge(self):
        """The knowledge base if anything was ever indexed (or a Chroma server is configured), else
        None: drafts and /ask then say there is no content, and nothing loads the embedding model."""
        if not self.settings.chroma.host and not self.settings.chroma_path.exists():
            return None
        return self.knowledge

    # -- services ---------------------------------------------------------------------------------

    @cached_property
    def contacts(self):
        from copilot.contacts import ContactsService

        return ContactsService(timezone=self.settings.timezone, ranking=self.settings.ranking)

    @cached_property
    def selling(self):
        """Catalogue, co-purchase statistics and the drafter, shared by drafts, lists and campaigns."""
        from copilot.drafting.selling import SellingContext

        return SellingContext(self.settings.llm, knowledge=self.indexed_knowledge)

    @cached_property
    def guide(self):
        from copilot.guide.service import GuideService

        return GuideService(self.contacts, self.selling, clock=self.clock, settings=self.settings)

    @cached_property
    def campaigns(self):
        from copilot.campaigns import CampaignService

        return CampaignService(self.contacts, self.settings.ranking, self.settings.timezone, self.selling)

    @cached_property
    def notifier(self):
        from copilot.outbox import OutboxNotifier

        return OutboxNotifier(self.uow_factory, self.clock)

    def importer(self):
        from copilot.importing import Importer

        return Importer(self.uow_factory, timezone=self.settings.timezone,
                        language=self.settings.default_language, clock=self.clock)

    # -- the edges --------------------------------------------------------------------------------

    def bot_dependencies(self):
        from bot.app import BotDependencies

        return BotDependencies(db=self.database, clock=self.clock, settings=self.settings, guide=self.guide,
                               campaigns=self.campaigns, selling=self.selling)

    def dispatcher(self, storage=None):
        from bot.app import build_dispatcher

        return build_dispatcher(self.bot_dependencies(), storage=storage)

    def api_app(self):
        from api.app import create_app

        return create_app(self.database, self.settings, self.clock, notifier=self.notifier,
                          campaign_service=self.campaigns)

    def outbox_sender(self, bot=None):
        """The outbox sender over Telegram (a Bot that raises 429s instead of sleeping through them)."""
        from bot.app import build_bot
        from bot.messenger import AiogramMessenger
        from bot.sending import RetryAfterMiddleware
        from copilot.outbox import OutboxSender

        bot = bot or build_bot(self.settings, retry=RetryAfterMiddleware(max_tries=1))
        return OutboxSender(self.uow_factory, AiogramMessenger(bot), self.clock)

    def migrate(self) -> None:
        from db.migrate import upgrade

        upgrade(self.engine)

    def close(self) -> None:
        if "database" in self.__dict__:
            self.database.close()
        if "engine" in self.__dict__:
            self.engine.dispose()
