"""Who bought what, as plain (customer, sku) pairs: the input of co-purchase statistics."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.tables import OrderLineRow, OrderRow


class SqlBasketRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def pairs(self) -> list[tuple[int, str]]:
        query = (select(OrderRow.customer_id, OrderLineRow.sku).distinct()
                 .join(OrderLineRow, OrderLineRow.order_id == OrderRow.id).where(OrderRow.status == "paid"))
        return [tuple(r) for r in self._s.execute(query)]

    def version(self) -> tuple[int, int]:
        """Changes whenever order lines are added or removed: a cheap staleness check."""
        count, top = self._s.execute(select(func.count(), func.max(OrderLineRow.id))).one()
        return int(count or 0), int(top or 0)
