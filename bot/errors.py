"""The one error handler. Users get a short text; the log gets the whole story.

- NotAllowed (a forged or foreign button, a guide trying a manager command): "not allowed",
  logged as a warning with who and what;
- other GuideCopilotErrors: the text of their code in the user's language (`error.<code>`), else
  that of the nearest base class with one (every base in core.errors has one). The exception's own
  message never reaches the chat: it is English, and may name internal ids;
- anything else: an apology with a short reference id, and the full traceback in the log.
"""
from __future__ import annotations

import logging
import uuid

from aiogram import Dispatcher
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent, Update

from bot.render import CALLBACK_ANSWER_LIMIT, plain_text, truncate
from bot.sending import send_text
from bot.texts import Texts
from core.errors import GuideCopilotError, NotAllowed

log = logging.getLogger("bot.errors")


def register_error_handler(dp: Dispatcher, default_language: str) -> None:
    async def on_error(event: ErrorEvent, t: Texts | None = None) -> bool:
        text, reference = describe(event, t or Texts(default_language))
        await tell(event.update, text, keep_in_chat=reference)
        return True

    dp.errors.register(on_error)


def describe(event: ErrorEvent, t: Texts) -> tuple[str, bool]:
    """The user's text, and whether it carries a reference id (worth keeping in the chat)."""
    exc, update = event.exception, event.update
    if isinstance(exc, NotAllowed):
        log.warning("not allowed: user=%s update=%s data=%r: %s", _user_id(update), update.update_id,
                    _callback_data(update), exc)
        return t("not_allowed"), False
    if isinstance(exc, GuideCopilotError):
        log.info("refused: user=%s update=%s: %r", _user_id(update), update.update_id, exc)
        return t(error_key(exc, t)), False
    ref = uuid.uuid4().hex[:8]
    log.error("unhandled error ref=%s user=%s update=%s", ref, _user_id(update), update.update_id,
              exc_info=exc)
    return t("error_apology", ref=ref), True


def error_key(exc: GuideCopilotError, t: Texts) -> str:
    for cls in type(exc).__mro__:
        key = f"error.{getattr(cls, 'code', '')}"
        if t.has(key):
            return key
    return "error.error"


async def tell(update: Update, text: str, *, keep_in_chat: bool) -> None:
    """Answer the callback (always: its spinner must not hang) and/or send the text to the chat."""
    try:
        if update.callback_query:
            await update.callback_query.answer(truncate(plain_text(text), CALLBACK_ANSWER_LIMIT), show_alert=True)
            if keep_in_chat:  # an alert vanishes; the reference id must stay copyable
                await send_text(update.callback_query.bot, update.callback_query.from_user.id, text)
        elif update.message:
            await send_text(update.message.bot, update.message.chat.id, text)
    except TelegramAPIError:
        log.exception("could not tell the user about an error")


def _user_id(update: Update) -> int | None:
    source = update.message or update.callback_query
    return source.from_user.id if source and source.from_user else None


def _callback_data(update: Update) -> str | None:
    return update.callback_query.data if update.callback_query else None
