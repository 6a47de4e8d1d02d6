"""/start: staff onboarding by invite code, a greeting for known staff, a short note for others."""
from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.commands import refresh_staff_menu
from bot.sending import reply
from bot.texts import Texts
from copilot.staff.onboarding import redeem_invite
from copilot.staff import Identity, Kind
from copilot.database import Database
from core.ports import Clock


def router() -> Router:
    r = Router(name="start")
    # Customer links (c_...) were taken by the customers router, so any payload here is a staff code.
    r.message.register(redeem, CommandStart(deep_link=True))
    r.message.register(greet, CommandStart())
    return r


async def redeem(message: Message, command: CommandObject, clock: Clock, bot: Bot, db: Database) -> None:
    # Committed before we answer: bound even if telling them fails; a retried /start then greets them.
    staff = await db.write(redeem_invite, command.args, message.from_user.id, clock.now())
    t = Texts(staff.language)  # the staff member's language from now on, not their phone's
    await reply(message, t("onboarded", name=staff.name, role=t(f"role.{staff.role.value}")))
    await refresh_staff_menu(bot, staff)


async def greet(message: Message, identity: Identity | None, t: Texts) -> None:
    if identity is not None and identity.kind is Kind.STAFF:
        await reply(message, t("welcome_staff", name=identity.staff.name))
    else:
        await reply(message, t("unknown_user"))
