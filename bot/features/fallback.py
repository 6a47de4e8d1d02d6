"""Last router: whatever no feature handled. Strangers get the short explanation, staff a hint,
and a callback nobody recognised (a tampered or outdated payload) is refused and logged."""
from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.sending import reply
from bot.texts import Texts
from copilot.staff import Identity, Kind
from core.errors import NotAllowed


def router() -> Router:
    r = Router(name="fallback")
    r.message.register(unhandled_message)
    r.callback_query.register(unhandled_callback)
    return r


async def unhandled_message(message: Message, identity: Identity | None, t: Texts) -> None:
    staff = identity is not None and identity.kind is Kind.STAFF
    await reply(message, t("fallback") if staff else t("unknown_user"))


async def unhandled_callback(callback: CallbackQuery) -> None:
    raise NotAllowed(f"unrecognised callback data {callback.data!r}")
