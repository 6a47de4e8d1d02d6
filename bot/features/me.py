"""/me: today and this month: tasks done, attributed sales, commission, with a chart of the month."""
from __future__ import annotations

import asyncio

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, Message

from bot.features.formatting import money
from bot.features.me_chart import progress_png
from bot.filters import KindIs
from bot.texts import Texts
from copilot.database import Database
from copilot.guide.earnings import MyMonth
from copilot.guide.service import GuideService
from copilot.staff import Identity, Kind


def router() -> Router:
    r = Router(name="me")
    r.message.filter(KindIs(Kind.STAFF))
    r.message.register(open_me, Command("me"))
    return r


async def open_me(message: Message, identity: Identity, t: Texts, bot: Bot, db: Database,
                  guide: GuideService) -> None:
    m = await db.read(guide.my_month, identity.staff)
    await bot.send_chat_action(message.chat.id, "upload_photo")
    png = await asyncio.to_thread(progress_png, m, t)  # rendering must not hold the other updates
    await bot.send_photo(message.chat.id, BufferedInputFile(png, "month.png"), caption=render(t, m))


def render(t: Texts, m: MyMonth) -> str:
    e = m.earnings
    lines = [t("me.title"),
             t("me.today", orders=m.sales_today, sales=money(m.sales_amount_today), tasks=e.tasks_done_today,
               commission=money(e.commission_today)),
             t("me.month", tasks=e.tasks_done, orders=e.sales, sales=money(e.sales_amount),
               commission=money(e.commission))]
    if m.target > 0:
        lines.append(t("me.target", target=money(m.target), pct=int(100 * e.sales_amount / m.target)))
    return "\n".join(lines)
