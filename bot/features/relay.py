"""The guide's side of the relay: Reply (a one-message reply mode), Suggested replies, sending the
customer a product list, and /mylink (the guide's personal customer link)."""
from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramForbiddenError
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import customer_ui as ui
from bot.customer_ui import RelayAction as A
from bot.customer_ui import RelayCb
from bot.features.customer_screens import guide_name, list_url
from bot.filters import KindIs
from bot.sending import reply, send_text, show
from bot.texts import Texts
from copilot import customers
from copilot.customers.relay import conversation
from copilot.staff.onboarding import deep_link
from copilot.staff import Identity, Kind
from core.errors import GuideCopilotError
from copilot.database import Database
from copilot.drafting.selling import SellingContext
from core.domain import Staff
from core.ports import Clock, UnitOfWork
from core.settings import Settings


class ReplyMode(StatesGroup):
    text = State()


def router() -> Router:
    r = Router(name="relay")
    r.message.filter(KindIs(Kind.STAFF))
    r.callback_query.filter(KindIs(Kind.STAFF))
    r.message.register(my_link, Command("mylink"))
    r.message.register(cancel, StateFilter(ReplyMode.text), Command("cancel"))
    r.message.register(leave_reply_mode, StateFilter(ReplyMode.text), F.text.startswith("/"))
    r.message.register(answer, StateFilter(ReplyMode.text), F.text, ~F.text.startswith("/"))
    r.callback_query.register(start_reply, RelayCb.filter(F.a == A.REPLY))
    r.callback_query.register(suggest, RelayCb.filter(F.a == A.SUGGEST))
    r.callback_query.register(send_suggestion, RelayCb.filter(F.a == A.SEND))
    r.callback_query.register(send_list, RelayCb.filter(F.a == A.LIST))
    return r


async def my_link(message: Message, identity: Identity, t: Texts, clock: Clock, settings: Settings,
                  db: Database) -> None:
    code = await db.write(customers.link_code, identity.staff, clock.now())
    link = deep_link(settings.telegram.bot_username, customers.link_payload(code))
    await reply(message, t("relay.my_link", link=link), ui.my_link(t, link))


async def start_reply(callback: CallbackQuery, callback_data: RelayCb, identity: Identity, t: Texts,
                      state: FSMContext, db: Database) -> None:
    customer = await db.read(_own_customer, identity.staff, callback_data.c)
    await state.set_state(ReplyMode.text)
    await state.update_data(reply_to=customer.id)
    await send_text(callback.bot, callback.from_user.id, t("relay.reply_prompt", name=customer.name))


async def cancel(message: Message, t: Texts, state: FSMContext) -> None:
    await state.clear()
    await reply(message, t("relay.cancelled"))


async def leave_reply_mode(message: Message, state: FSMContext) -> None:
    await state.clear()  # a command ends reply mode and is handled as usual, never sent to the customer
    raise SkipHandler()


async def answer(message: Message, identity: Identity, t: Texts, clock: Clock, bot: Bot, state: FSMContext,
                 db: Database) -> None:
    customer_id = (await state.get_data()).get("reply_to")
    await state.clear()
    customer = await _deliver(bot, db, identity, customer_id, message.text, clock)
    await reply(message, t("relay.sent", name=customer.name))


async def suggest(callback: CallbackQuery, callback_data: RelayCb, identity: Identity, t: Texts, clock: Clock,
                  state: FSMContext, db: Database, selling: SellingContext) -> None:
    customer, request = await db.read(_reply_request, identity.staff, callback_data.c, clock.now(), selling)
    texts = await customers.suggestions_for(request, selling)  # the LLM, outside any unit of work
    await state.update_data(suggestions={"c": customer.id, "texts": texts})
    if not texts:
        await send_text(callback.bot, callback.from_user.id, t("relay.suggest_none"))
        return
    lines = [t("relay.suggest_title", name=customer.name)]
    lines += [t("relay.suggest_line", n=n, text=text) for n, text in enumerate(texts, 1)]
    markup: InlineKeyboardMarkup = ui.suggestions(t, identity.staff.id, customer.id, len(texts))
    await send_text(callback.bot, callback.from_user.id, "\n\n".join(lines), markup)


async def send_suggestion(callback: CallbackQuery, callback_data: RelayCb, identity: Identity, t: Texts,
                          clock: Clock, state: FSMContext, callback_answer: CallbackAnswer, db: Database) -> None:
    kept = (await state.get_data()).get("suggestions") or {}
    texts = kept.get("texts") or []
    if kept.get("c") != callback_data.c or not 0 <= callback_data.n < len(texts):
        callback_answer.text, callback_answer.show_alert = t("relay.suggest_expired"), True
        return
    customer = await _deliver(callback.bot, db, identity, callback_data.c, texts[callback_data.n], clock)
    await state.update_data(suggestions=None)
    await show(callback, t("relay.sent", name=customer.name))


async def send_list(callback: CallbackQuery, callback_data: RelayCb, identity: Identity, t: Texts, clock: Clock,
                    settings: Settings, callback_answer: CallbackAnswer, db: Database, selling: SellingContext) -> None:
    now, staff = clock.now(), identity.staff
    customer, record = await db.write(_open_list, staff, callback_data.c, now, selling)
    c = Texts(customer.language if customer.language in ("zh", "en") else "zh")
    markup = InlineKeyboardMarkup(inline_keyboard=[[ui.list_button(c, list_url(settings, record.token))]])
    await _send(callback.bot, customer, c("cust.list_sent", guide=guide_name(staff)), markup)
    await db.write(customers.list_sent, staff, customer.id, record, now)
    callback_answer.text = t("relay.list_sent", name=customer.name)


class CustomerUnreachable(GuideCopilotError):
    """Telegram refused (the customer blocked the bot or deleted the chat): nothing is stored."""

    code = "customer_unreachable"


async def _deliver(bot: Bot, db: Database, identity: Identity, customer_id: int, text: str, clock: Clock):
    """Checked, delivered, then stored: a message Telegram refused is not in the conversation."""
    staff = identity.staff
    customer = await db.read(customers.writable, staff, customer_id)
    c = Texts(customer.language if customer.language in ("zh", "en") else "zh")
    await _send(bot, customer, c("cust.from_guide", guide=guide_name(staff), text=text))
    return await db.write(customers.guide_says, staff, customer_id, text, clock.now())


async def _send(bot: Bot, customer, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    try:
        await send_text(bot, customer.telegram_user_id, text, markup)
    except TelegramForbiddenError as exc:
        raise CustomerUnreachable(f"customer {customer.id}: {exc.message}") from exc


def _own_customer(uow: UnitOfWork, guide: Staff, customer_id: int):
    conversation(uow, guide, customer_id, limit=1)  # authorizes: the guide's own customer only
    return uow.customers.get(customer_id)


def _reply_request(uow: UnitOfWork, guide: Staff, customer_id: int, now, selling: SellingContext):
    selling.refresh(uow, now)
    request = customers.reply_request(uow, guide, customer_id, now, selling)
    return uow.customers.get(customer_id), request


def _open_list(uow: UnitOfWork, guide: Staff, customer_id: int, now, selling: SellingContext):
    selling.refresh(uow, now)
    return customers.guide_opens_list(uow, guide, customer_id, now, selling)
