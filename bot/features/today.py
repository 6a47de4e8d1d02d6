"""/today: the guide's ranked contacts, one line each with the main reason, paginated, filterable
by segment; each button opens the customer card (bot/features/card.py)."""
from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot import keyboards
from bot.callbacks import SEGMENT_NAMES, Segment, TodayAction, TodayCb
from bot.features.formatting import tier
from bot.filters import KindIs
from bot.sending import reply, show
from bot.texts import Texts
from copilot.contacts import ContactLine, TodayPage
from copilot.database import Database
from copilot.guide.service import GuideService
from copilot.scoring import Status
from copilot.staff import Identity, Kind

PER_PAGE = 10


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
    result = await db.read(guide.today, staff, segment=SEGMENT_NAMES.get(segment), page=page, per_page=PER_PAGE)
    people = [(line.customer_id, f"{result.page * PER_PAGE + n}. {line.name}")
              for n, line in enumerate(result.lines, 1)]
    kb = keyboards.today_list(t, staff.id, people, result.page, result.pages, segment)
    return render(t, result, segment), kb


def render(t: Texts, result: TodayPage, segment: Segment) -> str:
    figures = dict(shown=len(result.lines), total=result.total, page=result.page + 1, pages=result.pages)
    title = (t("today.title_segment", segment=t(f"seg.{SEGMENT_NAMES[segment]}"), **figures)
             if segment is not Segment.ALL else t("today.title", **figures))
    if not result.lines:
        return title + "\n\n" + t("today.empty")
    first = result.page * PER_PAGE
    quiet = [line.status is Status.QUIET_HOURS for line in result.lines]
    lines = [t("today.line", n=first + n, name=line.name, tier=tier(t, line.tier), reason=_main_reason(line))
             for n, line in enumerate(result.lines, 1)]
    # Quiet hours hold for everyone at once: say it once, not as every line's reason.
    head = [title, t("today.quiet")] if any(quiet) else [title]
    return "\n".join([*head, "", *lines])


def _main_reason(line: ContactLine) -> str:
    reasons = line.reasons[1:] if line.status is Status.QUIET_HOURS and len(line.reasons) > 1 else line.reasons
    return reasons[0] if reasons else ""
