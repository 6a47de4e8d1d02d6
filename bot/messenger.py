"""The outbox's Messenger over aiogram: Telegram's errors become the port's delivery errors.

The Bot used here must not retry 429s itself (build it with RetryAfterMiddleware(max_tries=1)):
the outbox sender pauses every send on a 429, which a per-request sleep cannot do.
"""
from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest, TelegramForbiddenError, TelegramNetworkError, TelegramRetryAfter, TelegramServerError,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks_managers import TaskAction, TaskCb
from bot.render import escape, truncate
from core.ports import DeliveryBlocked, DeliveryRetryAfter, DeliveryTransient


def _button(spec: dict) -> InlineKeyboardButton:
    """Payloads name an action, not callback data: copilot/ knows nothing of the bot's formats."""
    if spec.get("action") == "tasks":
        data = TaskCb(u=int(spec["staff_id"]), a=TaskAction.CAMPAIGN if spec.get("campaign_id") else TaskAction.LIST,
                      i=int(spec.get("campaign_id") or 0))
        return InlineKeyboardButton(text=spec["text"], callback_data=data.pack())
    if spec.get("url"):
        return InlineKeyboardButton(text=spec["text"], url=spec["url"])
    raise ValueError(f"unknown button {spec!r}")


def markup(payload: dict) -> InlineKeyboardMarkup | None:
    rows = payload.get("buttons") or []
    return InlineKeyboardMarkup(inline_keyboard=[[_button(b) for b in row] for row in rows]) if rows else None


class AiogramMessenger:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, chat_id: int, payload: dict) -> None:
        try:
            # Outbox texts are plain (copilot/ writes no markup): escaped here, where they become HTML.
            await self._bot.send_message(chat_id, truncate(escape(payload["text"])), reply_markup=markup(payload))
        except TelegramRetryAfter as exc:
            raise DeliveryRetryAfter(exc.retry_after) from exc
        except TelegramForbiddenError as exc:
            raise DeliveryBlocked(exc.message) from exc
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message.lower():
                raise DeliveryBlocked(exc.message) from exc
            raise DeliveryTransient(exc.message) from exc  # retried, then failed after max attempts
        except (TelegramNetworkError, TelegramServerError) as exc:
            raise DeliveryTransient(str(exc)) from exc
