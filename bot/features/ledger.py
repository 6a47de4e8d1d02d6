"""Managers: /ledger [YYYY-MM] sends the month's commission ledger of their guides as a CSV file."""
from __future__ import annotations

import io
import re

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.filters import KindIs
from bot.sending import reply
from bot.texts import Texts
from copilot.sales import ledger_for_manager, write_ledger_csv
from copilot.staff import Identity, Kind
from core.ports import UnitOfWork


def router() -> Router:
    r = Router(name="ledger")
    r.message.filter(KindIs(Kind.STAFF))
    r.message.register(export_ledger, Command("ledger"))
    return r


async def export_ledger(message: Message, command: CommandObject, identity: Identity, uow: UnitOfWork,
                        t: Texts, clock, settings) -> None:
    month = (command.args or "").strip() or _this_month(clock, settings)
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        await reply(message, t("ledger.bad_month"))
        return
    rows = ledger_for_manager(uow, identity.staff, month)
    if not rows:
        await reply(message, t("ledger.empty", month=month))
        return
    buffer = io.StringIO()
    write_ledger_csv(rows, buffer)
    document = BufferedInputFile(buffer.getvalue().encode("utf-8-sig"), filename=f"ledger-{month}.csv")
    await message.answer_document(document, caption=t("ledger.caption", month=month, count=len(rows)))


def _this_month(clock, settings) -> str:
    from zoneinfo import ZoneInfo

    return clock.now().astimezone(ZoneInfo(settings.timezone)).strftime("%Y-%m")
