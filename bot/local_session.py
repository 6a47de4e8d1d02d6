"""A Bot API that lives in this process: it answers each call as Telegram would, without a network.

The terminal chat prints what it is asked to send; the bot tests record it. Both drive the real
Bot and Dispatcher, so everything above the HTTP layer runs exactly as in production.
"""
from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.base import BaseSession
from aiogram.enums import ParseMode
from aiogram.methods import (
    EditMessageReplyMarkup, EditMessageText, GetMe, SendMessage, TelegramMethod,
)
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    CallbackQuery, Chat, InlineKeyboardMarkup, MaybeInaccessibleMessageUnion, Message, Update, User,
)

from bot import telegram_html


class LocalApiSession(BaseSession):
    def __init__(self, *, bot_username: str = "GuideCopilotBot", bot_id: int = 42) -> None:
        super().__init__()
        self.bot_user = User(id=bot_id, is_bot=True, first_name="Guide Copilot", username=bot_username)
        self.messages: dict[tuple[int, int], Message] = {}  # (chat id, message id) -> latest state
        self._message_ids = itertools.count(1)

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        _check_markup(bot, method)
        result = self.respond(bot, method)
        self.on_request(method, result)
        return result

    def on_request(self, method: TelegramMethod[Any], result: Any) -> None:
        """Hook for subclasses: called after each answered call."""

    def respond(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetMe):
            return self.bot_user
        if isinstance(method, (EditMessageText, EditMessageReplyMarkup)):
            return self._edit(bot, method)
        if method.__returning__ is Message:
            return self._store(bot, method.chat_id, next(self._message_ids), _text_of(method),
                               getattr(method, "reply_markup", None))
        if method.__returning__ is bool:
            return True
        raise NotImplementedError(f"{type(method).__name__} is not emulated by {type(self).__name__}")

    def _edit(self, bot: Bot, method: EditMessageText | EditMessageReplyMarkup) -> Message:
        old = self.messages[(int(method.chat_id), method.message_id)]
        text = method.text if isinstance(method, EditMessageText) else old.text
        if text == old.text and method.reply_markup == old.reply_markup:
            raise TelegramBadRequest(method, "Bad Request: message is not modified")  # as Telegram does
        return self._store(bot, method.chat_id, method.message_id, text, method.reply_markup)

    def _store(self, bot: Bot, chat_id: int | str, message_id: int, text: str | None,
               markup: Any) -> Message:
        message = Message(
            message_id=message_id, date=datetime.now(UTC), from_user=self.bot_user,
            chat=Chat(id=int(chat_id), type="private"), text=text,
            reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
        ).as_(bot)
        self.messages[(int(chat_id), message_id)] = message
        return message

    async def close(self) -> None:
        pass

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None, timeout: int = 30,
                             chunk_size: int = 65536, raise_for_status: bool = True,
                             ) -> AsyncGenerator[bytes, None]:
        yield b""


def _check_markup(bot: Bot, method: TelegramMethod[Any]) -> None:
    """Refuse HTML Telegram would refuse, with Telegram's words."""
    mode = getattr(method, "parse_mode", None)
    if isinstance(mode, Default):
        mode = bot.default[mode.name]
    text = getattr(method, "text", None) or getattr(method, "caption", None)
    if mode == ParseMode.HTML and isinstance(text, str) and (complaint := telegram_html.problem(text)):
        raise TelegramBadRequest(method, f"Bad Request: {complaint}")


def _text_of(method: TelegramMethod[Any]) -> str | None:
    if isinstance(method, SendMessage):
        return method.text
    return getattr(method, "caption", None)  # photos, documents: their caption stands for the text


class LocalUpdates:
    """Builds the Updates Telegram would deliver for a user's text or button press."""

    def __init__(self, first_id: int = 1) -> None:
        self._ids = itertools.count(first_id)

    def text(self, user: User, text: str, chat: Chat | None = None) -> Update:
        message = Message(message_id=next(self._ids), date=datetime.now(UTC), text=text,
                          chat=chat or Chat(id=user.id, type="private"), from_user=user)
        return Update(update_id=next(self._ids), message=message)

    def press(self, user: User, message: MaybeInaccessibleMessageUnion, data: str) -> Update:
        query = CallbackQuery(id=str(next(self._ids)), from_user=user, chat_instance=str(user.id),
                              message=message, data=data)
        return Update(update_id=next(self._ids), callback_query=query)
