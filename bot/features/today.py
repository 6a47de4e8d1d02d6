"""/today: the guide's day (today's budget of contacts, open tasks merged in, what is left of it),
one line each with the main reason, paginated, filterable by segment; each button opens the
customer card (bot/features/card.py), whose "« Today" comes back to the same page and filter."""
from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot import keyboards
from bot.callbacks import SEGMENT_NAMES, Segment, TodayAction, TodayCb
from bot.features.day_screen import day_screen
from bot.filters import KindIs
from bot.sending import reply, show
from bot.texts import Texts
from copilot.database import Database
from copilot.guide.service import GuideService
from copilot.staff import Identity, Kind


def router() -> Router:
    r = Router(name="today")
    r.message.filter(KindIs(Kind.STAFF))
    r.callback_query.filter(KindIs(Kind.STAFF))
    r.message.register(open_today, Command("today"))
    r.callback_query.register(pressed_list, TodayCb.filter(F.a == TodayAction.LIST))
    r.callback_query.register(pressed_filters, TodayCb.filter(F.a == TodayAction.FILTERS))
    return r


async def open_today(message: Message, identity: Identity, t: Texts, db: Database, guide: GuideService) -> None:
    await reply(message, *await _screen(db, guide, identity, t, 0, Segment.ALL))


async def pressed_list(callback: CallbackQuery, callback_data: TodayCb, identity: Identity, t: Texts, db: Database,
                       guide: GuideService) -> None:
    await show(callback, *await _screen(db, guide, identity, t, callback_data.p, callback_data.s))


async def pressed_filters(callback: CallbackQuery, identity: Identity, t: Texts) -> None:
    await show(callback, t("today.choose_segment"), keyboards.segments(t, identity.staff.id))


async def _screen(db: Database, guide: GuideService, identity: Identity, t: Texts, page: int,
                  segment: Segment) -> tuple[str, InlineKeyboardMarkup]:
    staff = identity.staff
    day = await db.read(guide.day, staff, segment=SEGMENT_NAMES.get(segment))
    return day_screen(t, day, segment, page, staff.id)
