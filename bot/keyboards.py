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


# --- /today, the customer card, drafts (bot/features/today.py, card.py, draft.py) ---

from bot.callbacks import (  # noqa: E402  (kept next to the screens that use them)
    SEGMENT_NAMES, CardAction as CA, CardCb, DraftAction as DA, DraftCb, Segment, TodayAction, TodayCb,
)

COPY_TEXT_LIMIT = 256  # Telegram's copy-text button holds at most this many characters


def _cb(text: str, data) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def today_list(t: Texts, owner: int, people: list[tuple[int, str]], page: int, pages: int,
               segment: Segment) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for customer_id, label in people:
        kb.row(_cb(label, CardCb(u=owner, c=customer_id, s=segment, p=page)))
    nav = []
    if page > 0:
        nav.append(_cb(t("btn.prev"), TodayCb(u=owner, p=page - 1, s=segment)))
    if page + 1 < pages:
        nav.append(_cb(t("btn.next"), TodayCb(u=owner, p=page + 1, s=segment)))
    kb.row(*nav, _cb(t("btn.filter"), TodayCb(u=owner, a=TodayAction.FILTERS, s=segment)))
    return kb.as_markup()


def segments(t: Texts, owner: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.add(_cb(t("btn.all"), TodayCb(u=owner)))
    for code, name in SEGMENT_NAMES.items():
        kb.add(_cb(t(f"seg.{name}"), TodayCb(u=owner, s=code)))
    kb.adjust(1, 2)
    return kb.as_markup()


def card(t: Texts, owner: int, origin: CardCb, *, put_aside: bool = False) -> InlineKeyboardMarkup:
    """The card's actions; `origin` is the card's own button (customer, and the list it came from)."""
    def b(key: str, action: CA) -> InlineKeyboardButton:
        return _cb(t(key), origin.model_copy(update={"a": action}))

    rest = ([b("btn.undo", CA.UNDO)] if put_aside
            else [b("btn.snooze_day", CA.SNOOZE_DAY), b("btn.snooze_week", CA.SNOOZE_WEEK),
                  b("btn.not_interested", CA.NOT_INTERESTED)])
    return InlineKeyboardMarkup(inline_keyboard=[
        [b("btn.draft", CA.DRAFT), b("btn.products", CA.PRODUCTS), b("btn.history", CA.HISTORY)],
        [b("btn.contacted", CA.CONTACTED)], rest,
        [_cb(t("btn.today"), TodayCb(u=owner, p=origin.p, s=origin.s))],
    ])


def confirm_not_interested(t: Texts, origin: CardCb) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        _cb(t("btn.confirm_not_interested"), origin.model_copy(update={"a": CA.NOT_INTERESTED_CONFIRMED})),
        _cb(t("btn.cancel"), origin.model_copy(update={"a": CA.OPEN}))]])


def back_to_card(t: Texts, origin: CardCb) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_cb(t("btn.card"), origin.model_copy(update={"a": CA.OPEN}))]])


def draft(t: Texts, owner: int, customer_id: int, text: str, *, can_send: bool) -> InlineKeyboardMarkup:
    def b(key: str, action: DA) -> InlineKeyboardButton:
        return _cb(t(key), DraftCb(u=owner, c=customer_id, a=action))

    # The copy-text button copies on the phone itself; a longer draft is re-sent as tap-to-copy code.
    copy = (InlineKeyboardButton(text=t("btn.copy"), copy_text=CopyTextButton(text=text))
            if 0 < len(text) <= COPY_TEXT_LIMIT else b("btn.copy", DA.COPY))
    first = [copy, b("btn.send", DA.SEND)] if can_send else [copy]
    return InlineKeyboardMarkup(inline_keyboard=[
        first,
        [b("btn.regenerate", DA.REGENERATE), b("btn.shorter", DA.SHORTER)],
        [b("btn.warmer", DA.WARMER), b("btn.formal", DA.FORMAL)],
        [b("btn.edit", DA.EDIT), b("btn.mark_sent", DA.MARK_SENT)],
    ])


def copy_only(t: Texts, owner: int, customer_id: int, text: str) -> InlineKeyboardMarkup:
    copy = (InlineKeyboardButton(text=t("btn.copy"), copy_text=CopyTextButton(text=text))
            if 0 < len(text) <= COPY_TEXT_LIMIT else _cb(t("btn.copy"), DraftCb(u=owner, c=customer_id, a=DA.COPY)))
    return InlineKeyboardMarkup(inline_keyboard=[[copy], [_cb(t("btn.card"), CardCb(u=owner, c=customer_id))]])


def contacts(t: Texts, owner: int, people: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    """One button per customer, opening their card."""
    return InlineKeyboardMarkup(inline_keyboard=[[_cb(label, CardCb(u=owner, c=customer_id))]
                                                 for customer_id, label in people])
