"""/invite STAFF_ID: managers create a one-time onboarding link (authorized in the copilot)."""
from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot import keyboards
from bot.filters import KindIs
from bot.sending import reply
from bot.texts import Texts
from copilot.staff.onboarding import invite_as
from copilot.staff import Identity, Kind
from copilot.database import Database
from core.ports import Clock
from core.settings import Settings


def router() -> Router:
    r = Router(name="invite")
    r.message.filter(KindIs(Kind.STAFF))
    r.message.register(invite, Command("invite"))
    return r


async def invite(message: Message, command: CommandObject, identity: Identity, clock: Clock, settings: Settings,
                 t: Texts, db: Database) -> None:
    staff_id = (command.args or "").strip()
    if not staff_id or " " in staff_id:
        await reply(message, t("invite.usage"))
        return
    target, code, link = await db.write(invite_as, identity.staff, staff_id, clock.now(),
                                        bot_username=settings.telegram.bot_username)
    await reply(message, t("invite.created", name=target.name, code=code, link=link),
                keyboards.copy_link(t, link))
