"""Storing a new webhook order with everything that goes with it, in as few statements as possible.

PostgreSQL: one statement. Data-modifying CTEs insert the order, its lines (unnested from arrays,
so the SQL text is the same for any number of lines and the driver prepares it once), move the
customer's first and last purchase, and insert the sale entry, all keyed on the order id the first
insert returns. SQLite has no data-modifying CTEs: the same steps run as four statements, in
process, inside one transaction. The statements are written once (not built per call), so no time
goes into composing and caching SQL on the hot path.

Either way the sale entry is only written if its month is still open when the write runs
(`NOT EXISTS closed_months`). That check is exact: the insert takes the ledger's ROW EXCLUSIVE lock
before PostgreSQL takes its snapshot, so a month close in progress is waited for and then seen,
and SQLite serialises writers. A month closed after the order was read thus leaves the sale out,
and the caller books it in the next open month.
"""
from __future__ import annotations

from functools import cache

from sqlalchemy import Boolean, bindparam, text
from sqlalchemy.orm import Session

from core.domain import Order
from core.ports import Booked, LedgerEntry
from db.types import Money, UTCDateTime

_ENTRY = ("entry_key", "guide_id", "campaign_id", "kind", "base_amount", "commission", "month", "created_at",
          "attribution")


def book_order(session: Session, order: Order, sale: LedgerEntry | None, source: str) -> Booked:
    if session.get_bind().dialect.name == "postgresql":
        return _book_postgres(session, order, sale, source)
    return _book_sqlite(session, order, sale, source)


def _book_postgres(session: Session, order: Order, sale: LedgerEntry | None, source: str) -> Booked:
    params = {**_header(order, source), **_lines(order), "credited": sale is not None,
              **{f"sale_{name}": getattr(sale, name) if sale else None for name in _ENTRY}}
    order_id, credited = session.connection().execute(_postgres_statement(), params).one()
    return Booked(order_id, bool(credited))


@cache
def _postgres_statement():
    money, at = Money(), UTCDateTime()
    return text("""
        WITH new_order AS (
            INSERT INTO orders (external_id, customer_id, store_id, guide_id, ordered_at, status, total,
                                refunded, source)
            VALUES (:external_id, :customer_id, :store_id, :guide_id, :ordered_at, 'paid', :total, 0, :source)
            ON CONFLICT (external_id) DO NOTHING
            RETURNING id
        ), new_lines AS (
            INSERT INTO order_lines (order_id, sku, product_id, quantity, unit_price, amount)
            SELECT new_order.id, line.sku, line.product_id, line.quantity, line.unit_price, line.amount
            FROM new_order, unnest(CAST(:skus AS varchar[]), CAST(:product_ids AS bigint[]),
                                   CAST(:quantities AS bigint[]), CAST(:unit_prices AS bigint[]),
                                   CAST(:amounts AS bigint[]))
                AS line (sku, product_id, quantity, unit_price, amount)
        ), buyer AS (
            -- The subqueries see the orders as they were before this statement, without the new one.
            UPDATE customers SET
                first_order_at = LEAST(:ordered_at, (SELECT min(ordered_at) FROM orders
                                                     WHERE customer_id = :customer_id AND status = 'paid')),
                last_order_at = GREATEST(:ordered_at, (SELECT max(ordered_at) FROM orders
                                                       WHERE customer_id = :customer_id AND status = 'paid'))
            WHERE id = :customer_id AND EXISTS (SELECT 1 FROM new_order)
        ), sale AS (
            INSERT INTO commission_ledger (entry_key, order_id, guide_id, campaign_id, kind, base_amount,
                                           commission, month, created_at, attribution)
            SELECT :sale_entry_key, new_order.id, :sale_guide_id, :sale_campaign_id, :sale_kind,
                   :sale_base_amount, :sale_commission, CAST(:sale_month AS varchar), :sale_created_at, :sale_attribution
            FROM new_order
            WHERE :credited AND NOT EXISTS (SELECT 1 FROM closed_months WHERE month = CAST(:sale_month AS varchar))
            ON CONFLICT (entry_key) DO NOTHING
            RETURNING id
        )
        SELECT (SELECT id FROM new_order), (SELECT count(*) FROM sale)
    """).bindparams(
        bindparam("ordered_at", type_=at), bindparam("total", type_=money), bindparam("credited", type_=Boolean),
        bindparam("sale_base_amount", type_=money), bindparam("sale_commission", type_=money),
        bindparam("sale_created_at", type_=at),
    )


