"""Orders arriving by webhook, their refunds, and what attribution needs to read."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.domain import Order, Product
from core.ports import Booked, LedgerEntry, OrderBalance, OrderContext, OrderQuery, Refund, Touch
from db.repositories import mapping
from db.repositories.sales_booking import book_order, refresh_customer
from db.repositories.sales_context import read_order_context
from db.repositories.sales_sql import insert_if_absent
from db.tables import BrandRow, CustomerRow, OrderLineRow, OrderRow, ProductRow
from db.tables_ops import CampaignRow, CareTaskRow, InteractionRow, LedgerEntryRow, OutreachRow, RefundRow

_CHUNK = 1000  # ids per IN list: well under SQLite's bound-parameter limit


class SqlSalesRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def insert_order(self, row: dict) -> int | None:
        return insert_if_absent(self._s, OrderRow.__table__, row, "external_id")

    def orders(self, ids: Sequence[int]) -> list[Order]:
        rows = list(self._s.scalars(select(OrderRow).where(OrderRow.id.in_(ids)).order_by(OrderRow.id)))
        lines: dict[int, list[OrderLineRow]] = defaultdict(list)
        query = select(OrderLineRow).where(OrderLineRow.order_id.in_(ids)).order_by(OrderLineRow.id)
        for line in self._s.scalars(query):
            lines[line.order_id].append(line)
        return [mapping.order(r, lines[r.id]) for r in rows]

    def unsettled_order_ids(self, since: datetime) -> list[int]:
        """Orders from `since` on whose ledger may lag: paid without a sale entry, or refunded
        (by an import) while part of their commission still stands."""
        sale = select(LedgerEntryRow.id).where(LedgerEntryRow.entry_key == "sale:" + OrderRow.external_id)
        query = select(OrderRow.id).where(OrderRow.ordered_at >= since, (
            (OrderRow.status == "paid") & ~sale.exists()
        ) | (
            (OrderRow.status == "refunded") & (OrderRow.refunded < OrderRow.total) & sale.exists()
        )).order_by(OrderRow.id)
        return list(self._s.scalars(query))

    def drifted_order_ids(self, candidates: Sequence[int]) -> list[int]:
        """Those of `candidates` (orders a re-import touched) that are paid and whose total no longer
        matches the amount credited (sale and adjustment entries): their lines changed after they
        were settled. Only the candidates' entries are summed, not the whole ledger."""
        entries = LedgerEntryRow.__table__
        drifted: list[int] = []
        for start in range(0, len(candidates), _CHUNK):
            chunk = list(candidates[start : start + _CHUNK])
            credited = (select(entries.c.order_id, func.sum(entries.c.base_amount).label("base"))
                        .where(entries.c.kind.in_(("sale", "adjust")), entries.c.order_id.in_(chunk))
                        .group_by(entries.c.order_id).subquery())
            query = (select(OrderRow.id).join(credited, credited.c.order_id == OrderRow.id)
                     .where(OrderRow.status == "paid", credited.c.base != OrderRow.total))
            drifted.extend(self._s.scalars(query))
        return sorted(drifted)

    def refresh_customer(self, customer_id: int) -> None:
        refresh_customer(self._s, customer_id)

    def lock_order(self, order_id: int) -> OrderBalance:
        # FOR UPDATE makes concurrent refunds of one order take turns on PostgreSQL; SQLite
        # serialises writers already and the clause is left out there.
        query = (select(OrderRow.total, OrderRow.refunded, OrderRow.status)
                 .where(OrderRow.id == order_id).with_for_update())
        total, refunded, status = self._s.execute(query).one()
        return OrderBalance(total=total, refunded=refunded or Decimal(0), status=status)

    def set_refunded(self, order_id: int, refunded: Decimal, status: str) -> None:
        self._s.execute(update(OrderRow).where(OrderRow.id == order_id)
                        .values(refunded=refunded, status=status))

    def insert_refund(self, refund: Refund) -> bool:
        values = {"external_id": refund.external_id, "order_id": refund.order_id, "amount": refund.amount,
                  "request": refund.request, "source": refund.source, "created_at": refund.created_at}
        return insert_if_absent(self._s, RefundRow.__table__, values, "external_id") is not None

    def refund(self, external_id: str) -> Refund | None:
        row = self._s.scalar(select(RefundRow).where(RefundRow.external_id == external_id))
        return _refund(row) if row else None

    def refunds_for_order(self, order_id: int) -> list[Refund]:
        query = select(RefundRow).where(RefundRow.order_id == order_id).order_by(RefundRow.id)
        return [_refund(r) for r in self._s.scalars(query)]

    def owners(self, customer_ids: Sequence[int]) -> dict[int, int | None]:
        found: dict[int, int | None] = {}
        for start in range(0, len(customer_ids), _CHUNK):
            chunk = list(customer_ids[start : start + _CHUNK])
            query = select(CustomerRow.id, CustomerRow.owner_id).where(CustomerRow.id.in_(chunk))
            found.update(self._s.execute(query).all())
        return found

    def touches_of(self, customer_ids: Sequence[int], since: datetime, until: datetime) -> dict[int, list[Touch]]:
        found: list[tuple] = []  # (customer, at, is a click, row id, touch)
        for start in range(0, len(customer_ids), _CHUNK):
            chunk = list(customer_ids[start : start + _CHUNK])
            sent = (select(OutreachRow.customer_id, OutreachRow.id, OutreachRow.guide_id, OutreachRow.sent_at,
                           CareTaskRow.campaign_id)
                    .outerjoin(CareTaskRow, CareTaskRow.id == OutreachRow.task_id)
                    .where(OutreachRow.customer_id.in_(chunk), OutreachRow.guide_id.is_not(None),
                           OutreachRow.sent_at >= since, OutreachRow.sent_at <= until))
            clicks = (select(InteractionRow.customer_id, InteractionRow.id, InteractionRow.guide_id,
                             InteractionRow.created_at)
                      .where(InteractionRow.customer_id.in_(chunk), InteractionRow.kind == "list_click",
                             InteractionRow.guide_id.is_not(None),
                             InteractionRow.created_at >= since, InteractionRow.created_at <= until))
            found += [(c, at, False, i, Touch("outreach", g, at, k)) for c, i, g, at, k in self._s.execute(sent)]
            found += [(c, at, True, i, Touch("list_click", g, at)) for c, i, g, at in self._s.execute(clicks)]
        touches: dict[int, list[Touch]] = defaultdict(list)
        for customer, *_, touch in sorted(found, key=lambda t: t[:4]):
            touches[customer].append(touch)
        return dict(touches)

    def order_context(self, query: OrderQuery) -> OrderContext:
        return read_order_context(self._s, query)

    def book_order(self, order: Order, sale: LedgerEntry | None, source: str) -> Booked:
        return book_order(self._s, order, sale, source)

    def products(self, skus: Sequence[str]) -> dict[str, Product]:
        rows = self._s.scalars(select(ProductRow).where(ProductRow.sku.in_(list(skus))))
        return {row.sku: mapping.product(row) for row in rows}

    def categories(self, skus: Sequence[str]) -> dict[str, str]:
        query = select(ProductRow.sku, ProductRow.category).where(ProductRow.sku.in_(list(skus)))
        return dict(self._s.execute(query).all())

    def brand_config(self) -> dict:
        # One database serves one brand; no row yet simply means "all defaults".
        config = self._s.scalar(select(BrandRow.config).order_by(BrandRow.id).limit(1))
        return dict(config or {})

    def campaign_names(self, ids: Sequence[int]) -> dict[int, str]:
        if not ids:
            return {}
        query = select(CampaignRow.id, CampaignRow.name).where(CampaignRow.id.in_(list(ids)))
        return dict(self._s.execute(query).all())


def _refund(row: RefundRow) -> Refund:
    return Refund(external_id=row.external_id, order_id=row.order_id, amount=row.amount,
                  request=dict(row.request or {}), created_at=row.created_at, source=row.source)
