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
from pydantic import Field

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


class Segment(StrEnum):
    """Short codes for copilot.contacts.service.SEGMENTS (callback data is tight)."""
    ALL = ""
    SILENT = "si"
    FIRST_TIME = "ft"
    VIP_AT_RISK = "va"
    OVERDUE = "od"
    BIRTHDAY = "bd"
    ENGAGED = "re"


SEGMENT_NAMES = {Segment.SILENT: "silent", Segment.FIRST_TIME: "first_time_no_repeat",
                 Segment.VIP_AT_RISK: "vip_at_risk", Segment.OVERDUE: "overdue",
                 Segment.BIRTHDAY: "birthday_this_week", Segment.ENGAGED: "recently_engaged"}


class TodayAction(StrEnum):
    LIST = "l"
    FILTERS = "f"


class TodayCb(CallbackData, prefix="td"):
    u: int
    a: TodayAction = TodayAction.LIST
    p: int = 0  # page
    s: Segment = Segment.ALL


class CardAction(StrEnum):
    OPEN = "o"
    DRAFT = "d"
    PRODUCTS = "p"
    HISTORY = "h"
    SNOOZE_DAY = "s1"
    SNOOZE_WEEK = "s7"
    NOT_INTERESTED = "n"  # asks first: it rests the customer for a season
    NOT_INTERESTED_CONFIRMED = "nc"
    UNDO = "u"  # ends a snooze or "not interested" at once
    CONTACTED = "m"


class CardCb(CallbackData, prefix="cd"):
    u: int
    c: int  # customer id: authorized again by copilot.access.authorize
    a: CardAction = CardAction.OPEN
    # Where the card was opened from, so "« Today" returns to that page of that filtered list.
    s: Segment = Segment.ALL
    p: int = Field(0, ge=0, le=99)  # a day holds at most the daily budget (500): 50 pages


class DraftAction(StrEnum):
    REGENERATE = "r"
    SHORTER = "s"
    WARMER = "w"
    FORMAL = "f"
    EDIT = "e"
    MARK_SENT = "m"
    SEND = "x"
    COPY = "c"  # only for drafts longer than Telegram's copy-text button holds


class DraftCb(CallbackData, prefix="df"):
    u: int
    c: int
    a: DraftAction


# Every factory, so a test can check that the longest payload of each fits in 64 bytes.
ALL_FACTORIES: tuple[type[CallbackData], ...] = (SettingsCb, TodayCb, CardCb, DraftCb)
