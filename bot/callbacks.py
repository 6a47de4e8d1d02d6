"""Callback data factories. Telegram caps callback data at 64 bytes and any client can forge it,
so the server re-checks everything in it:

- every factory for staff screens carries `u`, the staff id the button was rendered for; the
  OwnerCheckMiddleware rejects a press by anyone else with NotAllowed;
- enum fields make an unknown value fail to parse, so it falls to the catch-all "not allowed";
- object ids (customer, task...) are checked again by the copilot function that acts on them.
"""
from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

MAX_CALLBACK_BYTES = 64


class SettingsAction(StrEnum):
    OPEN = "o"
    LANGUAGE = "l"
    TONE = "t"
    EMOJI = "e"
    NAME = "n"
    BUDGET = "b"
    QUIET = "q"
    CANCEL = "x"


class SettingsValue(StrEnum):
    NONE = ""
    ZH = "zh"
    EN = "en"
    WARM = "warm"
    FORMAL = "formal"
    PLAYFUL = "playful"


class SettingsCb(CallbackData, prefix="st"):
    u: int  # owner: the staff id this screen was rendered for
    a: SettingsAction
    v: SettingsValue = SettingsValue.NONE


# Every factory, so a test can check that the longest payload of each fits in 64 bytes.
ALL_FACTORIES: tuple[type[CallbackData], ...] = (SettingsCb,)
