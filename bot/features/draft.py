"""The draft screen: typing at once, then the draft streamed into one message, with its product list.

Buttons: Copy, Send (only for customers who started the brand bot and agreed), Regenerate, Shorter,
Warmer, More formal, Edit (the guide types their own text), Mark sent. The current draft per
customer lives in the FSM data (memory or Redis), so any bot replica can send or log it.
"""
from __future__ import annotations

import time
from dataclasses import replace

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards
from bot.callbacks import CardAction, CardCb, DraftAction as A, DraftCb
from bot.features.card import already_contacted
from bot.features.draft_screen import screen
from bot.features.draft_state import Saved, load, save
from bot.features.task_screen import task_view
from bot.filters import KindIs
from bot.render import escape, truncate
from bot.sending import reply, send_text
from bot.texts import Raw, Texts
from copilot.access import can_message
from copilot.contacts.outreach import Channel
from copilot.database import Database
from copilot.drafting import Adjust, DraftRequest
from copilot.guide.actions import AlreadyContacted
from copilot.guide.service import GuideService
from copilot.staff import Identity, Kind
from core.domain import Customer
from core.settings import Settings

ADJUST = {A.SHORTER: Adjust.SHORTER, A.WARMER: Adjust.WARMER, A.FORMAL: Adjust.MORE_FORMAL}
EDIT_EVERY_SECONDS = 1.0  # streamed edits at most this often: Telegram allows ~1 message a second per chat


class DraftForm(StatesGroup):
    text = State()


def router() -> Router:
    r = Router(name="draft")
    r.message.filter(KindIs(Kind.STAFF))
    r.callback_query.filter(KindIs(Kind.STAFF))
    r.callback_query.register(new_draft, CardCb.filter(F.a == CardAction.DRAFT))
    r.callback_query.register(rewrite, DraftCb.filter(F.a.in_({A.REGENERATE, *ADJUST})))
    r.callback_query.register(edit, DraftCb.filter(F.a == A.EDIT))
    r.message.register(typed, StateFilter(DraftForm.text), F.text, ~F.text.startswith("/"))
    r.callback_query.register(mark_sent, DraftCb.filter(F.a == A.MARK_SENT))
    r.callback_query.register(send, DraftCb.filter(F.a == A.SEND))
    r.callback_query.register(copy, DraftCb.filter(F.a == A.COPY))
    return r


async def new_draft(callback: CallbackQuery, callback_data: CardCb, identity: Identity, t: Texts, bot: Bot,
                    state: FSMContext, db: Database, guide: GuideService) -> None:
    chat_id = callback.from_user.id
    await bot.send_chat_action(chat_id, "typing")  # before anything slow: the guide sees we are on it
    customer, request, reasons = await db.read(guide.prepare_draft, identity.staff, callback_data.c)
    message = await bot.send_message(chat_id, t("draft.writing", name=customer.name))
    await _write(message, customer, request, identity, t, guide, state, Saved(), reasons)


async def rewrite(callback: CallbackQuery, callback_data: DraftCb, identity: Identity, t: Texts, bot: Bot,
                  state: FSMContext, db: Database, guide: GuideService) -> None:
    await bot.send_chat_action(callback.from_user.id, "typing")
    previous = await load(state, callback_data.c) or Saved()
    if callback_data.a is A.REGENERATE:
        wanted = Saved(variant=previous.variant + 1, adjust=previous.adjust)
    else:
        wanted = Saved(variant=previous.variant, adjust=ADJUST[callback_data.a].value)
    customer, request, reasons = await db.read(guide.prepare_draft, identity.staff, callback_data.c)
    await _write(callback.message, customer, request, identity, t, guide, state, wanted, reasons)


async def _write(message: Message, customer: Customer, request: DraftRequest, identity: Identity, t: Texts,
                 guide: GuideService, state: FSMContext, wanted: Saved, reasons: dict[str, str] | None) -> None:
    """Streams the draft into `message`. No unit of work is open here: the LLM may take its time."""
    customer_id = customer.id
    adjust = Adjust(wanted.adjust) if wanted.adjust else None
    streamed, last_edit, final = "", time.monotonic(), None
    async for event in guide.draft_events(request, adjust=adjust, variant=wanted.variant):
        if event.draft is not None:
            final = event.draft
            break
        streamed += event.delta
        if time.monotonic() - last_edit >= EDIT_EVERY_SECONDS:
            await _edit(message, t("draft.title", name=customer.name) + "\n\n" + escape(streamed) + " …")
            last_edit = time.monotonic()
    fell_back = final.writer == "offline" and guide.llm_enabled
    products = [[sku, why if reasons is None else reasons.get(sku, "")] for sku, why in final.products]
    saved = Saved(final.message, products, wanted.variant, wanted.adjust, fell_back)
    await save(state, customer_id, saved)
    await _edit(message, screen(t, customer.name, saved, guide),
                keyboards.draft(t, identity.staff.id, customer_id, saved.text, can_send=can_message(customer)))


