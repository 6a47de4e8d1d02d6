"""The outbox: messages waiting to be sent, claimed with a lease so a dead sender's rows come back."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.ports import OutboxItem
from db.repositories.sales_sql import insert_if_absent, is_postgres
from db.tables_ops import OutboxRow

# 'sending' rows are leased: next_attempt_at holds the lease's end, after which they are claimable again.
# 'blocked' rows wait for a chat that blocked the bot; when the user comes back they become 'expired'.
# Terminal: 'sent', 'failed', 'expired'.
CLAIMABLE = ("pending", "sending")


class SqlOutboxRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def enqueue(self, *, dedupe_key: str, chat_id: int, payload: dict, now: datetime) -> bool:
        values = dict(dedupe_key=dedupe_key, chat_id=chat_id, payload=payload, next_attempt_at=now,
                      status="blocked" if self.is_blocked(chat_id) else "pending", attempts=0, error="")
        return insert_if_absent(self._s, OutboxRow.__table__, values, "dedupe_key") is not None

    def claim(self, now: datetime, *, limit: int, lease_seconds: float) -> list[OutboxItem]:
        due = (select(OutboxRow.id).where(OutboxRow.status.in_(CLAIMABLE), OutboxRow.next_attempt_at <= now)
               .order_by(OutboxRow.next_attempt_at, OutboxRow.id).limit(limit))
        if is_postgres(self._s):
            due = due.with_for_update(skip_locked=True)  # two senders never claim the same row
        ids = list(self._s.scalars(due))
        if not ids:
            return []
        lease_end = now + timedelta(seconds=lease_seconds)
        self._s.execute(update(OutboxRow).where(OutboxRow.id.in_(ids)).values(
            status="sending", next_attempt_at=lease_end, attempts=OutboxRow.attempts + 1))
        rows = self._s.execute(select(OutboxRow.id, OutboxRow.dedupe_key, OutboxRow.chat_id, OutboxRow.payload,
                                      OutboxRow.attempts).where(OutboxRow.id.in_(ids)).order_by(OutboxRow.id))
        return [OutboxItem(*row) for row in rows]

    def mark_sent(self, item_id: int, now: datetime) -> None:
        self._s.execute(update(OutboxRow).where(OutboxRow.id == item_id).values(status="sent", sent_at=now))

    def retry_at(self, item_id: int, at: datetime, error: str, *, count_attempt: bool = True) -> None:
        values = dict(status="pending", next_attempt_at=at, error=error[:500])
        if not count_attempt:  # held back by our own rate limit: not a failed attempt
            values["attempts"] = OutboxRow.attempts - 1
        self._s.execute(update(OutboxRow).where(OutboxRow.id == item_id).values(**values))

    def fail(self, item_id: int, error: str) -> None:
        self._s.execute(update(OutboxRow).where(OutboxRow.id == item_id).values(status="failed", error=error[:500]))

    def block_chat(self, chat_id: int, error: str) -> int:
        result = self._s.execute(update(OutboxRow).where(
            OutboxRow.chat_id == chat_id, OutboxRow.status.in_(CLAIMABLE)).values(status="blocked", error=error[:500]))
        return result.rowcount or 0

    def is_blocked(self, chat_id: int) -> bool:
        # Asked on every update and enqueue: one lookup in ix_outbox_chat_status, which holds both columns.
        return self._s.scalar(select(OutboxRow.chat_id).where(
            OutboxRow.chat_id == chat_id, OutboxRow.status == "blocked").limit(1)) is not None

    def unblock_chat(self, chat_id: int, error: str) -> int:
        result = self._s.execute(update(OutboxRow).where(
            OutboxRow.chat_id == chat_id, OutboxRow.status == "blocked").values(status="expired", error=error[:500]))
        return result.rowcount or 0

    def counts(self) -> dict[str, int]:
        query = select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
        return dict(self._s.execute(query).all())

    def next_due(self) -> datetime | None:
        return self._s.scalar(select(func.min(OutboxRow.next_attempt_at)).where(OutboxRow.status.in_(CLAIMABLE)))
