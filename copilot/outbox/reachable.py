"""A chat that blocked the bot and came back.

The sender learns of a block from Telegram's 403 and holds the chat's messages (`block_chat`). Only
the user can lift it, and any update from them (a message, a button) proves they have: from then on
the chat's new messages go out as usual.
"""
from __future__ import annotations

from core.ports import UnitOfWork

# What was held meanwhile is stale (reminders, campaign notices): sending it late would flood the
# user the moment they return. It stays in the outbox for the record, never sent.
EXPIRED = "expired: held while the user had blocked the bot, not sent when they came back"


def chat_is_back(uow: UnitOfWork, chat_id: int) -> int:
    """Lift a block on `chat_id`; returns how many held messages expired. The caller commits.
    One indexed lookup when the chat was never blocked, which is nearly always."""
    if not uow.outbox.is_blocked(chat_id):
        return 0
    return uow.outbox.unblock_chat(chat_id, EXPIRED)