def _book_sqlite(session: Session, order: Order, sale: LedgerEntry | None, source: str) -> Booked:
    connection = session.connection()
    order_id = connection.execute(_SQLITE_ORDER, _header(order, source)).scalar()
    if order_id is None:
        return Booked(None, False)
    connection.execute(_SQLITE_LINE, [
        {"order_id": order_id, "sku": line.sku, "product_id": line.product_id, "quantity": line.quantity,
         "unit_price": line.unit_price, "amount": line.amount} for line in order.lines])
    refresh_customer(session, order.customer_id)
    if sale is None:
        return Booked(order_id, False)
    entry = {**{f"sale_{name}": getattr(sale, name) for name in _ENTRY}, "order_id": order_id}
    return Booked(order_id, connection.execute(_SQLITE_SALE, entry).scalar() is not None)


def refresh_customer(session: Session, customer_id: int) -> None:
    """First/last paid order, as the importer's refresh_derived computes them for everyone."""
    session.connection().execute(_BUYER, {"customer_id": customer_id})


_BUYER = text("""
    UPDATE customers SET
        first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = :customer_id AND status = 'paid'),
        last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = :customer_id AND status = 'paid')
    WHERE id = :customer_id
""")
_SQLITE_ORDER = text("""
    INSERT INTO orders (external_id, customer_id, store_id, guide_id, ordered_at, status, total, refunded, source)
    VALUES (:external_id, :customer_id, :store_id, :guide_id, :ordered_at, 'paid', :total, 0, :source)
    ON CONFLICT (external_id) DO NOTHING
    RETURNING id
""").bindparams(bindparam("ordered_at", type_=UTCDateTime()), bindparam("total", type_=Money()))
_SQLITE_LINE = text("""
    INSERT INTO order_lines (order_id, sku, product_id, quantity, unit_price, amount)
    VALUES (:order_id, :sku, :product_id, :quantity, :unit_price, :amount)
""").bindparams(bindparam("unit_price", type_=Money()), bindparam("amount", type_=Money()))
_SQLITE_SALE = text("""
    INSERT INTO commission_ledger (entry_key, order_id, guide_id, campaign_id, kind, base_amount, commission,
                                   month, created_at, attribution)
    SELECT :sale_entry_key, :order_id, :sale_guide_id, :sale_campaign_id, :sale_kind, :sale_base_amount,
           :sale_commission, :sale_month, :sale_created_at, :sale_attribution
    WHERE NOT EXISTS (SELECT 1 FROM closed_months WHERE month = :sale_month)
    ON CONFLICT (entry_key) DO NOTHING
    RETURNING id
""").bindparams(bindparam("sale_base_amount", type_=Money()), bindparam("sale_commission", type_=Money()),
                bindparam("sale_created_at", type_=UTCDateTime()))


def _header(order: Order, source: str) -> dict:
    return {"external_id": order.external_id, "customer_id": order.customer_id, "store_id": order.store_id,
            "guide_id": order.guide_id, "ordered_at": order.ordered_at, "total": order.total, "source": source}


def _lines(order: Order) -> dict:
    """The lines as columns of arrays; money in cents, as the Money type stores it."""
    cents = Money().process_bind_param
    lines = order.lines
    return {"skus": [line.sku for line in lines], "product_ids": [line.product_id for line in lines],
            "quantities": [line.quantity for line in lines],
            "unit_prices": [cents(line.unit_price, None) for line in lines],
            "amounts": [cents(line.amount, None) for line in lines]}
