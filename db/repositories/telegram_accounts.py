"""Telegram user id -> customer. Staff are looked up through SqlStaffRepository.get_by_telegram."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import Customer
from db.repositories import mapping
from db.tables import CustomerRow


class SqlTelegramAccountRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def customer(self, telegram_user_id: int) -> Customer | None:
        row = self._s.scalar(select(CustomerRow).where(CustomerRow.telegram_user_id == telegram_user_id))
        return mapping.customer(row) if row else None
