"""Products and content."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain import ContentDoc, Product
from db.repositories import mapping
from db.tables import ContentRow, ProductRow


class SqlProductRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get_by_sku(self, sku: str) -> Product | None:
        row = self._s.scalar(select(ProductRow).where(ProductRow.sku == sku))
        return mapping.product(row) if row else None

    def ids_by_sku(self) -> dict[str, int]:
        return dict(self._s.execute(select(ProductRow.sku, ProductRow.id)).all())

    def list(self, *, active_only: bool = False) -> list[Product]:
        query = select(ProductRow).order_by(ProductRow.id)
        if active_only:
            query = query.where(ProductRow.active.is_(True))
        return [mapping.product(r) for r in self._s.scalars(query)]


class SqlContentRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def list(self) -> list[ContentDoc]:
        return [mapping.content(r) for r in self._s.scalars(select(ContentRow).order_by(ContentRow.id))]
