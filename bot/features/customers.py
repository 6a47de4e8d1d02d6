"""Customers' side of the bot: the guide's link with the consent button, the small menu, messages
relayed to the guide, opt-out and opt-in. Kept first in bot.app.FEATURES, so customer links and
customers' messages never reach staff handlers.
"""
from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from bot import customer_ui as ui
from bot.customer_ui import ConsentCb, CustomerMenuCb, MenuAction
from bot.features.customer_screens import guide_name, menu_markup, relay_to_guide, tell_guide
from bot.filters import KindIs
from bot.sending import reply, send_text, show
from bot.texts import Texts
from copilot import customers
from copilot.staff.onboarding import CUSTOMER_PREFIX
from copilot.staff import Identity, Kind
from copilot.database import Database
from copilot.drafting.selling import SellingContext
from core.domain import Consent, Customer, Staff
from core.person_names import display_name
from core.errors import NotAllowed
from core.ports import Clock, UnitOfWork
from core.settings import Settings

NOT_STAFF = KindIs(Kind.CUSTOMER, Kind.UNKNOWN)


def router() -> Router:
    r = Router(name="customers")
    r.message.register(customer_link, CommandStart(deep_link=True, magic=F.args.startswith(CUSTOMER_PREFIX)))
    r.callback_query.register(agreed, ConsentCb.filter(), NOT_STAFF)
    r.message.register(start_again, CommandStart(), KindIs(Kind.CUSTOMER))
    r.message.register(phone_shared, F.contact, KindIs(Kind.CUSTOMER))
    r.message.register(customer_message, KindIs(Kind.CUSTOMER))
    r.callback_query.register(menu_pressed, CustomerMenuCb.filter(), KindIs(Kind.CUSTOMER))
    r.callback_query.register(customer_button, KindIs(Kind.CUSTOMER))
    return r


async def customer_link(message: Message, command: CommandObject, identity: Identity | None, t: Texts,
                        db: Database) -> None:
    guide = await db.read(customers.guide_for_link, command.args)
    if identity is not None and identity.kind is Kind.STAFF:
        await reply(message, t("cust.link_for_customers"))
    elif guide is None:
        await reply(message, t("customer_link_inactive"))
    else:
        code = command.args[len(CUSTOMER_PREFIX):]
        await reply(message, t("cust.privacy", guide=guide_name(guide)), ui.consent(t, code))


async def agreed(callback: CallbackQuery, callback_data: ConsentCb, t: Texts, clock: Clock, bot: Bot,
                 settings: Settings, db: Database, selling: SellingContext) -> None:
    user = callback.from_user
    who = customers.BindRequest(user.id, display_name(user.first_name, user.last_name or ""), t.language)
    # Committed before anything is sent: bound even if a message below fails; pressing again is harmless.
    guide, customer = await db.write(_bind, CUSTOMER_PREFIX + callback_data.k, who, clock.now())
    await show(callback, t("cust.bound", guide=guide_name(guide)))
    await send_text(bot, user.id, t("cust.menu"), await menu_markup(db, customer, t, clock, settings, selling))
    await bot.send_message(user.id, t("cust.ask_phone"), reply_markup=ui.share_phone(t))
    if guide.telegram_user_id:
        await tell_guide(bot, guide.telegram_user_id, Texts(guide.language)("relay.joined", name=customer.name))


async def start_again(message: Message, identity: Identity, t: Texts, clock: Clock, settings: Settings,
                      db: Database, selling: SellingContext) -> None:
    customer = identity.customer
    if customer.consent is Consent.REVOKED:
        await reply(message, t("cust.stopped_already"), ui.resume(t))
    else:
        await reply(message, t("cust.menu"), await menu_markup(db, customer, t, clock, settings, selling))


async def phone_shared(message: Message, identity: Identity, t: Texts, clock: Clock, db: Database) -> None:
    contact = message.contact
    if contact.user_id != message.from_user.id:  # a forwarded card is someone else's number
        await message.answer(t("cust.phone_not_own"), reply_markup=ReplyKeyboardRemove())
        return
    _, matched = await db.write(customers.share_phone, identity.customer, contact.phone_number, clock.now())
    await message.answer(t("cust.phone_matched" if matched else "cust.phone_saved"), reply_markup=ReplyKeyboardRemove())


async def customer_message(message: Message, identity: Identity, t: Texts, clock: Clock, bot: Bot,
                           settings: Settings, db: Database, selling: SellingContext) -> None:
    customer, now = identity.customer, clock.now()
    if customers.is_opt_out(message.text):
        await db.write(customers.opt_out, customer, now, source="stop_word")
        await reply(message, t("cust.stopped"), ui.resume(t))
    elif message.text is None:
        await reply(message, t("cust.text_only"))
    elif message.text.startswith("/"):  # commands are not for the guide, and staff commands not for customers
        await customer_help(message, customer, t, clock, settings, db, selling)
    else:
        await relay_to_guide(message, customer, db, t, now, bot, settings, selling)


async def customer_help(message: Message, customer, t: Texts, clock: Clock, settings: Settings, db: Database,
                        selling: SellingContext) -> None:
    """/help (or any command) from a customer: what they can do here, true to their consent: after
    opting out, nobody will answer, so it says how to start again instead of promising a reply."""
    if customer.consent is Consent.REVOKED:
        await reply(message, t("cust.stopped_already"), ui.resume(t))
        return
    guide = await db.read(_guide_of, customer)
    await reply(message, t("cust.help", guide=guide_name(guide)) if guide else t("customer_hello"),
                await menu_markup(db, customer, t, clock, settings, selling))


async def menu_pressed(callback: CallbackQuery, callback_data: CustomerMenuCb, identity: Identity, t: Texts,
                       clock: Clock, settings: Settings, db: Database, selling: SellingContext) -> None:
    customer, now = identity.customer, clock.now()
    if callback_data.a is MenuAction.STOP:
        await db.write(customers.opt_out, customer, now, source="button")
        await show(callback, t("cust.stopped"), ui.resume(t))
        return
    if callback_data.a is MenuAction.RESUME:
        customer = await db.write(customers.opt_in, customer, now, source="button")
        await show(callback, t("cust.resumed"))
    elif callback_data.a is MenuAction.TALK:
        guide = await db.read(_guide_of, customer)
        await show(callback, t("cust.talk", guide=guide_name(guide)) if guide else t("customer_hello"))
    await send_text(callback.bot, callback.from_user.id, t("cust.menu"),
                    await menu_markup(db, customer, t, clock, settings, selling))


async def customer_button(callback: CallbackQuery) -> None:
    raise NotAllowed(f"customer pressed {callback.data!r}")


def _bind(uow: UnitOfWork, link: str, who: customers.BindRequest, now) -> tuple[Staff, Customer]:
    guide = customers.guide_for_link(uow, link)
    if guide is None:
        raise NotAllowed(f"consent for unknown link {link!r}")
    return guide, customers.bind(uow, guide, who, now)


def _guide_of(uow: UnitOfWork, customer: Customer) -> Staff | None:
    return uow.staff.get(customer.owner_id) if customer.owner_id else None
