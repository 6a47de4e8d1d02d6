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
from copilot.database import Database
from core.ports import Clock
from core.settings import Settings


def router() -> Router:
    r = Router(name="ledger")
    r.message.filter(KindIs(Kind.STAFF))
    r.message.register(export_ledger, Command("ledger"))
    return r


async def export_ledger(message: Message, command: CommandObject, identity: Identity, t: Texts, clock: Clock,
                        settings: Settings, db: Database) -> None:
    month = (command.args or "").strip() or clock.now().astimezone(settings.tz).strftime("%Y-%m")
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        await reply(message, t("ledger.bad_month"))
        return
    rows = await db.read(ledger_for_manager, identity.staff, month)
    if not rows:
        await reply(message, t("ledger.empty", month=month))
        return
    buffer = io.StringIO()
    write_ledger_csv(rows, buffer)
    document = BufferedInputFile(buffer.getvalue().encode("utf-8-sig"), filename=f"ledger-{month}.csv")
    await message.answer_document(document, caption=t("ledger.caption", month=month, count=len(rows)))

