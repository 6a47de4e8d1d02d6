"""The guide's decisions about customers (snooze, not interested) and the card's contact summary."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from db.tables import CustomerRow
from db.tables_guide import GuideActionRow
from db.tables_ops import OutreachRow


class SqlGuideActionRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, *, customer_id: int, guide_id: int, kind: str, until: datetime, created_at: datetime) -> None:
        self._s.execute(insert(GuideActionRow).values(customer_id=customer_id, guide_id=guide_id, kind=kind,
                                                      until=until, created_at=created_at))

    def lift(self, customer_id: int, now: datetime) -> int:
        """End every decision that hides the customer now (kept as history, ending now)."""
        query = (update(GuideActionRow).where(GuideActionRow.customer_id == customer_id, GuideActionRow.until > now)
                 .values(until=now))
        return self._s.execute(query).rowcount or 0

    def hidden(self, owner_id: int, now: datetime) -> set[int]:
        """The owner's customers put aside (by the owner or their manager) until a future moment."""
        owned = select(CustomerRow.id).where(CustomerRow.owner_id == owner_id)
        query = (select(GuideActionRow.customer_id).distinct()
                 .where(GuideActionRow.customer_id.in_(owned), GuideActionRow.until > now))
        return set(self._s.scalars(query))

    def latest(self, customer_id: int, now: datetime) -> tuple[str, datetime] | None:
        """(kind, until) of the decision that hides the customer now, if any."""
        row = self._s.execute(
            select(GuideActionRow.kind, GuideActionRow.until)
            .where(GuideActionRow.customer_id == customer_id, GuideActionRow.until > now)
            .order_by(GuideActionRow.until.desc()).limit(1)
        ).first()
        return tuple(row) if row else None

    def last_contact(self, customer_id: int) -> tuple[datetime, str, str, datetime | None] | None:
        """(sent_at, source, channel, replied_at) of the customer's latest outreach."""
        row = self._s.execute(
            select(OutreachRow.sent_at, OutreachRow.source, OutreachRow.channel, OutreachRow.replied_at)
            .where(OutreachRow.customer_id == customer_id).order_by(OutreachRow.sent_at.desc()).limit(1)
        ).first()
        return tuple(row) if row else None
