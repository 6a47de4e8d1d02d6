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
column types' own converters. The statement is built once per dialect and reused, so SQLAlchemy and
the PostgreSQL driver can cache and prepare it.
"""
from __future__ import annotations

import json
from decimal import Decimal
from functools import cache

from sqlalchemy import BigInteger, String, bindparam, cast, literal_column, null, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session

from core.domain import Customer, Order, OrderLine, Product, Store
from core.ports import CommissionRule, GuideRef, LedgerEntry, OrderContext, OrderQuery, Touch
from db.repositories.sales_sql import any_of
from db.tables import BrandRow, CustomerRow, OrderLineRow, OrderRow, ProductRow, StaffRow, StoreRow
from db.tables_ops import (
    CampaignRow, CareTaskRow, ClosedMonthRow, CommissionRuleRow, InteractionRow, LedgerEntryRow, OutreachRow,
)
from db.types import Money, Rate, UTCDateTime

_TEXT, _INT = ("t1", "t2", "t3", "t4", "t5"), ("i1", "i2", "i3", "n1", "n2")
_MONEY, _RATE = Money(), Rate()


def read_order_context(session: Session, query: OrderQuery) -> OrderContext:
    params = {"order": query.order_id, "customer": query.customer_id, "store": query.store_id,
              "guide": query.guide_id, "skus": list(query.skus), "at": query.ordered_at,
              "month": query.event_month, "sale_key": query.sale_key}
    rows = session.connection().execute(_statement(session.get_bind().dialect.name), params).all()
    return _Reader(rows, query).context()


@cache
def _statement(dialect: str):
    """The UNION ALL, built once per dialect (bound parameters: order, customer, store, guide,
    skus, at, month, sale_key)."""
    customer_id = select(CustomerRow.id).where(CustomerRow.external_id == bindparam("customer")).scalar_subquery()
    owner_id = select(CustomerRow.owner_id).where(CustomerRow.external_id == bindparam("customer")).scalar_subquery()
    at = bindparam("at", type_=UTCDateTime())
    branches = [
        _row("brand", select(BrandRow.config).order_by(BrandRow.id).limit(1).subquery(),
             t1=lambda q: cast(q.config, String)),
        _row("customer", CustomerRow, where=CustomerRow.external_id == bindparam("customer"),
             t1=CustomerRow.name, i1=CustomerRow.id, i2=CustomerRow.owner_id),
        _row("staff", StaffRow, where=or_(StaffRow.external_id == bindparam("guide"), StaffRow.id == owner_id),
             t1=StaffRow.external_id, t2=StaffRow.language, i1=StaffRow.id),
        _row("store", StoreRow, where=StoreRow.external_id == bindparam("store"), t1=StoreRow.external_id,
             i1=StoreRow.id),
        _row("product", ProductRow, where=any_of(ProductRow.sku, "skus", dialect),
             t1=ProductRow.sku, t2=ProductRow.category, i1=ProductRow.id),
        _row("rule", CommissionRuleRow, where=CommissionRuleRow.active.is_(True), t1=CommissionRuleRow.scope,
             t2=CommissionRuleRow.scope_ref, t3=CommissionRuleRow.kind, i1=CommissionRuleRow.id,
             n1=CommissionRuleRow.rate, n2=CommissionRuleRow.amount),
        _row("closed", ClosedMonthRow, where=ClosedMonthRow.month >= bindparam("month"), t1=ClosedMonthRow.month),
        _outreach(customer_id, at),
        _outreach(customer_id, at, StaffRow.external_id == bindparam("guide"), CareTaskRow.campaign_id.is_not(None)),
        _click(customer_id, at),
        _row("order", OrderRow, where=OrderRow.external_id == bindparam("order"), i1=OrderRow.id,
             i2=OrderRow.customer_id, i3=OrderRow.store_id, n1=OrderRow.guide_id, at=OrderRow.ordered_at),
        _row("line", select(OrderLineRow).join(OrderRow, OrderRow.id == OrderLineRow.order_id)
             .where(OrderRow.external_id == bindparam("order")).subquery(),
             t1=lambda q: q.sku, i1=lambda q: q.quantity, i2=lambda q: q.product_id, i3=lambda q: q.id,
             n1=lambda q: q.unit_price),
        _sale(),
    ]
    return union_all(*branches)


def _outreach(customer_id, at, *only):
    sent = (select(OutreachRow.id, OutreachRow.guide_id, OutreachRow.sent_at, CareTaskRow.campaign_id,
                   StaffRow.external_id, StaffRow.language, CampaignRow.name)
            .join(StaffRow, StaffRow.id == OutreachRow.guide_id)
            .outerjoin(CareTaskRow, CareTaskRow.id == OutreachRow.task_id)
            .outerjoin(CampaignRow, CampaignRow.id == CareTaskRow.campaign_id)
            .where(OutreachRow.customer_id == customer_id, OutreachRow.sent_at <= at, *only)
            .order_by(OutreachRow.sent_at.desc(), OutreachRow.id.desc()).limit(1).subquery())
    return _row("outreach", sent, t1=lambda q: q.external_id, t2=lambda q: q.language, t3=lambda q: q.name,
                i1=lambda q: q.id, i2=lambda q: q.guide_id, i3=lambda q: q.campaign_id, at=lambda q: q.sent_at)


def _click(customer_id, at):
    clicked = (select(InteractionRow.id, InteractionRow.guide_id, InteractionRow.created_at, StaffRow.external_id,
                      StaffRow.language)
               .join(StaffRow, StaffRow.id == InteractionRow.guide_id)
               .where(InteractionRow.customer_id == customer_id, InteractionRow.kind == "list_click",
                      InteractionRow.created_at <= at)
               .order_by(InteractionRow.created_at.desc(), InteractionRow.id.desc()).limit(1).subquery())
    return _row("list_click", clicked, t1=lambda q: q.external_id, t2=lambda q: q.language, i1=lambda q: q.id,
                i2=lambda q: q.guide_id, at=lambda q: q.created_at)


def _sale():
    entry = (select(LedgerEntryRow, StaffRow.external_id.label("guide_external_id"),
                    StaffRow.language.label("guide_language"), CampaignRow.name.label("campaign_name"))
             .join(StaffRow, StaffRow.id == LedgerEntryRow.guide_id)
             .outerjoin(CampaignRow, CampaignRow.id == LedgerEntryRow.campaign_id)
             .where(LedgerEntryRow.entry_key == bindparam("sale_key")).subquery())
    return _row("sale", entry, t1=lambda q: q.guide_external_id, t2=lambda q: q.guide_language,
                t3=lambda q: q.campaign_name, t4=lambda q: q.month, t5=lambda q: q.attribution,
                i1=lambda q: q.guide_id, i2=lambda q: q.campaign_id, i3=lambda q: q.order_id,
                n1=lambda q: q.commission, n2=lambda q: q.base_amount, at=lambda q: q.created_at)


def _row(what: str, source, *, where=None, **columns):
    """One branch: `columns` maps the common row's columns to expressions over `source` (a table
    class or a subquery; callables receive the subquery's columns)."""
    q = source.c if hasattr(source, "c") else None

    def value(name, kind):
        given = columns.get(name)
        if given is None:
            return cast(null(), kind).label(name)
        expression = given(q) if callable(given) else given
        return type_coerce(expression, kind).label(name)

    select_ = select(literal_column(f"'{what}'", String).label("what"),
                     *(value(n, String) for n in _TEXT), *(value(n, BigInteger) for n in _INT),
                     value("at", UTCDateTime())).select_from(source)
    return select_.where(where) if where is not None else select_


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
