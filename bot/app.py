"""Composition of the bot: a Dispatcher built from its dependencies, no module-level state.

Adding a feature: write `bot/features/<name>.py` with `router() -> Router` and put it in FEATURES
(order matters: the first router whose filters match handles the update).
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage

from bot.commands import publish_all_menus
from bot.errors import register_error_handler
from bot.features import ask, card, customers, draft, fallback, goal, help, invite, settings as settings_screen, start
from bot.features import me, today
from bot.features import relay
from bot.features import campaign_wizard, campaigns, jobs, ledger, tasks
from bot.middlewares import (
    CallbackAnswerMiddleware, IdentityMiddleware, OwnerCheckMiddleware, PrivateChatsOnlyMiddleware,
)
from bot.sending import PlainTextFallback, RetryAfterMiddleware
from copilot.campaigns import CampaignService
from copilot.database import Database
from copilot.drafting.selling import SellingContext
from copilot.guide.service import GuideService
from core.errors import ConfigError
from core.ports import Clock
from core.settings import Settings

# customers first: customer links and customers' messages never reach staff handlers.
FEATURES = (customers.router, relay.router, start.router, help.router, settings_screen.router, invite.router,
            today.router, card.router, draft.router, goal.router, ask.router, me.router,
            tasks.router, campaigns.router, campaign_wizard.router, jobs.router, ledger.router)

TEST_TOKEN = "42:local-bot-api"  # any well-formed token: local sessions never send it anywhere


@dataclass(frozen=True, slots=True)
class BotDependencies:
    """What handlers may ask for by parameter name, built by the composition root (cli/container.py).
    Handlers hold no database session: they run short units of work through `db` (see
    copilot/database.py), so a slow Telegram call or LLM answer never holds a connection."""

    db: Database
    clock: Clock
    settings: Settings
    guide: GuideService  # the guide's use cases
    campaigns: CampaignService
    selling: SellingContext  # catalogue, co-purchase statistics and the drafter


def build_dispatcher(deps: BotDependencies, *, storage: BaseStorage | None = None) -> Dispatcher:
    # Workflow data: handlers and startup hooks get these by parameter name.
    dp = Dispatcher(storage=storage or build_storage(deps.settings),
                    **{f.name: getattr(deps, f.name) for f in fields(deps)})
    dp.update.outer_middleware(PrivateChatsOnlyMiddleware())
    dp.update.outer_middleware(IdentityMiddleware(deps.db, deps.settings.default_language))
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.callback_query.middleware(OwnerCheckMiddleware())
    register_error_handler(dp, deps.settings.default_language)
    dp.include_routers(*(make() for make in FEATURES), fallback.router())
    dp.startup.register(_publish_menus)
    return dp


async def _publish_menus(bot: Bot, db: Database, settings: Settings) -> None:
    await publish_all_menus(bot, db, settings.default_language)


def build_storage(settings: Settings) -> BaseStorage:
    """Memory by default; Redis when configured, so several bot replicas share FSM state."""
    if not settings.telegram.redis_url:
        return MemoryStorage()
    try:
        from aiogram.fsm.storage.redis import RedisStorage
    except ImportError as exc:
        raise ConfigError("GC_TELEGRAM__REDIS_URL is set but the 'redis' package is not installed") from exc
    return RedisStorage.from_url(settings.telegram.redis_url)


def build_bot(settings: Settings, session: BaseSession | None = None, *,
              retry: RetryAfterMiddleware | None = None) -> Bot:
    """A Bot sending HTML, honouring 429s; pointed at GC_TELEGRAM__API_BASE when set."""
    token = settings.telegram.token.get_secret_value() if settings.telegram.token else None
    if session is None:
        api_base = settings.telegram.api_base
        if token is None and not api_base:
            raise ConfigError("Set GC_TELEGRAM__TOKEN (or GC_TELEGRAM__API_BASE for a local Bot API)")
        session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else AiohttpSession()
    session.middleware(retry or RetryAfterMiddleware())
    session.middleware(PlainTextFallback())
    token = token or TEST_TOKEN
    return Bot(token, session=session,
               default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True))
