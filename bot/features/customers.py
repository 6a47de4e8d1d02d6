"""Customers' side of the bot: a placeholder until the customer issue plugs in here.

Customer deep links (`/start c_<code>`) from anyone, and every message from a known customer,
stop here, so customers never reach staff commands. Replace these handlers with the real flow
(binding to the guide, consent, replies) and keep this router first in bot.app.FEATURES.
"""
from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, Message

from bot.filters import KindIs
from bot.sending import reply
from bot.texts import Texts
from copilot.onboarding import CUSTOMER_PREFIX
from copilot.staff import Kind
from core.errors import NotAllowed


def router() -> Router:
    r = Router(name="customers")
    r.message.register(customer_link, CommandStart(deep_link=True, magic=F.args.startswith(CUSTOMER_PREFIX)))
    r.message.register(customer_message, KindIs(Kind.CUSTOMER))
    r.callback_query.register(customer_button, KindIs(Kind.CUSTOMER))
    return r


async def customer_link(message: Message, t: Texts) -> None:
    await reply(message, t("customer_link_inactive"))


async def customer_message(message: Message, t: Texts) -> None:
    await reply(message, t("customer_hello"))


async def customer_button(callback: CallbackQuery) -> None:
    raise NotAllowed(f"customer pressed {callback.data!r}")
