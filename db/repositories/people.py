"""Stores, staff and customers."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.domain import Customer, Staff, Store
from db.repositories import mapping
from db.tables import CustomerRow, StaffRow, StoreRow


class SqlStoreRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get_by_external(self, external_id: str) -> Store | None:
        row = self._s.scalar(select(StoreRow).where(StoreRow.external_id == external_id))
        return mapping.store(row) if row else None

    def ids_by_external(self) -> dict[str, int]:
        return dict(self._s.execute(select(StoreRow.external_id, StoreRow.id)).all())

    def list(self) -> list[Store]:
        return [mapping.store(r) for r in self._s.scalars(select(StoreRow).order_by(StoreRow.id))]


class SqlStaffRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, staff_id: int) -> Staff | None:
        row = self._s.get(StaffRow, staff_id)
        return mapping.staff(row) if row else None

    def get_by_external(self, external_id: str) -> Staff | None:
        row = self._s.scalar(select(StaffRow).where(StaffRow.external_id == external_id))
        return mapping.staff(row) if row else None

    def get_by_telegram(self, telegram_user_id: int) -> Staff | None:
        row = self._s.scalar(select(StaffRow).where(StaffRow.telegram_user_id == telegram_user_id))
        return mapping.staff(row) if row else None

    def ids_by_external(self) -> dict[str, int]:
        return dict(self._s.execute(select(StaffRow.external_id, StaffRow.id)).all())

    def list(self, *, store_id: int | None = None) -> list[Staff]:
        query = select(StaffRow).order_by(StaffRow.id)
        if store_id is not None:
            query = query.where(StaffRow.store_id == store_id)
        return [mapping.staff(r) for r in self._s.scalars(query)]


class SqlCustomerRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, customer_id: int) -> Customer | None:
        row = self._s.get(CustomerRow, customer_id)
        return mapping.customer(row) if row else None

    def get_by_external(self, external_id: str) -> Customer | None:
        row = self._s.scalar(select(CustomerRow).where(CustomerRow.external_id == external_id))
        return mapping.customer(row) if row else None

    def ids_by_external(self) -> dict[str, int]:
        return dict(self._s.execute(select(CustomerRow.external_id, CustomerRow.id)).all())

    def list_for_owner(self, owner_id: int) -> list[Customer]:
        query = select(CustomerRow).where(CustomerRow.owner_id == owner_id).order_by(CustomerRow.id)
        return [mapping.customer(r) for r in self._s.scalars(query)]

    def count(self) -> int:
        return self._s.scalar(select(func.count()).select_from(CustomerRow)) or 0
