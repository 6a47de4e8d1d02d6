"""Managers: /campaigns (list with progress), /report [ID] (chart, CSV, summary), /team, /handover."""
from __future__ import annotations

import asyncio
import io

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks_managers import CampaignAction as A, CampaignCb, WizardAction, WizardCb
from bot.features.formatting import money
from bot.filters import KindIs
from bot.sending import reply
from bot.texts import Texts
from copilot.campaigns.chart import chart_png
from copilot.campaigns.messages import due_text, title
from copilot.campaigns.report import campaign_report, write_csv
from copilot.campaigns.summary import summary
from copilot.access import require_manager
from copilot.campaigns.team import campaign_progress, team_board
from copilot.database import Database
from copilot.staff.handover import handover_by_external
from copilot.staff import Identity, Kind
from core.errors import NotFound
from core.ports import Clock, UnitOfWork
from core.settings import Settings


def router() -> Router:
    r = Router(name="campaigns")
    r.message.filter(KindIs(Kind.STAFF))
    r.callback_query.filter(KindIs(Kind.STAFF))
    r.message.register(list_campaigns, Command("campaigns"))
    r.message.register(report_command, Command("report"))
    r.message.register(team, Command("team"))
    r.message.register(handover_command, Command("handover"))
    r.callback_query.register(pressed_report, CampaignCb.filter(F.a == A.REPORT))
    r.callback_query.register(pressed_list, CampaignCb.filter(F.a == A.LIST))
    return r


async def _list_screen(t: Texts, db: Database, identity: Identity) -> tuple[str, InlineKeyboardMarkup]:
    staff = identity.staff
    progress = await db.read(campaign_progress, staff)
    lines = [t("mg.campaigns.title")] + [
        t("mg.campaigns.line", id=p.campaign.id, name=title(p.campaign.name, p.campaign.rule, staff.language),
          done=p.done, tasks=p.tasks,
          due=due_text(p.campaign.due_date, staff.language)) for p in progress]
    if not progress:
        lines.append(t("mg.campaigns.none"))
    rows = [[InlineKeyboardButton(text=t("mg.btn.report", id=p.campaign.id),
                                  callback_data=CampaignCb(u=staff.id, a=A.REPORT, i=p.campaign.id).pack())]
            for p in progress[:8]]
    rows.append([InlineKeyboardButton(text=t("mg.btn.new"),
                                      callback_data=WizardCb(u=staff.id, a=WizardAction.SEGMENT, v=-1).pack())])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def list_campaigns(message: Message, identity: Identity, t: Texts, db: Database) -> None:
    text, markup = await _list_screen(t, db, identity)
    await reply(message, text, markup)


async def pressed_list(callback: CallbackQuery, identity: Identity, t: Texts, db: Database) -> None:
    text, markup = await _list_screen(t, db, identity)
    await reply(callback.message, text, markup)


class NoCampaigns(NotFound):
    code = "no_campaigns"


def _figures(uow: UnitOfWork, campaign_id: int | None, now):
    if campaign_id is None:
        latest = uow.campaigns.list(limit=1)
        if not latest:
            raise NoCampaigns("no campaigns yet")
        campaign_id = latest[0].id
    return campaign_id, campaign_report(uow, campaign_id, now)


async def send_report(message: Message, identity: Identity, db: Database, campaign_id: int | None,
                      clock: Clock) -> None:
    require_manager(identity.staff)
    campaign_id, figures = await db.read(_figures, campaign_id, clock.now())
    png = await asyncio.to_thread(chart_png, figures, identity.staff.language)  # rendering must not hold others
    await message.answer_photo(BufferedInputFile(png, f"campaign-{campaign_id}.png"))
    handle = io.StringIO()
    write_csv(figures, handle)
    await message.answer_document(BufferedInputFile(handle.getvalue().encode(), f"campaign-{campaign_id}.csv"))
    await reply(message, summary(figures, identity.staff.language))


async def report_command(message: Message, command: CommandObject, identity: Identity, clock: Clock,
                         db: Database) -> None:
    arg = (command.args or "").strip().lstrip("#")
    await send_report(message, identity, db, int(arg) if arg.isdigit() else None, clock)


async def pressed_report(callback: CallbackQuery, callback_data: CampaignCb, identity: Identity, clock: Clock,
                         db: Database) -> None:
    await send_report(callback.message, identity, db, callback_data.i, clock)


async def team(message: Message, identity: Identity, t: Texts, clock: Clock, settings: Settings,
               db: Database) -> None:
    board = await db.read(team_board, identity.staff, clock.now(), settings.timezone)
    lines = [t("mg.team.title")] + [
        t("mg.team.line", rank=k, name=line.guide.name, done=line.done, reply=f"{100 * line.reply_rate:.0f}%",
          conversion=f"{100 * line.conversion:.0f}%", sales=money(line.sales)) for k, line in enumerate(board, 1)]
    await reply(message, "\n".join(lines if board else [t("mg.team.none")]))


async def handover_command(message: Message, command: CommandObject, identity: Identity, t: Texts, clock: Clock,
                           db: Database) -> None:
    parts = (command.args or "").split()
    if len(parts) != 2:
        await reply(message, t("mg.handover.usage"))
        return
    try:
        done = await db.write(handover_by_external, parts[0], parts[1].split(","), clock.now(), acting=identity.staff)
    except NotFound:
        await reply(message, t("mg.handover.usage"))
        return
    await reply(message, t("mg.handover.done", name=parts[0], customers=sum(done.customers.values()), tasks=done.tasks))
