"""Customers in the conversation: guide links, binding, consent history, messages, engagement."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.domain import Customer
from core.ports import ConversationMessage, NewCustomer
from db.repositories import mapping
from db.tables import CustomerRow, OrderRow
from db.tables_customers import GuideLinkRow
from db.tables_ops import (
    CareTaskRow, ConsentEventRow, ConversationMessageRow, InteractionRow, OutreachRow, ProductListRow,
)

# Rows that belong to a customer and follow them when a record made at binding is merged away.
_OWNED_BY_CUSTOMER = (ConversationMessageRow, ConsentEventRow, InteractionRow, ProductListRow, OutreachRow,
                      CareTaskRow, OrderRow)


class SqlGuideLinkRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def code_for(self, staff_id: int) -> str | None:
        return self._s.scalar(select(GuideLinkRow.code).where(GuideLinkRow.staff_id == staff_id))

    def add(self, staff_id: int, code: str, created_at: datetime) -> bool:
        try:
            with self._s.begin_nested():  # a lost race must not spoil the caller's transaction
                self._s.execute(insert(GuideLinkRow).values(staff_id=staff_id, code=code, created_at=created_at))
        except IntegrityError:
            return False
        return True

    def staff_for(self, code: str) -> int | None:
        return self._s.scalar(select(GuideLinkRow.staff_id).where(GuideLinkRow.code == code))


class SqlConversationRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def create_customer(self, new: NewCustomer) -> int:
        values = dict(external_id=new.external_id, name=new.name, owner_id=new.owner_id, store_id=new.store_id,
                      language=new.language, telegram_user_id=new.telegram_user_id, joined_at=new.joined_at,
                      phone="", gender="", tags=[], consent="unknown")
        return self._s.execute(insert(CustomerRow).values(**values).returning(CustomerRow.id)).scalar_one()

    def bind(self, customer_id: int, *, owner_id: int, telegram_user_id: int, store_id: int | None) -> None:
        self._s.execute(update(CustomerRow).where(CustomerRow.telegram_user_id == telegram_user_id,
                                                  CustomerRow.id != customer_id).values(telegram_user_id=None))
        values = dict(owner_id=owner_id, telegram_user_id=telegram_user_id)
        if store_id is not None:
            values["store_id"] = store_id
        self._s.execute(update(CustomerRow).where(CustomerRow.id == customer_id).values(**values))

    def find_by_phone(self, phone: str) -> list[Customer]:
        rows = self._s.scalars(select(CustomerRow).where(CustomerRow.phone == phone).order_by(CustomerRow.id))
        return [mapping.customer(r) for r in rows]

    def set_phone(self, customer_id: int, phone: str) -> None:
        self._s.execute(update(CustomerRow).where(CustomerRow.id == customer_id).values(phone=phone))

    def merge(self, source_id: int, target_id: int) -> None:
        for table in _OWNED_BY_CUSTOMER:
            self._s.execute(update(table).where(table.customer_id == source_id).values(customer_id=target_id))
        self._s.execute(delete(CustomerRow).where(CustomerRow.id == source_id))

    def set_consent(self, customer_id: int, state: str, source: str, at: datetime) -> None:
        self._s.execute(update(CustomerRow).where(CustomerRow.id == customer_id).values(consent=state))
        self._s.execute(insert(ConsentEventRow).values(customer_id=customer_id, state=state, source=source,
                                                       created_at=at))

    def consent_events(self, customer_id: int) -> list[tuple[str, str, datetime]]:
        query = (select(ConsentEventRow.state, ConsentEventRow.source, ConsentEventRow.created_at)
                 .where(ConsentEventRow.customer_id == customer_id).order_by(ConsentEventRow.id))
        return [tuple(r) for r in self._s.execute(query)]

    def close_open_tasks(self, customer_id: int, outcome: str, at: datetime) -> int:
        result = self._s.execute(update(CareTaskRow)
                                 .where(CareTaskRow.customer_id == customer_id, CareTaskRow.status == "open")
                                 .values(status="closed", outcome=outcome, completed_at=at))
        return result.rowcount or 0

    def add_message(self, message: ConversationMessage) -> int:
        values = dict(customer_id=message.customer_id, guide_id=message.guide_id, direction=message.direction,
                      text=message.text, telegram_message_id=message.telegram_message_id,
                      created_at=message.created_at)
        return self._s.execute(insert(ConversationMessageRow).values(**values)
                               .returning(ConversationMessageRow.id)).scalar_one()

    def messages(self, customer_id: int, limit: int = 20) -> list[ConversationMessage]:
        m = ConversationMessageRow
        rows = self._s.scalars(select(m).where(m.customer_id == customer_id)
                               .order_by(m.created_at.desc(), m.id.desc()).limit(limit)).all()
        return [ConversationMessage(r.customer_id, r.guide_id, r.direction, r.text, r.created_at,
                                    r.telegram_message_id) for r in reversed(rows)]

    def add_interaction(self, customer_id: int, guide_id: int | None, kind: str, ref: str, at: datetime) -> None:
        self._s.execute(insert(InteractionRow).values(customer_id=customer_id, guide_id=guide_id, kind=kind,
                                                      ref=ref[:128], created_at=at))

    def mark_latest_outreach_replied(self, customer_id: int, at: datetime) -> bool:
        latest = self._s.scalar(select(OutreachRow.id).where(OutreachRow.customer_id == customer_id,
                                                             OutreachRow.sent_at <= at)
                                .order_by(OutreachRow.sent_at.desc(), OutreachRow.id.desc()).limit(1))
        if latest is None:
            return False
        result = self._s.execute(update(OutreachRow).where(OutreachRow.id == latest,
                                                           OutreachRow.replied_at.is_(None))
                                 .values(replied_at=at))
        return bool(result.rowcount)
