"""Today's list for a guide: their ranked contacts, minus the customers they put aside."""
from __future__ import annotations

from datetime import datetime

from copilot.contacts import ContactsService, TodayPage
from copilot.guide.actions import hidden_customers
from core.domain import Staff
from core.ports import UnitOfWork


def today(contacts: ContactsService, uow: UnitOfWork, staff: Staff, now: datetime, *,
          segment: str | None = None, page: int = 0, per_page: int = 10) -> TodayPage:
    hidden = hidden_customers(uow, staff, now)
    return contacts.today(uow, staff, now, segment=segment, page=page, per_page=per_page, hidden=hidden)
