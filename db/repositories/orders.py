"""Orders with their lines."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.domain import Order
from db.repositories import mapping
from db.tables import OrderLineRow, OrderRow


class SqlOrderRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get_by_external(self, external_id: str) -> Order | None:
        row = self._s.scalar(select(OrderRow).where(OrderRow.external_id == external_id))
        return self._with_lines([row])[0] if row else None

    def list_for_customer(self, customer_id: int) -> list[Order]:
        query = select(OrderRow).where(OrderRow.customer_id == customer_id).order_by(OrderRow.ordered_at)
        return self._with_lines(list(self._s.scalars(query)))

    def count(self) -> int:
        return self._s.scalar(select(func.count()).select_from(OrderRow)) or 0

    def _with_lines(self, rows: list[OrderRow]) -> list[Order]:
        lines: dict[int, list[OrderLineRow]] = defaultdict(list)
        ids = [r.id for r in rows]
        if ids:
            query = select(OrderLineRow).where(OrderLineRow.order_id.in_(ids)).order_by(OrderLineRow.id)
            for line in self._s.scalars(query):
                lines[line.order_id].append(line)
        return [mapping.order(r, lines[r.id]) for r in rows]
