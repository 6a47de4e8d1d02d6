"""A small brand for the customer tests: one store, two guides, a few customers with orders and a
bilingual catalogue, written through the ORM (care tasks and outreach have no importer)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.tables import CustomerRow, OrderLineRow, OrderRow, ProductRow, StaffRow, StoreRow
from db.tables_ops import CareTaskRow

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai: outside quiet hours


@dataclass(frozen=True)
class Brand:
    guides: dict[str, int]
    customers: dict[str, int]


PRODUCTS = [  # sku, zh, en, category, price, cycle days
    ("CREAM", "水润面霜", "Hydra Cream", "skincare", "199", 60),
    ("TONER", "保湿爽肤水", "Moisture Toner", "toner", "119", 60),
    ("MASK", "补水面膜", "Hydrating Mask", "masks", "129", 30),
    ("BALM", "修护唇膏", "Repair Lip Balm", "lip", "59", 90),
]


@pytest.fixture
def shop(engine) -> Brand:
    with Session(engine) as s:
        store = StoreRow(external_id="S1", name="旗舰店")
        s.add(store)
        s.flush()
        s.add_all([StaffRow(external_id="G1", name="李丽", role="guide", store_id=store.id, language="zh"),
                   StaffRow(external_id="G2", name="Amy Chen", role="guide", store_id=store.id, language="en")])
        s.add_all([ProductRow(sku=sku, name=zh, category=cat, price=Decimal(price), usage_cycle_days=cycle,
                              description=f"{zh}。", i18n={"en": {"name": en, "description": f"{en}."}})
                   for sku, zh, en, cat, price, cycle in PRODUCTS])
        s.flush()
        guides = {r.external_id: r.id for r in s.scalars(select(StaffRow))}
        products = {r.sku: r.id for r in s.scalars(select(ProductRow))}
        people = [("C1", "Lily Wang", "en", 9001, "granted", "13800138000"), ("C2", "张小红", "zh", 9002, "granted", ""),
                  ("C3", "王芳", "zh", None, "unknown", "13900139000")]
        for external_id, name, language, tg, consent, phone in people:
            s.add(CustomerRow(external_id=external_id, name=name, owner_id=guides["G1"], store_id=store.id,
                              language=language, telegram_user_id=tg, consent=consent, phone=phone))
        s.flush()
        customers = {r.external_id: r.id for r in s.scalars(select(CustomerRow))}
        for n, (customer, sku, days) in enumerate([("C1", "CREAM", 70), ("C1", "TONER", 200), ("C2", "MASK", 40),
                                                   ("C2", "CREAM", 120), ("C3", "BALM", 100)]):
            price = Decimal(next(p[4] for p in PRODUCTS if p[0] == sku))
            order = OrderRow(external_id=f"O{n}", customer_id=customers[customer], guide_id=guides["G1"],
                             ordered_at=NOW - timedelta(days=days), total=price, status="paid")
            s.add(order)
            s.flush()
            s.add(OrderLineRow(order_id=order.id, sku=sku, product_id=products[sku], quantity=1, unit_price=price,
                               amount=price))
        s.commit()
    return Brand(guides, customers)


def open_task(uow_factory, customer_id: int, guide_id: int) -> None:
    with uow_factory() as uow:
        uow.session.add(CareTaskRow(customer_id=customer_id, guide_id=guide_id, kind="recall", created_at=NOW))
        uow.commit()


def tasks(uow_factory, customer_id: int) -> list[tuple[str, str | None]]:
    with uow_factory() as uow:
        rows = uow.session.execute(select(CareTaskRow.status, CareTaskRow.outcome)
                                   .where(CareTaskRow.customer_id == customer_id).order_by(CareTaskRow.id))
        return [tuple(r) for r in rows]
