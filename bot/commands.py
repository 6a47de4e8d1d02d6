"""The command menu (setMyCommands) and /help share one list of commands per role.

Telegram has no "role" scope, so: the default scope (per language) shows the public commands to
everyone, and each staff member gets a chat scope with their role's commands in their language,
published at startup and again whenever their role or language may have changed.
"""
from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.texts import LANGUAGES, Texts
from copilot.access import MANAGING_ROLES
from copilot.database import Database
from core.domain import Role, Staff

log = logging.getLogger(__name__)

PUBLIC_COMMANDS = ("start", "help")
GUIDE_COMMANDS = ("today", "tasks", "goal", "me", "ask", "mylink", "settings", "help")
MANAGER_COMMANDS = GUIDE_COMMANDS[:-1] + ("campaigns", "newcampaign", "report", "team", "ledger", "invite",
                                          "handover", "help")


def commands_for(role: Role | None) -> tuple[str, ...]:
    if role in MANAGING_ROLES:
        return MANAGER_COMMANDS
    if role is Role.GUIDE:
        return GUIDE_COMMANDS
    return PUBLIC_COMMANDS


def menu(t: Texts, names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(command=name, description=t(f"cmd.{name}")) for name in names]


def help_text(t: Texts, role: Role | None) -> str:
    lines = [t("help.title")]
    lines += [t("help.line", command=name, description=t(f"cmd.{name}")) for name in commands_for(role)]
    return "\n".join(lines)


async def publish_default_menus(bot: Bot, default_language: str) -> None:
    for language in LANGUAGES:
        await bot.set_my_commands(menu(Texts(language), PUBLIC_COMMANDS),
                                  scope=BotCommandScopeDefault(), language_code=language)
    await bot.set_my_commands(menu(Texts(default_language), PUBLIC_COMMANDS), scope=BotCommandScopeDefault())


async def publish_staff_menu(bot: Bot, staff: Staff) -> None:
    if staff.telegram_user_id is None:
        return
    scope = BotCommandScopeChat(chat_id=staff.telegram_user_id)
    await bot.set_my_commands(menu(Texts(staff.language), commands_for(staff.role)), scope=scope)


async def refresh_staff_menu(bot: Bot, staff: Staff) -> None:
    """After onboarding or a language change: a menu that fails to update must not turn the
    user's successful action into an error; it is set again at the next startup anyway."""
    try:
        await publish_staff_menu(bot, staff)
    except TelegramAPIError as exc:
        log.warning("could not refresh the command menu for staff %s: %s", staff.external_id, exc)


async def publish_all_menus(bot: Bot, db: Database, default_language: str) -> None:
    """At startup."""
    await publish_default_menus(bot, default_language)
    staff = [s for s in await db.read(lambda uow: uow.staff.list()) if s.telegram_user_id is not None and s.active]
    for member in staff:  # one failing chat (e.g. the bot was blocked) must not stop the others
        await refresh_staff_menu(bot, member)
