"""Sending within Telegram's limits: 429 `retry_after` honoured, long texts split.

The retry lives in a request middleware on the Bot's session, so every API call (message.answer,
edit_text, answerCallbackQuery, setMyCommands...) is covered without each handler remembering it.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot import telegram_html
from bot.render import split_message, truncate

log = logging.getLogger(__name__)


class RetryAfterMiddleware(BaseRequestMiddleware):
    """Sleep `retry_after` and try again, at most `max_tries` times in all; give up (re-raise) on
    a wait longer than `max_wait` seconds, where holding the handler would do more harm."""

    def __init__(self, *, max_tries: int = 3, max_wait: float = 60,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self._max_tries = max_tries
        self._max_wait = max_wait
        self._sleep = sleep

    async def __call__(self, make_request, bot, method):
        for attempt in range(1, self._max_tries + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt == self._max_tries or exc.retry_after > self._max_wait:
                    raise
                log.warning("Telegram 429 on %s: retrying in %ss (try %d of %d)",
                            type(method).__name__, exc.retry_after, attempt, self._max_tries)
                await self._sleep(exc.retry_after)
        raise AssertionError("unreachable")


class PlainTextFallback(BaseRequestMiddleware):
    """A message Telegram refuses for its markup ("can't parse entities") goes again as plain text,
    never dropped: whatever slipped past escaping costs the formatting, not the message."""

    async def __call__(self, make_request, bot, method):
        try:
            return await make_request(bot, method)
        except TelegramBadRequest as exc:
            field = _text_field(method)
            if field is None or "can't parse entities" not in exc.message.lower():
                raise
            log.warning("Telegram refused the markup of a %s (%s): sending it as plain text",
                        type(method).__name__, exc.message)
            plain = {field: telegram_html.plain(getattr(method, field)), "parse_mode": None}
            return await make_request(bot, method.model_copy(update=plain))


def _text_field(method) -> str | None:
    """Where a message's marked-up text lives: `text` (messages, edits) or `caption` (photos, files)."""
    for field in ("text", "caption"):
        if isinstance(getattr(method, field, None), str) and hasattr(method, "parse_mode"):
            return field
    return None


async def send_text(bot: Bot, chat_id: int, text: str,
                    reply_markup: InlineKeyboardMarkup | None = None) -> list[Message]:
    """Send `text` as as many messages as it needs; the buttons go under the last one."""
    parts = split_message(text)
    sent = []
    for index, part in enumerate(parts):
        markup = reply_markup if index == len(parts) - 1 else None
        sent.append(await bot.send_message(chat_id, part, reply_markup=markup))
    return sent


async def reply(message: Message, text: str,
                reply_markup: InlineKeyboardMarkup | None = None) -> list[Message]:
    return await send_text(message.bot, message.chat.id, text, reply_markup)


async def show(callback: CallbackQuery, text: str,
               reply_markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the pressed message's screen in place (an edit must fit in one message).
    Messages older than 48 hours cannot be edited (Telegram hands them over as inaccessible):
    then the screen comes as a new message."""
    message = callback.message
    if not isinstance(message, Message):
        await send_text(callback.bot, callback.from_user.id, truncate(text), reply_markup)
        return
    try:
        await message.edit_text(truncate(text), reply_markup=reply_markup)
    except TelegramBadRequest as exc:
        if "message is not modified" not in exc.message:  # pressing "Back" on the same screen
            raise
