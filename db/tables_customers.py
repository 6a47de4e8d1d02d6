"""Customers in the conversation: each guide's personal customer link.

The code is random and stored (not derived from the staff id), so it cannot be guessed from
another guide's link and stays the same for as long as the guide keeps it.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.types import UTCDateTime


class GuideLinkRow(Base):
    __tablename__ = "guide_links"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
