"""Personal product-list pages: one row per token, items as (sku, reason); prices are read live."""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core.ports import ProductListRecord
from db.tables_ops import ProductListRow


class SqlProductListRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, record: ProductListRecord) -> None:
        items = [{"sku": sku, "reason": reason} for sku, reason in record.items]
        self._s.execute(insert(ProductListRow).values(token=record.token, customer_id=record.customer_id,
                                                      guide_id=record.guide_id, items=items,
                                                      created_at=record.created_at, expires_at=record.expires_at))

    def get(self, token: str) -> ProductListRecord | None:
        row = self._s.get(ProductListRow, token)
        return _record(row) if row else None

    def latest_for(self, customer_id: int) -> ProductListRecord | None:
        row = self._s.scalar(select(ProductListRow).where(ProductListRow.customer_id == customer_id)
                             .order_by(ProductListRow.created_at.desc()).limit(1))
        return _record(row) if row else None


def _record(row: ProductListRow) -> ProductListRecord:
    items = tuple((str(i.get("sku", "")), str(i.get("reason", ""))) for i in row.items or ())
    return ProductListRecord(row.token, row.customer_id, row.guide_id, items, row.created_at, row.expires_at)
