"""Callback data and keyboards of the customers' side and of the relay to guides.

Customers' buttons carry no ids at all (a customer only ever acts on themself) except the consent
button, which carries the guide's link code, resolved again on the server. Relay buttons for guides
carry `u` (checked by the OwnerCheckMiddleware) and the customer id (checked by the copilot).
"""
from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup, WebAppInfo,
)

from bot.callbacks import CardCb
from bot.texts import Texts


class ConsentCb(CallbackData, prefix="cy"):
    k: str  # the guide's link code (url-safe, never contains ':')


class MenuAction(StrEnum):
    MENU = "m"
    TALK = "t"
    STOP = "s"
    RESUME = "r"


class CustomerMenuCb(CallbackData, prefix="cu"):
    a: MenuAction


class RelayAction(StrEnum):
    REPLY = "r"
    SUGGEST = "s"
    SEND = "x"  # send suggestion n
    LIST = "l"  # send the customer a fresh product list


class RelayCb(CallbackData, prefix="rl"):
    u: int
    c: int
    a: RelayAction
    n: int = 0


FACTORIES: tuple[type[CallbackData], ...] = (ConsentCb, CustomerMenuCb, RelayCb)


def _cb(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def list_button(t: Texts, url: str, *, key: str = "cust.btn.list") -> InlineKeyboardButton:
    # Telegram opens Web Apps only over HTTPS; a local http address (the demo) opens as a link.
    if url.startswith("https://"):
        return InlineKeyboardButton(text=t(key), web_app=WebAppInfo(url=url))
    return InlineKeyboardButton(text=t(key), url=url)


def consent(t: Texts, code: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_cb(t("cust.btn.agree"), ConsentCb(k=code))]])


def menu(t: Texts, list_url: str | None) -> InlineKeyboardMarkup:
    rows = [[_cb(t("cust.btn.talk"), CustomerMenuCb(a=MenuAction.TALK))]]
    if list_url:
        rows.append([list_button(t, list_url)])
    rows.append([_cb(t("cust.btn.stop"), CustomerMenuCb(a=MenuAction.STOP))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def resume(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_cb(t("cust.btn.resume"), CustomerMenuCb(a=MenuAction.RESUME))]])


def share_phone(t: Texts) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text=t("cust.btn.share_phone"), request_contact=True)]],
                               resize_keyboard=True, one_time_keyboard=True)


def relayed(t: Texts, owner: int, customer_id: int) -> InlineKeyboardMarkup:
    def b(key: str, action: RelayAction) -> InlineKeyboardButton:
        return _cb(t(key), RelayCb(u=owner, c=customer_id, a=action))

    return InlineKeyboardMarkup(inline_keyboard=[
        [b("relay.btn.reply", RelayAction.REPLY), b("relay.btn.suggest", RelayAction.SUGGEST)],
        [b("relay.btn.list", RelayAction.LIST), _cb(t("relay.btn.card"), CardCb(u=owner, c=customer_id))],
    ])


def suggestions(t: Texts, owner: int, customer_id: int, count: int) -> InlineKeyboardMarkup:
    sends = [_cb(t("relay.btn.send_n", n=n + 1), RelayCb(u=owner, c=customer_id, a=RelayAction.SEND, n=n))
             for n in range(count)]
    return InlineKeyboardMarkup(inline_keyboard=[sends, [
        _cb(t("relay.btn.reply"), RelayCb(u=owner, c=customer_id, a=RelayAction.REPLY))]])


def my_link(t: Texts, link: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=t("btn.copy_link"), copy_text=CopyTextButton(text=link))]])
