"""What a guide decides about a customer from the bot: snooze, not interested.

Kept apart from the outreach log on purpose: a snooze is not a message, so it must never count
towards the customer's fatigue caps. Rows are appended; the latest one per customer wins.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.types import UTCDateTime


class GuideActionRow(Base):
    __tablename__ = "guide_actions"
    __table_args__ = (Index("ix_guide_actions_guide_until", "guide_id", "until"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(16))  # snooze | not_interested
    until: Mapped[datetime] = mapped_column(UTCDateTime)  # hidden from /today until then
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
