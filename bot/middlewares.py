"""Middlewares: what every handler can count on.

On each update (outer, in this order): updates from groups are dropped, then `uow` (one transaction:
committed when the handlers return, rolled back when they raise), then an outbox block on the chat is
lifted (the user is back), then `identity` (staff / customer / unknown) and `t` (texts in the user's
language). On callback queries (inner, after the filters parsed the data): the owner check, then the
automatic `answerCallbackQuery`.
"""
from __future__ import annotations

import logging
from typing import Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Chat, TelegramObject, User
from aiogram.utils.callback_answer import CallbackAnswer

from bot.texts import Texts, pick_language
from copilot.outbox.reachable import chat_is_back
from copilot.staff import Identity, identify
from core.errors import NotAllowed
from core.ports import UnitOfWorkFactory

log = logging.getLogger(__name__)


class PrivateChatsOnlyMiddleware(BaseMiddleware):
    """The bot shows people's customers and sales: never in a group, where others would read it."""

    async def __call__(self, handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        chat: Chat | None = data.get("event_chat")
        if chat is not None and chat.type != ChatType.PRIVATE:
            log.info("ignored an update from %s chat %s", chat.type, chat.id)
            return None
        return await handler(event, data)


class UnitOfWorkMiddleware(BaseMiddleware):
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def __call__(self, handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        with self._uow_factory() as uow:
            data["uow"] = uow
            try:
                result = await handler(event, data)
                uow.commit()
                return result
            finally:
                del data["uow"]  # the error handler runs after this closes: it must not use it


class ReachableAgainMiddleware(BaseMiddleware):
    """Any update from a chat proves its user has not blocked the bot (or no longer has): lift the
    outbox's block on it, so new messages reach them again. Committed before the handlers run, so a
    failing handler cannot put the block back; nothing else has been written at that point."""

    async def __call__(self, handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        chat: Chat | None = data.get("event_chat")
        if chat is not None:
            uow = data["uow"]
            expired = chat_is_back(uow, chat.id)
            if expired:
                uow.commit()
                log.info("chat %s is back after blocking the bot; %d held messages expired", chat.id, expired)
        return await handler(event, data)


class IdentityMiddleware(BaseMiddleware):
    def __init__(self, default_language: str) -> None:
        self._default_language = default_language

    async def __call__(self, handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        identity = identify(data["uow"], user.id) if user else None
        language = pick_language(identity.language if identity else None,
                                 user.language_code if user else None,
                                 default=self._default_language)
        data["identity"] = identity
        data["t"] = Texts(language)
        return await handler(event, data)


class OwnerCheckMiddleware(BaseMiddleware):
    """A button rendered for staff member `u` may only be pressed by that staff member."""

    async def __call__(self, handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        owner = getattr(data.get("callback_data"), "u", None)
        identity: Identity | None = data.get("identity")
        if owner is not None:
            staff_id = identity.staff.id if identity and identity.staff else None
            if staff_id != owner:
                raise NotAllowed(f"button for staff {owner} pressed by staff {staff_id}")
        return await handler(event, data)


class CallbackAnswerMiddleware(BaseMiddleware):
    """Answers every handled callback query once the handler returns, with the text the handler
    put on `callback_answer` (handlers never call `callback.answer()` themselves). When the
    handler raises, the error handler answers instead, with the error's text."""

    async def __call__(self, handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, CallbackQuery):
            return await handler(event, data)
        answer = data["callback_answer"] = CallbackAnswer(answered=False)
        result = await handler(event, data)
        if not answer.disabled:
            await event.answer(answer.text, show_alert=answer.show_alert)
        return result