async def _edit(message: Message, text: str, reply_markup=None) -> None:
    try:
        await message.bot.edit_message_text(truncate(text), chat_id=message.chat.id, message_id=message.message_id,
                                            reply_markup=reply_markup)
    except TelegramBadRequest as exc:
        if "message is not modified" not in exc.message:
            raise


async def edit(callback: CallbackQuery, callback_data: DraftCb, identity: Identity, t: Texts, state: FSMContext,
               db: Database, guide: GuideService) -> None:
    customer = await db.read(guide.customer, identity.staff, callback_data.c)
    await state.set_state(DraftForm.text)
    await state.update_data(editing=callback_data.c)
    await reply(callback.message, t("draft.ask_edit", name=customer.name))


async def typed(message: Message, identity: Identity, t: Texts, state: FSMContext, settings: Settings,
                db: Database, guide: GuideService) -> None:
    customer_id = (await state.get_data()).get("editing")
    await state.set_state(None)  # keep the data: it holds the drafts
    customer = await db.read(guide.customer, identity.staff, customer_id)
    previous = await load(state, customer_id) or Saved()
    saved = replace(previous, text=message.text.strip(), fell_back=False)
    await save(state, customer_id, saved)
    if saved.task_id:  # a care task's draft: its card again, with the guide's text
        await reply(message, *await _task_view(identity, t, settings, db, guide, saved))
        return
    await reply(message, screen(t, customer.name, saved, guide),
                keyboards.draft(t, identity.staff.id, customer_id, saved.text, can_send=can_message(customer)))


async def mark_sent(callback: CallbackQuery, callback_data: DraftCb, identity: Identity, t: Texts, state: FSMContext,
                    settings: Settings, db: Database, guide: GuideService, callback_answer: CallbackAnswer) -> None:
    customer = await db.read(guide.customer, identity.staff, callback_data.c)  # foreign: "not allowed"
    saved = await load(state, callback_data.c, required=True)
    if saved.task_id:
        await _task_done(callback, identity, t, settings, db, guide, saved, Channel.MANUAL, callback_answer)
        return
    try:
        await db.write(guide.record_contact, identity.staff, customer.id, channel=Channel.MANUAL, text=saved.text,
                       products=[sku for sku, _ in saved.products])
        status = t("draft.marked")
    except AlreadyContacted as first:  # "Mark contacted" on the card came first: one contact, said so
        status = already_contacted(t, first, settings.timezone)
    await _done(callback, callback_data, customer, identity, t, guide, saved, status, callback_answer)


async def send(callback: CallbackQuery, callback_data: DraftCb, identity: Identity, t: Texts, state: FSMContext,
               bot: Bot, settings: Settings, db: Database, guide: GuideService, callback_answer: CallbackAnswer) -> None:
    customer = await db.read(guide.deliverable, identity.staff, callback_data.c)
    saved = await load(state, callback_data.c, required=True)
    # Sent first, then logged: a message Telegram refused was never delivered, so nothing is logged
    # (the logging unit still refuses a customer who opted out in the meantime, and says so).
    await send_text(bot, customer.telegram_user_id, escape(saved.text))
    if saved.task_id:
        await _task_done(callback, identity, t, settings, db, guide, saved, Channel.BOT, callback_answer)
        return
    await db.write(guide.record_contact, identity.staff, customer.id, channel=Channel.BOT, text=saved.text,
                   products=[sku for sku, _ in saved.products])
    await _done(callback, callback_data, customer, identity, t, guide, saved, t("draft.sent", name=customer.name),
                callback_answer)


async def _done(callback, callback_data, customer, identity, t, guide, saved, status, callback_answer) -> None:
    callback_answer.text = status
    await _edit(callback.message, screen(t, customer.name, saved, guide, status=status),
                keyboards.copy_only(t, identity.staff.id, callback_data.c, saved.text))


async def _task_done(callback, identity, t, settings, db, guide, saved: Saved, channel: Channel,
                     callback_answer) -> None:
    """A task's message went out: the task is done as "contacted", logged once with the text sent."""
    await db.write(guide.finish_task, identity.staff, saved.task_id, "contacted", channel=channel, text=saved.text)
    callback_answer.text = t("mg.task.done")
    text, markup = await _task_view(identity, t, settings, db, guide, saved, status=t("mg.task.done"), done=True)
    await _edit(callback.message, text, markup)


async def _task_view(identity, t, settings, db, guide, saved: Saved, **options):
    card = await db.write(guide.task_card, identity.staff, saved.task_id)
    return task_view(t, card, saved, guide, settings, **options)


async def copy(callback: CallbackQuery, callback_data: DraftCb, identity: Identity, t: Texts, state: FSMContext,
               db: Database, guide: GuideService) -> None:
    await db.read(guide.customer, identity.staff, callback_data.c)
    saved = await load(state, callback_data.c, required=True)
    await reply(callback.message, t("draft.copy_below") + "\n" + t("draft.code", text=Raw(escape(saved.text))))
