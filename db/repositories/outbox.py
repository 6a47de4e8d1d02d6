"""The outbox: messages waiting to be sent, claimed with a fenced lease so a dead sender's rows come back.

'sending' rows are leased: next_attempt_at holds the lease's end, after which they are claimable
again, and `lease` holds the claim's fencing token. Every later change by the sender (renew, give
back, fail) names its token and changes nothing once another claim has taken the row.
'blocked' rows wait for a chat that blocked the bot; when the user comes back they become 'expired'.
Terminal: 'sent', 'failed', 'expired'.
"""
from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.ports import OutboxItem
from db.repositories.sales_sql import insert_if_absent, is_postgres
from db.tables_ops import OutboxRow

CLAIMABLE = ("pending", "sending")


class SqlOutboxRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def enqueue(self, *, dedupe_key: str, chat_id: int, payload: dict, now: datetime) -> bool:
        values = dict(dedupe_key=dedupe_key, chat_id=chat_id, payload=payload, next_attempt_at=now,
                      status="blocked" if self.is_blocked(chat_id) else "pending", attempts=0, error="")
        return insert_if_absent(self._s, OutboxRow.__table__, values, "dedupe_key") is not None

    def claim(self, now: datetime, *, limit: int, lease_seconds: float,
              lease: str | None = None) -> list[OutboxItem]:
        """Lease up to `limit` due rows under a new fencing token. The UPDATE re-checks that each row is
        still due, so two senders never both take one: on PostgreSQL the other's rows are skipped
        while locked, on SQLite the second writer finds them leased already."""
        lease = lease or uuid.uuid4().hex
        due = (select(OutboxRow.id).where(OutboxRow.status.in_(CLAIMABLE), OutboxRow.next_attempt_at <= now)
               .order_by(OutboxRow.next_attempt_at, OutboxRow.id).limit(limit))
        if is_postgres(self._s):
            due = due.with_for_update(skip_locked=True)
        # Two statements, not UPDATE ... WHERE id IN (SELECT ... LIMIT n SKIP LOCKED): PostgreSQL may
        # run such a subquery more than once and take more than `limit` rows.
        ids = list(self._s.scalars(due))
        if not ids:
            return []
        claimed = (update(OutboxRow)
                   .where(OutboxRow.id.in_(ids), OutboxRow.status.in_(CLAIMABLE), OutboxRow.next_attempt_at <= now)
                   .values(status="sending", lease=lease, next_attempt_at=now + timedelta(seconds=lease_seconds),
                           attempts=OutboxRow.attempts + 1)
                   .returning(OutboxRow.id, OutboxRow.dedupe_key, OutboxRow.chat_id, OutboxRow.payload,
                              OutboxRow.attempts))
        rows = sorted(self._s.execute(claimed).all())
        return [OutboxItem(*row, lease=lease) for row in rows]

    def renew(self, ids: Collection[int], lease: str, until: datetime) -> set[int]:
        """Extend the lease on those of `ids` this claim still holds; returns them."""
        if not ids:
            return set()
        held = self._s.execute(update(OutboxRow).where(*self._held(lease), OutboxRow.id.in_(list(ids)))
                               .values(next_attempt_at=until).returning(OutboxRow.id))
        return set(held.scalars())

    def mark_sent(self, item_id: int, lease: str, now: datetime) -> bool:
        """Record a delivery. Telegram took the message, so this is recorded even if the lease lapsed,
        as long as nobody recorded an outcome yet: a second sender that took the row over then finds
        it sent when it renews, instead of sending it again. False: it was recorded as sent already
        (both senders delivered it) or the chat was blocked meanwhile."""
        result = self._s.execute(update(OutboxRow).where(OutboxRow.id == item_id, OutboxRow.status.in_(CLAIMABLE))
                                 .values(status="sent", sent_at=now, lease=None))
        return bool(result.rowcount)

    def retry_at(self, item_id: int, lease: str, at: datetime, error: str, *, count_attempt: bool = True) -> bool:
        values = dict(status="pending", next_attempt_at=at, error=error[:500], lease=None)
        if not count_attempt:  # held back by our own rate limit: not a failed attempt
            values["attempts"] = OutboxRow.attempts - 1
        return self._change(item_id, lease, values)

    def fail(self, item_id: int, lease: str, error: str) -> bool:
        return self._change(item_id, lease, dict(status="failed", error=error[:500], lease=None))

    def _change(self, item_id: int, lease: str, values: dict) -> bool:
        result = self._s.execute(update(OutboxRow).where(*self._held(lease), OutboxRow.id == item_id).values(**values))
        return bool(result.rowcount)

    @staticmethod
    def _held(lease: str) -> tuple:
        return OutboxRow.status == "sending", OutboxRow.lease == lease

    def block_chat(self, chat_id: int, error: str) -> int:
        result = self._s.execute(update(OutboxRow).where(
            OutboxRow.chat_id == chat_id, OutboxRow.status.in_(CLAIMABLE))
            .values(status="blocked", error=error[:500], lease=None))
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
