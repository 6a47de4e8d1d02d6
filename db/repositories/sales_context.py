"""Everything booking one webhook order reads, in one round trip.

Booking needs a dozen small facts: the customer, store, guide and products the order names, the
brand's attribution settings, the commission rules, the closed months, the customer's latest
touches, and the order itself if it came before (a replay). Asked one by one they cost a round trip
each. Here each is a branch of one UNION ALL over a common row; `what` says which fact a row holds:

    what        t1           t2        t3        t4     t5           i1        i2        i3        n1          n2
    brand       config JSON
    customer    name                                                 id        owner id
    staff       external id  language                                id        (the order's guide, the owner)
    store       external id                                          id
    product     sku          category                                id
    rule        scope        ref       kind                          id                            rate        amount
    closed      month
    outreach    guide ext.   language  campaign                      row id    guide id  campaign
    list_click  guide ext.   language                                row id    guide id
    order                                                            id        customer  store     guide id
    line        sku                                                  quantity  product   line id   unit price
    sale        guide ext.   language  campaign  month  attribution  guide id  campaign  order id  commission  base

and `at` holds the outreach's, click's, order's or sale entry's time.
Money and rates are read as their stored integers (cents, millionths) and converted here with the
column types' own converters. The SQL is written out once per dialect (they differ only in how a
list of skus is passed): a fixed text costs SQLAlchemy nothing to look up, and PostgreSQL's driver
prepares it once per connection. The first branch casts every column, so PostgreSQL knows each
column's type before the NULLs of the other branches (and the subqueries cast their own NULLs,
which PostgreSQL would otherwise take for text).
"""
from __future__ import annotations

import json
from decimal import Decimal
from functools import cache

from sqlalchemy import bindparam, column, text
from sqlalchemy.orm import Session

from core.domain import Customer, Order, OrderLine, Product, Store
from core.ports import CommissionRule, GuideRef, LedgerEntry, OrderContext, OrderQuery, Touch
from db.types import Money, Rate, UTCDateTime

_MONEY, _RATE = Money(), Rate()
_SKUS = {"postgresql": "sku = ANY(CAST(:skus AS varchar[]))", "sqlite": "sku IN (SELECT value FROM json_each(:skus))"}
_CUSTOMER = "(SELECT id FROM customers WHERE external_id = :customer)"
_SQL = f"""
SELECT 'brand' AS what, CAST(config AS varchar) AS t1, CAST(NULL AS varchar) AS t2, CAST(NULL AS varchar) AS t3,
       CAST(NULL AS varchar) AS t4, CAST(NULL AS varchar) AS t5, CAST(NULL AS bigint) AS i1,
       CAST(NULL AS bigint) AS i2, CAST(NULL AS bigint) AS i3, CAST(NULL AS bigint) AS n1,
       CAST(NULL AS bigint) AS n2, CAST(NULL AS timestamp) AS at
  FROM (SELECT config FROM brands ORDER BY id LIMIT 1) AS brand
UNION ALL
SELECT 'customer', name, NULL, NULL, NULL, NULL, id, owner_id, NULL, NULL, NULL, NULL
  FROM customers WHERE external_id = :customer
UNION ALL
SELECT 'staff', external_id, language, NULL, NULL, NULL, id, NULL, NULL, NULL, NULL, NULL
  FROM staff WHERE external_id = :guide OR id = (SELECT owner_id FROM customers WHERE external_id = :customer)
UNION ALL
SELECT 'store', external_id, NULL, NULL, NULL, NULL, id, NULL, NULL, NULL, NULL, NULL
  FROM stores WHERE external_id = :store
UNION ALL
SELECT 'product', sku, category, NULL, NULL, NULL, id, NULL, NULL, NULL, NULL, NULL
  FROM products WHERE {{skus}}
UNION ALL
SELECT 'rule', scope, scope_ref, kind, NULL, NULL, id, NULL, NULL, rate, amount, NULL
  FROM commission_rules WHERE active
UNION ALL
SELECT 'closed', month, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM closed_months WHERE month >= :month
UNION ALL
SELECT * FROM (
  SELECT 'outreach', s.external_id, s.language, c.name, NULL, NULL, o.id, o.guide_id, t.campaign_id,
         CAST(NULL AS bigint), CAST(NULL AS bigint), o.sent_at
    FROM outreach o JOIN staff s ON s.id = o.guide_id
    LEFT JOIN care_tasks t ON t.id = o.task_id LEFT JOIN campaigns c ON c.id = t.campaign_id
   WHERE o.customer_id = {_CUSTOMER} AND o.sent_at <= :at
   ORDER BY o.sent_at DESC, o.id DESC LIMIT 1) AS latest_outreach
UNION ALL
SELECT * FROM (  -- the guide named on the order: their own latest outreach for a campaign
  SELECT 'outreach', s.external_id, s.language, c.name, NULL, NULL, o.id, o.guide_id, t.campaign_id,
         CAST(NULL AS bigint), CAST(NULL AS bigint), o.sent_at
    FROM outreach o JOIN staff s ON s.id = o.guide_id
    JOIN care_tasks t ON t.id = o.task_id JOIN campaigns c ON c.id = t.campaign_id
   WHERE o.customer_id = {_CUSTOMER} AND o.sent_at <= :at AND s.external_id = :guide
   ORDER BY o.sent_at DESC, o.id DESC LIMIT 1) AS own_outreach
UNION ALL
SELECT * FROM (
  SELECT 'list_click', s.external_id, s.language, NULL, NULL, NULL, i.id, i.guide_id, CAST(NULL AS bigint),
         CAST(NULL AS bigint), CAST(NULL AS bigint), i.created_at
    FROM interactions i JOIN staff s ON s.id = i.guide_id
   WHERE i.customer_id = {_CUSTOMER} AND i.kind = 'list_click' AND i.created_at <= :at
   ORDER BY i.created_at DESC, i.id DESC LIMIT 1) AS latest_click
UNION ALL
SELECT 'order', NULL, NULL, NULL, NULL, NULL, id, customer_id, store_id, guide_id, NULL, ordered_at
  FROM orders WHERE external_id = :order
UNION ALL
SELECT 'line', l.sku, NULL, NULL, NULL, NULL, l.quantity, l.product_id, l.id, l.unit_price, NULL, NULL
  FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.external_id = :order
UNION ALL
SELECT 'sale', s.external_id, s.language, c.name, e.month, e.attribution, e.guide_id, e.campaign_id, e.order_id,
       e.commission, e.base_amount, e.created_at
  FROM commission_ledger e JOIN staff s ON s.id = e.guide_id LEFT JOIN campaigns c ON c.id = e.campaign_id
 WHERE e.entry_key = :sale_key
"""


