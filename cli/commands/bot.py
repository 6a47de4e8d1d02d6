"""Bot commands: `guide-copilot bot` serves it, `guide-copilot staff invite` onboards staff."""
from __future__ import annotations

import asyncio
import gc
import logging
from typing import Annotated

import typer
from rich.console import Console

from cli.container import Container


def register(app: typer.Typer) -> None:
    app.command("bot")(serve_bot)
    staff = typer.Typer(no_args_is_help=True, help="Staff onboarding.")
    staff.command("invite")(invite)
    app.add_typer(staff, name="staff")


def serve_bot(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Webhook mode: address to listen on")] = "0.0.0.0",
    port: Annotated[int, typer.Option(help="Webhook mode: port to listen on")] = 8081,
) -> None:
    """Serve the Telegram bot: long polling, or a webhook when GC_TELEGRAM__WEBHOOK_URL is set."""
    container = Container.of(ctx)
    try:
        container.migrate()
        serve(container, host=host, port=port)
    finally:
        container.close()


def serve(container: Container, *, host: str = "0.0.0.0", port: int = 8081) -> None:
    """Blocks until stopped. Also what `demo` calls when a token is configured."""
    from bot.app import build_bot
    from bot.runner import run_polling, run_webhook

    logging.getLogger("bot").setLevel(logging.INFO)
    logging.getLogger("aiogram").setLevel(logging.INFO)
    settings = container.settings
    dispatcher = container.dispatcher()
    bot = build_bot(settings)
    freeze_startup_objects()
    if settings.telegram.webhook_url:
        run_webhook(dispatcher, bot, settings, host=host, port=port)
    else:
        asyncio.run(run_polling(dispatcher, bot))


def freeze_startup_objects() -> None:
    """Startup objects (modules, the catalogue, models) live as long as the process: out of the
    collector's view, a full collection no longer pauses handlers for long (see bench/bot)."""
    gc.collect()
    gc.freeze()


def invite(ctx: typer.Context, staff_id: Annotated[str, typer.Argument(help="The staff member's external id")]) -> None:
    """Print a one-time invite code and deep link (valid 7 days) for a staff member."""
    from copilot.staff.onboarding import INVITE_TTL, create_invite

    container = Container.of(ctx)
    container.migrate()
    settings = container.settings
    with container.uow_factory() as uow:
        code, link = create_invite(uow, staff_id, container.clock.now(),
                                   bot_username=settings.telegram.bot_username)
        uow.commit()
    console = Console()
    console.print(f"Invite code: {code}", highlight=False)
    console.print(f"Deep link:   {link}", highlight=False)
    console.print(f"One use, valid for {INVITE_TTL.days} days.", highlight=False)
    container.close()
