"""/settings: language, persona (display name, tone, emoji), daily contact budget, quiet hours.

Choices are buttons; free text (name, budget, quiet hours) goes through a small FSM form. Every
change goes through copilot.staff.change_settings, which validates and acts on the caller only.
"""
from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards
from bot.callbacks import SettingsAction as A
from bot.callbacks import SettingsCb, SettingsValue as V
from bot.commands import refresh_staff_menu
from bot.filters import KindIs
from bot.sending import reply, show
from bot.texts import Texts
from copilot.database import Database
from copilot.staff import (
    Identity, Kind, change_settings, get_settings, parse_budget, parse_quiet_hours, toggle_emoji,
)
from core.domain import Staff
from core.ports import StaffSettings


class SettingsForm(StatesGroup):
    name = State()
    budget = State()
    quiet = State()


FORM_FOR = {A.NAME: (SettingsForm.name, "settings.ask_name"),
            A.BUDGET: (SettingsForm.budget, "settings.ask_budget"),
            A.QUIET: (SettingsForm.quiet, "settings.ask_quiet")}


def router() -> Router:
    r = Router(name="settings")
    r.message.filter(KindIs(Kind.STAFF))
    r.callback_query.filter(KindIs(Kind.STAFF))
    r.message.register(open_settings, Command("settings"))
    typed = (F.text, ~F.text.startswith("/"))  # a command typed mid-form is not a value
    r.message.register(typed_name, StateFilter(SettingsForm.name), *typed)
    r.message.register(typed_budget, StateFilter(SettingsForm.budget), *typed)
    r.message.register(typed_quiet, StateFilter(SettingsForm.quiet), *typed)
    r.callback_query.register(pressed_open, SettingsCb.filter(F.a.in_({A.OPEN, A.CANCEL}) & (F.v == V.NONE)))
    # Only values that belong to the action parse; anything else falls to "not allowed".
    r.callback_query.register(pressed_choice, SettingsCb.filter(
        ((F.a == A.LANGUAGE) & F.v.in_({V.NONE, V.ZH, V.EN}))
        | ((F.a == A.TONE) & F.v.in_({V.NONE, V.WARM, V.FORMAL, V.PLAYFUL}))))
    r.callback_query.register(pressed_emoji, SettingsCb.filter((F.a == A.EMOJI) & (F.v == V.NONE)))
    r.callback_query.register(pressed_form, SettingsCb.filter(F.a.in_(set(FORM_FOR)) & (F.v == V.NONE)))
    return r


def screen(t: Texts, staff: Staff, s: StaffSettings) -> str:
    return "\n".join([
        t("settings.title"),
        t("settings.language", value=t(f"lang.{s.language}")),
        t("settings.name", value=s.persona_name or staff.name),
        t("settings.tone", value=t(f"tone.{s.persona_tone}")),
        t("settings.emoji", value=t("on" if s.persona_emoji else "off")),
        t("settings.budget", value=s.daily_budget),
        t("settings.quiet", start=f"{s.quiet_start_hour:02d}", end=f"{s.quiet_end_hour:02d}"),
    ])


async def open_settings(message: Message, identity: Identity, t: Texts, db: Database) -> None:
    s = await db.read(get_settings, identity.staff)
    await reply(message, screen(t, identity.staff, s), keyboards.settings_menu(t, identity.staff.id))


async def pressed_open(callback: CallbackQuery, identity: Identity, t: Texts, state: FSMContext,
                       db: Database) -> None:
    await state.clear()
    s = await db.read(get_settings, identity.staff)
    await show(callback, screen(t, identity.staff, s), keyboards.settings_menu(t, identity.staff.id))


async def pressed_choice(callback: CallbackQuery, callback_data: SettingsCb, identity: Identity, t: Texts, bot: Bot,
                         callback_answer: CallbackAnswer, db: Database) -> None:
    owner = identity.staff.id
    if callback_data.v is V.NONE:  # open the chooser
        chooser = keyboards.languages if callback_data.a is A.LANGUAGE else keyboards.tones
        key = "settings.choose_language" if callback_data.a is A.LANGUAGE else "settings.choose_tone"
        await show(callback, t(key), chooser(t, owner))
        return
    field = "language" if callback_data.a is A.LANGUAGE else "persona_tone"
    s = await db.write(change_settings, identity.staff, **{field: callback_data.v.value})
    staff = await db.read(lambda uow: uow.staff.get(owner))
    t = Texts(s.language)
    callback_answer.text = t("settings.saved")
    await show(callback, screen(t, staff, s), keyboards.settings_menu(t, owner))
    if field == "language":
        await refresh_staff_menu(bot, staff)  # the command menu follows the new language


async def pressed_emoji(callback: CallbackQuery, identity: Identity, t: Texts, callback_answer: CallbackAnswer,
                        db: Database) -> None:
    s = await db.write(toggle_emoji, identity.staff)
    callback_answer.text = t("settings.saved")
    await show(callback, screen(t, identity.staff, s), keyboards.settings_menu(t, identity.staff.id))


async def pressed_form(callback: CallbackQuery, callback_data: SettingsCb, identity: Identity,
                       t: Texts, state: FSMContext) -> None:
    form_state, prompt = FORM_FOR[callback_data.a]
    await state.set_state(form_state)
    await show(callback, t(prompt), keyboards.cancel_settings(t, identity.staff.id))


async def typed_name(message: Message, identity: Identity, t: Texts, state: FSMContext, db: Database) -> None:
    await _save_typed(message, identity, t, state, db, persona_name=message.text.strip())


async def typed_budget(message: Message, identity: Identity, t: Texts, state: FSMContext, db: Database) -> None:
    await _save_typed(message, identity, t, state, db, daily_budget=parse_budget(message.text))


async def typed_quiet(message: Message, identity: Identity, t: Texts, state: FSMContext, db: Database) -> None:
    start, end = parse_quiet_hours(message.text)
    await _save_typed(message, identity, t, state, db, quiet_start_hour=start, quiet_end_hour=end)


async def _save_typed(message: Message, identity: Identity, t: Texts, state: FSMContext, db: Database,
                      **changes: object) -> None:
    # An invalid value raises before the state is cleared, so the user can simply try again.
    s = await db.write(change_settings, identity.staff, **changes)
    await state.clear()
    await reply(message, t("settings.saved") + "\n\n" + screen(t, identity.staff, s),
                keyboards.settings_menu(t, identity.staff.id))