def read_order_context(session: Session, query: OrderQuery) -> OrderContext:
    dialect = session.get_bind().dialect.name
    params = {"order": query.order_id, "customer": query.customer_id, "store": query.store_id,
              "guide": query.guide_id, "at": query.ordered_at, "month": query.event_month,
              "sale_key": query.sale_key,
              "skus": list(query.skus) if dialect == "postgresql" else json.dumps(list(query.skus))}
    rows = session.connection().execute(_statement(dialect), params).all()
    return _Reader(rows, query).context()


@cache
def _statement(dialect: str):
    return (text(_SQL.replace("{skus}", _SKUS[dialect]))
            .bindparams(bindparam("at", type_=UTCDateTime()))
            .columns(column("what"), *(column(f"t{n}") for n in range(1, 6)),
                     *(column(name) for name in ("i1", "i2", "i3", "n1", "n2")), column("at", UTCDateTime())))


class _Reader:
    """Turns the union's rows back into the facts they carry."""

    def __init__(self, rows, query: OrderQuery) -> None:
        self.query = query
        self.rows: dict[str, list] = {}
        for row in rows:
            self.rows.setdefault(row.what, []).append(row)

    def all(self, *what: str) -> list:
        return [row for name in what for row in self.rows.get(name, [])]

    def one(self, what: str):
        return next(iter(self.rows.get(what, [])), None)

    def context(self) -> OrderContext:
        staff = {r.i1: GuideRef(r.i1, r.t1, r.t2) for r in self.all("staff")}
        touched = {r.i2: GuideRef(r.i2, r.t1, r.t2) for r in self.all("outreach", "list_click")}
        credited = {r.i1: GuideRef(r.i1, r.t1, r.t2) for r in self.all("sale")}
        campaigns = {r.i3: r.t3 for r in self.all("outreach") if r.t3}
        campaigns.update({r.i2: r.t3 for r in self.all("sale") if r.t3})
        return OrderContext(
            brand_config=self._brand_config(), customer=self._customer(), store=self._store(),
            guide=next((g for g in staff.values() if g.external_id == self.query.guide_id), None),
            products={r.t1: Product(r.t1, "", r.t2, Decimal(0), id=r.i1) for r in self.all("product")},
            rules=[CommissionRule(r.t1, r.t2 or "", r.t3, _RATE.process_result_value(r.n1, None),
                                  _MONEY.process_result_value(r.n2, None))
                   for r in sorted(self.all("rule"), key=lambda r: r.i1)],
            closed_months={r.t1 for r in self.all("closed")}, touches=self._touches(),
            guides={**touched, **staff, **credited}, campaign_names=campaigns,
            existing=self._order(), existing_sale=self._sale(),
        )

    def _brand_config(self) -> dict:
        brand = self.one("brand")
        return dict(json.loads(brand.t1) or {}) if brand and brand.t1 else {}

    def _customer(self) -> Customer | None:
        r = self.one("customer")
        return Customer(self.query.customer_id, r.t1, owner_id=r.i2, id=r.i1) if r else None

    def _store(self) -> Store | None:
        r = self.one("store")
        return Store(r.t1, "", id=r.i1) if r else None

    def _touches(self) -> list[Touch]:
        """Latest last; a click counts after an outreach of the same moment, then the later row."""
        rows = sorted({(r.what, r.i1): r for r in self.all("outreach", "list_click")}.values(),
                      key=lambda r: (r.at, r.what == "list_click", r.i1))
        return [Touch(r.what, r.i2, r.at, r.i3) for r in rows]

    def _order(self) -> Order | None:
        r = self.one("order")
        if r is None:
            return None
        lines = tuple(OrderLine(line.t1, line.i1, _MONEY.process_result_value(line.n1, None), line.i2)
                      for line in sorted(self.all("line"), key=lambda line: line.i3))
        return Order(self.query.order_id, r.i2, r.at, lines, store_id=r.i3, guide_id=r.n1, id=r.i1)

    def _sale(self) -> LedgerEntry | None:
        r = self.one("sale")
        if r is None:
            return None
        return LedgerEntry(entry_key=self.query.sale_key, order_id=r.i3, guide_id=r.i1, kind="sale",
                           base_amount=_MONEY.process_result_value(r.n2, None),
                           commission=_MONEY.process_result_value(r.n1, None), month=r.t4, created_at=r.at,
                           campaign_id=r.i2, attribution=r.t5)
