"""Serving the bot: long polling by default, a webhook behind a load balancer in production."""
from __future__ import annotations

from urllib.parse import urlparse

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from core.errors import ConfigError
from core.settings import Settings


async def run_polling(dispatcher: Dispatcher, bot: Bot, *, handle_signals: bool = True) -> None:
    # Telegram refuses getUpdates while a webhook is set, e.g. after switching modes.
    await bot.delete_webhook(drop_pending_updates=False)
    await dispatcher.start_polling(bot, handle_signals=handle_signals)


def webhook_app(dispatcher: Dispatcher, bot: Bot, settings: Settings, *,
                handle_in_background: bool = True) -> web.Application:
    """An aiohttp app that accepts updates only with the secret-token header Telegram echoes back.
    Several replicas can serve it when FSM state is in Redis (GC_TELEGRAM__REDIS_URL)."""
    url, secret = settings.telegram.webhook_url, settings.telegram.webhook_secret
    if not url or secret is None or not secret.get_secret_value():
        raise ConfigError("Webhook mode needs GC_TELEGRAM__WEBHOOK_URL and GC_TELEGRAM__WEBHOOK_SECRET")
    app = web.Application()
    SimpleRequestHandler(dispatcher, bot, handle_in_background=handle_in_background,
                         secret_token=secret.get_secret_value()).register(app, path=webhook_path(url))

    async def set_webhook(_: web.Application) -> None:
        await bot.set_webhook(url, secret_token=secret.get_secret_value(), drop_pending_updates=False)

    app.on_startup.append(set_webhook)
    setup_application(app, dispatcher, bot=bot)  # runs the dispatcher's startup/shutdown hooks
    return app


def webhook_path(url: str) -> str:
    return urlparse(url).path or "/"


def run_webhook(dispatcher: Dispatcher, bot: Bot, settings: Settings, *, host: str, port: int) -> None:
    web.run_app(webhook_app(dispatcher, bot, settings), host=host, port=port, print=None)
