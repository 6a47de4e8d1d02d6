"""/help: what the current user's role can do (the same list as their command menu)."""
from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.commands import help_text
from bot.sending import reply
from bot.texts import Texts
from copilot.staff import Identity


def router() -> Router:
    r = Router(name="help")
    r.message.register(show_help, Command("help"))
    return r


async def show_help(message: Message, identity: Identity | None, t: Texts) -> None:
    if identity is None or identity.staff is None:
        await reply(message, t("unknown_user"))
        return
    await reply(message, help_text(t, identity.role))
