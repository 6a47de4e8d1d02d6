"""Idempotent bulk upserts by natural key, portable across SQLite and PostgreSQL.

Each batch reads the existing rows for its keys, then inserts the new ones and updates only the
changed ones, so a re-import changes nothing and the caller gets exact inserted/updated counts.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table, any_, bindparam, delete, exists, func, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from core.ports import UpsertResult
from db.tables_ops import CommissionRuleRow
from db.copy import copy_rows
from db.tables import (
    ContentRow, CustomerRow, OrderLineRow, OrderRow, ProductRow, StaffRow, StoreRow,
)

# kind -> (table, natural key columns)
SPECS: dict[str, tuple[Table, tuple[str, ...]]] = {
    "stores": (StoreRow.__table__, ("external_id",)),
    "staff": (StaffRow.__table__, ("external_id",)),
    "customers": (CustomerRow.__table__, ("external_id",)),
    "products": (ProductRow.__table__, ("sku",)),
    "content": (ContentRow.__table__, ("external_id",)),
    "orders": (OrderRow.__table__, ("external_id",)),
    "order_lines": (OrderLineRow.__table__, ("order_id", "sku")),
    "commission_rules": (CommissionRuleRow.__table__, ("scope", "scope_ref", "kind")),
}
_CHUNK = 1000  # keeps IN lists well under every backend's bound-parameter limit


class SqlBulkWriter:
    def __init__(self, session: Session) -> None:
        self._s = session

    def upsert(self, kind: str, rows: Sequence[dict], *, absent: list[dict] | None = None) -> UpsertResult:
        """`absent`, when given, collects the stored rows that share a leading key with a chunk of
        `rows` but are not in it (an order's lines missing from the file): free, as they are read
        anyway. Rows of the same leading key in another chunk show up too; the caller sorts that out."""
        table, keys = SPECS[kind]
        inserted = updated = unchanged = 0
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            existing = self._existing(table, keys, chunk, absent)
            new, changed = [], []
            for row in chunk:
                old = existing.get(tuple(row[k] for k in keys))
                if old is None:
                    new.append(row)
                elif any(old[col] != value for col, value in row.items()):
                    changed.append({**{f"v_{c}": v for c, v in row.items()}, "v__id": old["id"]})
            if new:
                self._insert(table, new)
            if changed:
                self._update(table, chunk[0].keys(), changed)
            inserted, updated = inserted + len(new), updated + len(changed)
            unchanged += len(chunk) - len(new) - len(changed)
        return UpsertResult(inserted, updated, unchanged)

    def insert(self, kind: str, rows: Sequence[dict]) -> UpsertResult:
        """Plain insert, for rows the caller knows are new (lines of an order created just now)."""
        table, _ = SPECS[kind]
        self._insert(table, rows)
        return UpsertResult(inserted=len(rows))

    def ids(self, kind: str, keys: Sequence[object]) -> dict[object, int]:
        """Natural key -> id for the given keys (single-column kinds only)."""
        table, (key,) = SPECS[kind]
        found: dict[object, int] = {}
        for start in range(0, len(keys), _CHUNK):
            query = select(table.c[key], table.c.id).where(self._in(table.c[key], keys[start : start + _CHUNK]))
            found.update(iter(self._s.execute(query).all()))
        return found

    def delete(self, kind: str, ids: Sequence[int]) -> int:
        """Delete rows by id, one statement per chunk."""
        table, _ = SPECS[kind]
        for start in range(0, len(ids), _CHUNK):
            self._s.execute(delete(table).where(self._in(table.c.id, ids[start : start + _CHUNK])))
        return len(ids)

    def refresh_derived(self, order_ids: Sequence[int] | None = None) -> None:
        """Recompute order totals and customers' first/last paid order from the lines. Totals of
        `order_ids` only when given (the orders an import wrote); every customer, as a re-import may
        have moved an order from one to another. Each is one aggregate joined in an UPDATE ... FROM,
        and rows already right are not written again: a no-op re-import rewrites nothing."""
        orders, lines, customers = OrderRow.__table__, OrderLineRow.__table__, CustomerRow.__table__
        if order_ids is None:
            self._set_totals(None)
            self._s.execute(update(orders).where(orders.c.total != 0, ~exists().where(lines.c.order_id == orders.c.id))
                            .values(total=0))
        size = 50 * _CHUNK if self._postgres() else _CHUNK  # PostgreSQL takes the ids as one array
        for start in range(0, len(order_ids or ()), size):
            self._set_totals(order_ids[start : start + size])
        paid = orders.c.status == "paid"
        dates = (select(orders.c.customer_id, func.min(orders.c.ordered_at).filter(paid).label("first"),
                        func.max(orders.c.ordered_at).filter(paid).label("last"))
                 .group_by(orders.c.customer_id).subquery())
        self._s.execute(update(customers).where(
            customers.c.id == dates.c.customer_id,
            customers.c.first_order_at.is_distinct_from(dates.c.first)
            | customers.c.last_order_at.is_distinct_from(dates.c.last),
        ).values(first_order_at=dates.c.first, last_order_at=dates.c.last))
        self._s.execute(update(customers).where(
            customers.c.first_order_at.is_not(None) | customers.c.last_order_at.is_not(None),
            ~exists().where(orders.c.customer_id == customers.c.id),
        ).values(first_order_at=None, last_order_at=None))

    def _set_totals(self, order_ids: Sequence[int] | None) -> None:
        orders, lines = OrderRow.__table__, OrderLineRow.__table__
        sums = select(lines.c.order_id, func.sum(lines.c.amount).label("total"))
        if order_ids is not None:
            sums = sums.where(self._in(lines.c.order_id, order_ids))
        sums = sums.group_by(lines.c.order_id).subquery()
        self._s.execute(update(orders).where(orders.c.id == sums.c.order_id,
                                             orders.c.total.is_distinct_from(sums.c.total))
                        .values(total=sums.c.total))

    def _postgres(self) -> bool:
        return self._s.get_bind().dialect.name == "postgresql"

    def _existing(self, table: Table, keys: tuple[str, ...], chunk: Sequence[dict],
                  absent: list[dict] | None = None) -> dict[tuple, dict]:
        wanted = {tuple(row[k] for k in keys) for row in chunk}
        # Filter on the leading key column only: a row-value IN over two columns is not index-driven
        # on SQLite, while (order_id) alone is, and the few extra rows are dropped below.
        leading = self._in(table.c[keys[0]], list({w[0] for w in wanted}))
        result = self._s.execute(select(table).where(leading)).mappings()
        found = [(tuple(r[k] for k in keys), dict(r)) for r in result]
        if absent is not None:
            absent.extend(row for key, row in found if key not in wanted)
        return {key: row for key, row in found if key in wanted}

    def _in(self, column, values: Sequence[object]):
        # On PostgreSQL one array parameter beats a thousand placeholders that psycopg must parse.
        if self._s.get_bind().dialect.name == "postgresql":
            return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
        return column.in_(values)

    def _insert(self, table: Table, rows: Sequence[dict]) -> None:
        if not rows:
            return
        if self._s.get_bind().dialect.name == "postgresql":
            copy_rows(self._s, table, rows)
        else:
            self._s.execute(insert(table), list(rows))

    def _update(self, table: Table, columns, changed: list[dict]) -> None:
        statement = (
            update(table)
            .where(table.c.id == bindparam("v__id"))
            .values({c: bindparam(f"v_{c}") for c in columns})
        )
        self._s.execute(statement, changed)
