"""Inline keyboards. Every callback button is built from a factory in bot.callbacks."""
from __future__ import annotations

from aiogram.types import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import SettingsAction as A
from bot.callbacks import SettingsCb, SettingsValue as V
from bot.texts import Texts


def _settings_button(t: Texts, label_key: str, owner: int, action: A,
                     value: V = V.NONE) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t(label_key),
                                callback_data=SettingsCb(u=owner, a=action, v=value).pack())


def settings_menu(t: Texts, owner: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for key, action in (("btn.language", A.LANGUAGE), ("btn.name", A.NAME), ("btn.tone", A.TONE),
                        ("btn.emoji", A.EMOJI), ("btn.budget", A.BUDGET), ("btn.quiet", A.QUIET)):
        kb.add(_settings_button(t, key, owner, action))
    kb.adjust(2)
    return kb.as_markup()


def settings_choice(t: Texts, owner: int, action: A, values: list[tuple[str, V]]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for label_key, value in values:
        kb.add(_settings_button(t, label_key, owner, action, value))
    kb.adjust(len(values))
    kb.row(_settings_button(t, "btn.back", owner, A.OPEN))
    return kb.as_markup()


def languages(t: Texts, owner: int) -> InlineKeyboardMarkup:
    return settings_choice(t, owner, A.LANGUAGE, [("lang.zh", V.ZH), ("lang.en", V.EN)])


def tones(t: Texts, owner: int) -> InlineKeyboardMarkup:
    return settings_choice(t, owner, A.TONE, [("tone.warm", V.WARM), ("tone.formal", V.FORMAL),
                                              ("tone.playful", V.PLAYFUL)])


def cancel_settings(t: Texts, owner: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_settings_button(t, "btn.cancel", owner, A.CANCEL)]])


def copy_link(t: Texts, link: str) -> InlineKeyboardMarkup:
    """Telegram copies the text on the phone itself: no callback, nothing to authorize."""
    button = InlineKeyboardButton(text=t("btn.copy_link"), copy_text=CopyTextButton(text=link))
    return InlineKeyboardMarkup(inline_keyboard=[[button]])
