"""Middlewares: what every handler can count on.

On each update (outer, in this order): updates from groups are dropped, then one short unit of work
(in a worker thread) lifts an outbox block on the chat if there was one (the user is back) and finds
`identity` (staff / customer / unknown); `t` holds the texts in the user's language. No session is
kept open for the handlers: they run their own units of work through `db`. On callback queries
(inner, after the filters parsed the data): the owner check, then the automatic `answerCallbackQuery`.
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
from copilot.database import Database
from core.ports import UnitOfWork

log = logging.getLogger(__name__)


class PrivateChatsOnlyMiddleware(BaseMiddleware):
    """The bot shows people's customers and sales: never in a group, where others would read it."""

    async def __call__(self, handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        chat: Chat | None = data.get("event_chat")
        if chat is not None and chat.type != ChatType.PRIVATE:
            log.info("ignored an update from %s chat %s", chat.type, chat.id)
            return None
        return await handler(event, data)


class IdentityMiddleware(BaseMiddleware):
    def __init__(self, db: Database, default_language: str) -> None:
        self._db, self._default_language = db, default_language

    async def __call__(self, handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        identity = await self._db.write(_arrive, user.id if user else None, chat.id if chat else None)
        language = pick_language(identity.language if identity else None,
                                 user.language_code if user else None,
                                 default=self._default_language)
        data["identity"] = identity
        data["t"] = Texts(language)
        return await handler(event, data)


def _arrive(uow: UnitOfWork, user_id: int | None, chat_id: int | None) -> Identity | None:
    """Any update from a chat proves its user has not blocked the bot (or no longer has): lift the
    outbox's block on it, so new messages reach them again. Committed on its own, before the handlers
    run, so a failing handler cannot put the block back."""
    if chat_id is not None:
        expired = chat_is_back(uow, chat_id)
        if expired:
            log.info("chat %s is back after blocking the bot; %d held messages expired", chat_id, expired)
    return identify(uow, user_id) if user_id is not None else None


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
