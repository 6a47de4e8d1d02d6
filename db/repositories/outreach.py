"""Outreach log: every message to a customer, whoever caused it; the fatigue caps count these."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.tables_ops import OutreachRow


class SqlOutreachRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, *, customer_id: int, guide_id: int | None, source: str, channel: str, text: str,
            products: list[str], sent_at: datetime, task_id: int | None = None) -> int:
        values = dict(customer_id=customer_id, guide_id=guide_id, source=source, channel=channel, text=text,
                      products=products, sent_at=sent_at, task_id=task_id)
        return self._s.execute(insert(OutreachRow).values(**values).returning(OutreachRow.id)).scalar_one()

    def last_for(self, customer_id: int) -> tuple[datetime, str, str] | None:
        """(sent_at, source, channel) of the customer's latest outreach."""
        row = self._s.execute(
            select(OutreachRow.sent_at, OutreachRow.source, OutreachRow.channel)
            .where(OutreachRow.customer_id == customer_id).order_by(OutreachRow.sent_at.desc()).limit(1)
        ).first()
        return tuple(row) if row else None

    def contacted_since(self, guide_id: int, since: datetime) -> int:
        """How many customers the guide (or their tasks) reached since `since`: the day's count."""
        query = (select(func.count(OutreachRow.customer_id.distinct()))
                 .where(OutreachRow.guide_id == guide_id, OutreachRow.sent_at >= since))
        return self._s.scalar(query) or 0
