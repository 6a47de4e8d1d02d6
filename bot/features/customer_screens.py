"""Screens shared by the customers' side and the relay: the customer menu and a relayed message."""
from __future__ import annotations

import logging
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardMarkup, Message

from bot import customer_ui as ui
from bot.features.formatting import day, money, tier
from bot.sending import reply, send_text
from bot.texts import Texts
from copilot import customers
from copilot.customers import product_page
from core.domain import Consent, Customer, Staff
from copilot.database import Database
from copilot.drafting.selling import SellingContext
from core.ports import Clock, UnitOfWork
from core.settings import Settings

log = logging.getLogger(__name__)


def guide_name(guide: Staff | None) -> str:
    """What customers see: the guide's persona name, never internal details."""
    return (guide.persona.display_name or guide.name) if guide else ""


async def tell_guide(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None) -> bool:
    """Best effort, after the customer's side is committed: a guide who blocked the bot must not
    stop customers from joining or writing. False (and a warning) when Telegram refused."""
    try:
        await send_text(bot, chat_id, text, markup)
    except TelegramAPIError as exc:
        log.warning("could not reach guide chat %s: %s", chat_id, exc)
        return False
    return True


def list_url(settings: Settings, token: str) -> str:
    return settings.api.public_base_url.rstrip("/") + "/l/" + token


async def menu_markup(db: Database, customer: Customer, t: Texts, clock: Clock, settings: Settings,
                      selling: SellingContext) -> InlineKeyboardMarkup:
    url = None
    if customer.consent is not Consent.REVOKED and customer.owner_id is not None:
        record = await db.write(_open_list, customer, clock.now(), selling)
        url = list_url(settings, record.token)
    return ui.menu(t, url)


def _open_list(uow: UnitOfWork, customer: Customer, now, selling: SellingContext):
    selling.refresh(uow, now)
    return product_page.open_list(uow, customer, now, selling)


def _customer_says(uow: UnitOfWork, customer: Customer, text: str, now, message_id: int, selling: SellingContext,
                   vip_spend: float):
    selling.refresh(uow, now)
    return customers.customer_says(uow, customer, text, now, telegram_message_id=message_id,
                                   catalogue=selling.catalogue, vip_spend=vip_spend)


async def relay_to_guide(message: Message, customer: Customer, db: Database, t: Texts, now, bot: Bot,
                         settings: Settings, selling: SellingContext) -> None:
    # Committed before anything is sent: the message is kept whether or not the guide can be reached.
    inbound = await db.write(_customer_says, customer, message.text, now, message.message_id, selling,
                             settings.ranking.vip_spend)
    if customer.consent is Consent.REVOKED:
        await reply(message, t("cust.stopped_already"), ui.resume(t))
        return
    if inbound.guide_chat is None:
        await reply(message, t("customer_hello"))
        return
    g = Texts(inbound.guide.language)
    c = inbound.context
    head = g("relay.header", name=customer.name, tier=tier(g, c.tier))
    # Without orders the header's tier already says so ("未购买"): no second line repeating it.
    last = (f"\n<i>{g('relay.last_order', date=day(c.last_order_at, settings.timezone), amount=money(c.last_order_total))}</i>"
            if c.last_order_at else "")
    text = f"{head}{last}\n\n{escape(message.text)}"
    if not await tell_guide(bot, inbound.guide_chat, text, ui.relayed(g, inbound.guide.id, customer.id)):
        await reply(message, t("customer_hello"))
