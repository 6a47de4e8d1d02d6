"""Reads for contact scoring, each one query returning plain columns (no ORM objects), and the
score snapshot the nightly job writes and the bot reads.

Every read narrows to one guide's customers with `owner_id`, and/or to a few customers with `ids`
(/today reads the guide's top rows by the nightly rank, then the live state of those rows only)."""
from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import and_, delete, func, insert, select
from sqlalchemy.orm import Session

from db.tables import CustomerRow, OrderLineRow, OrderRow, ProductRow
from db.tables_ops import InteractionRow, OutreachRow, ScoreSnapshotRow


class SqlScoringRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def paid_orders(self, owner_id: int | None = None) -> list[tuple[int, datetime, object]]:
        # Subtract in Python: SQL arithmetic on Money columns would return raw cents.
        query = select(OrderRow.customer_id, OrderRow.ordered_at, OrderRow.total, OrderRow.refunded)
        query = self._owned(query.where(OrderRow.status == "paid"), OrderRow.customer_id, owner_id)
        rows = self._s.execute(query.order_by(OrderRow.customer_id, OrderRow.ordered_at))
        return [(customer_id, at, total - refunded) for customer_id, at, total, refunded in rows]

    def profiles(self, owner_id: int | None = None, *, ids: Collection[int] | None = None) -> list[tuple]:
        """(id, owner_id, store_id, language, birthday, tags, consent, name) per customer, by id."""
        query = select(CustomerRow.id, CustomerRow.owner_id, CustomerRow.store_id, CustomerRow.language,
                       CustomerRow.birthday, CustomerRow.tags, CustomerRow.consent, CustomerRow.name)
        if owner_id is not None:
            query = query.where(CustomerRow.owner_id == owner_id)
        if ids is not None:
            query = query.where(CustomerRow.id.in_(list(ids)))
        return [tuple(r) for r in self._s.execute(query.order_by(CustomerRow.id))]

    def categories_bought(self, owner_id: int | None = None, *,
                          ids: Collection[int] | None = None) -> list[tuple[int, str]]:
        query = (select(OrderRow.customer_id, ProductRow.category).distinct()
                 .join(OrderLineRow, OrderLineRow.order_id == OrderRow.id)
                 .join(ProductRow, ProductRow.id == OrderLineRow.product_id)
                 .where(OrderRow.status == "paid"))
        return [tuple(r) for r in self._s.execute(self._owned(query, OrderRow.customer_id, owner_id, ids))]

    def interactions_since(self, since: datetime, owner_id: int | None = None, *,
                           ids: Collection[int] | None = None) -> list[tuple[int, str, int]]:
        query = (select(InteractionRow.customer_id, InteractionRow.kind, func.count())
                 .where(InteractionRow.created_at >= since)
                 .group_by(InteractionRow.customer_id, InteractionRow.kind))
        return [tuple(r) for r in self._s.execute(self._owned(query, InteractionRow.customer_id, owner_id, ids))]

    def outreach_since(self, since: datetime, owner_id: int | None = None, *,
                       ids: Collection[int] | None = None) -> list[tuple[int, datetime, int, int]]:
        """Per customer: last outreach ever, outreach count since `since`, unanswered since `since`."""
        recent = OutreachRow.sent_at >= since
        query = (select(OutreachRow.customer_id, func.max(OutreachRow.sent_at),
                        func.count().filter(recent),
                        func.count().filter(and_(recent, OutreachRow.replied_at.is_(None))))
                 .group_by(OutreachRow.customer_id))
        return [tuple(r) for r in self._s.execute(self._owned(query, OutreachRow.customer_id, owner_id, ids))]

    def replace_snapshot(self, rows: list[dict]) -> None:
        self._s.execute(delete(ScoreSnapshotRow))
        for start in range(0, len(rows), 5000):
            self._s.execute(insert(ScoreSnapshotRow), rows[start : start + 5000])

    def snapshot(self, owner_id: int | None = None, *,
                 ids: Collection[int] | None = None) -> dict[int, tuple[datetime, float, float, dict]]:
        query = select(ScoreSnapshotRow.customer_id, ScoreSnapshotRow.computed_at, ScoreSnapshotRow.p_purchase,
                       ScoreSnapshotRow.expected_value, ScoreSnapshotRow.features)
        query = self._owned(query, ScoreSnapshotRow.customer_id, owner_id, ids)
        return {r[0]: tuple(r[1:]) for r in self._s.execute(query)}

    def last_orders(self, customer_ids: list[int]) -> dict[int, datetime]:
        """When each of these customers last bought (paid orders), for the day counts a screen shows."""
        if not customer_ids:
            return {}
        query = (select(OrderRow.customer_id, func.max(OrderRow.ordered_at))
                 .where(OrderRow.customer_id.in_(customer_ids), OrderRow.status == "paid")
                 .group_by(OrderRow.customer_id))
        return {cid: _aware(at) for cid, at in self._s.execute(query)}

    def expected_values(self, customer_ids: list[int]) -> dict[int, float]:
        """The nightly expected value of these customers (those never scored are absent)."""
        values: dict[int, float] = {}
        for start in range(0, len(customer_ids), 5000):  # stay under every backend's parameter limit
            chunk = customer_ids[start : start + 5000]
            query = (select(ScoreSnapshotRow.customer_id, ScoreSnapshotRow.expected_value)
                     .where(ScoreSnapshotRow.customer_id.in_(chunk)))
            values.update({cid: float(value) for cid, value in self._s.execute(query)})
        return values

    def ranked(self, owner_id: int, *, limit: int, offset: int = 0, hidden: Collection[int] = (),
               segment_bit: int = 0) -> list[int]:
        """The guide's customers who may be contacted (not opted out, not put aside), in the nightly
        rank order, customers added since the last scoring last; `segment_bit` keeps one segment's
        members only."""
        query = self._ranked(select(CustomerRow.id), owner_id, hidden, segment_bit)
        query = query.order_by(ScoreSnapshotRow.rank.asc().nulls_last(), CustomerRow.id).offset(offset).limit(limit)
        return list(self._s.scalars(query))

    def ranked_count(self, owner_id: int, *, hidden: Collection[int] = (), segment_bit: int = 0) -> int:
        return self._s.scalar(self._ranked(select(func.count()), owner_id, hidden, segment_bit))

    @staticmethod
    def _ranked(query, owner_id: int, hidden: Collection[int], segment_bit: int):
        query = (query.select_from(CustomerRow)
                 .outerjoin(ScoreSnapshotRow, ScoreSnapshotRow.customer_id == CustomerRow.id)
                 .where(CustomerRow.owner_id == owner_id, CustomerRow.consent != "revoked"))
        if hidden:
            query = query.where(CustomerRow.id.not_in(list(hidden)))
        if segment_bit:
            query = query.where(ScoreSnapshotRow.segments.op("&")(segment_bit) != 0)
        return query

    def snapshot_time(self) -> datetime | None:
        return self._s.scalar(select(func.max(ScoreSnapshotRow.computed_at)))

    @staticmethod
    def _owned(query, customer_column, owner_id: int | None, ids: Collection[int] | None = None):
        if ids is not None:
            query = query.where(customer_column.in_(list(ids)))
        if owner_id is None:
            return query
        owned = select(CustomerRow.id).where(CustomerRow.owner_id == owner_id)
        return query.where(customer_column.in_(owned))


def _aware(at: datetime) -> datetime:
    # max() over a UTC column loses the column type on some backends: naive values are UTC.
    return at if at.tzinfo else at.replace(tzinfo=UTC)
