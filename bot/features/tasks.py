"""/tasks: a guide's care tasks grouped by campaign, the customers worth most first; each opens as
a draft card (bot/features/task_screen.py) to copy, edit, send or mark sent, and its outcome is
recorded there (a message that went out is logged as outreach)."""
from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks_managers import OUTCOME_NAMES, Outcome, TaskAction as A, TaskCb
from bot.features import task_screen
from bot.features.draft_state import save
from bot.filters import KindIs
from bot.sending import reply, show
from bot.texts import Texts
from copilot.campaigns import campaign_tasks, task_groups
from copilot.campaigns.messages import due_text, title
from copilot.staff import Identity, Kind
from copilot.database import Database
from copilot.guide.service import GuideService
from core.domain import Staff
from core.ports import UnitOfWork
from core.settings import Settings

MAX_LISTED = 30


def router() -> Router:
    r = Router(name="tasks")
    r.message.filter(KindIs(Kind.STAFF))
    r.callback_query.filter(KindIs(Kind.STAFF))
    r.message.register(list_tasks, Command("tasks"))
    r.callback_query.register(pressed_list, TaskCb.filter(F.a == A.LIST))
    r.callback_query.register(pressed_campaign, TaskCb.filter(F.a == A.CAMPAIGN))
    # DONE: the "Done" button of task cards sent before they became draft cards opens the card.
    r.callback_query.register(pressed_open, TaskCb.filter(F.a.in_({A.OPEN, A.DONE})))
    r.callback_query.register(pressed_outcome, TaskCb.filter((F.a == A.OUTCOME) & (F.o != Outcome.NONE)))
    return r


def _button(text: str, **data) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=TaskCb(**data).pack())


async def groups_screen(t: Texts, db: Database, identity: Identity) -> tuple[str, InlineKeyboardMarkup | None]:
    staff = identity.staff
    groups = await db.read(task_groups, staff)
    if not groups:
        return t("mg.tasks.none"), None
    lines = [t("mg.tasks.title")]
    rows = []
    for g in groups:
        label = t("mg.tasks.group", name=g.name, count=g.open, due=due_text(g.due, staff.language))
        lines.append(label)
        rows.append([_button(label[:60], u=staff.id, a=A.CAMPAIGN, i=g.campaign_id)])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def list_tasks(message: Message, identity: Identity, t: Texts, db: Database) -> None:
    text, markup = await groups_screen(t, db, identity)
    await reply(message, text, markup)


async def pressed_list(callback: CallbackQuery, identity: Identity, t: Texts, db: Database) -> None:
    text, markup = await groups_screen(t, db, identity)
    await show(callback, text, markup)


def _campaign_tasks(uow: UnitOfWork, staff: Staff, campaign_id: int):
    return campaign_tasks(uow, staff, campaign_id), uow.campaigns.get(campaign_id)


async def pressed_campaign(callback: CallbackQuery, callback_data: TaskCb, identity: Identity, t: Texts,
                           db: Database) -> None:
    staff = identity.staff
    tasks, campaign = await db.read(_campaign_tasks, staff, callback_data.i)
    if not tasks:
        await show(callback, t("mg.tasks.none"), InlineKeyboardMarkup(inline_keyboard=[[
            _button(t("btn.back"), u=staff.id, a=A.LIST)]]))
        return
    rows = [[_button(task.customer_name[:40], u=staff.id, a=A.OPEN, i=task.id)] for task in tasks[:MAX_LISTED]]
    rows.append([_button(t("btn.back"), u=staff.id, a=A.LIST)])
    name = title(campaign.name, campaign.rule, staff.language) if campaign else ""
    text = t("mg.tasks.campaign", name=name, due=due_text(
        campaign.due_date if campaign else None, staff.language))
    await show(callback, text, InlineKeyboardMarkup(inline_keyboard=rows))


async def pressed_open(callback: CallbackQuery, callback_data: TaskCb, identity: Identity, t: Texts,
                       settings: Settings, state: FSMContext, db: Database, guide: GuideService) -> None:
    card = await db.write(guide.task_card, identity.staff, callback_data.i)  # NotAllowed for another's task
    saved = task_screen.saved_draft(card)
    await save(state, card.customer.id, saved)
    text, markup = task_screen.task_view(t, card, saved, guide, settings)
    await show(callback, text, markup)


async def pressed_outcome(callback: CallbackQuery, callback_data: TaskCb, identity: Identity, t: Texts,
                          db: Database, guide: GuideService) -> None:
    staff = identity.staff
    outcome = OUTCOME_NAMES[callback_data.o]
    task = await db.write(guide.finish_task, staff, callback_data.i, outcome)
    back = _button(t("btn.back"), u=staff.id, a=A.CAMPAIGN, i=task.campaign_id or 0)
    await show(callback, t("mg.task.recorded", outcome=t(f"mg.outcome.{outcome}")),
               InlineKeyboardMarkup(inline_keyboard=[[back]]))
