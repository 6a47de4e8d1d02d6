"""A brand of 50 stores, 500 guides (on Telegram), 50,000 customers with two orders each."""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, insert

from db.tables import BrandRow, CustomerRow, OrderLineRow, OrderRow, ProductRow, StaffRow, StoreRow

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def seed(engine: Engine, *, customers: int, guides: int, stores: int = 50, products: int = 200) -> None:
    rng = random.Random(7)
    with engine.begin() as conn:
        conn.execute(insert(BrandRow), [{"code": "bench", "name": "Bench", "config": {}}])
        conn.execute(insert(StoreRow), [{"id": s + 1, "external_id": f"S{s}", "name": f"Store {s}", "city": ""}
                                        for s in range(stores)])
        conn.execute(insert(StaffRow), [
            {"id": g + 1, "external_id": f"G{g}", "name": f"Guide {g}", "role": "guide", "store_id": g % stores + 1,
             "telegram_user_id": 10_000 + g, "language": "zh" if g % 3 else "en"} for g in range(guides)])
        conn.execute(insert(ProductRow), [
            {"sku": f"P{p}", "name": f"产品{p}", "category": f"cat{p % 8}", "price": Decimal(50 + p),
             "usage_cycle_days": 60 if p % 4 == 0 else None} for p in range(products)])
        conn.execute(insert(CustomerRow), [
            {"id": c + 1, "external_id": f"C{c}", "name": f"顾客{c}", "owner_id": c % guides + 1,
             "store_id": (c % guides) % stores + 1, "language": "zh", "tags": ["VIP"] if c % 20 == 0 else [],
             "consent": "revoked" if c % 97 == 0 else "unknown"} for c in range(customers)])
        orders, lines = [], []
        for c in range(customers):
            for k in range(2):
                oid = 2 * c + k + 1
                sku = f"P{rng.randrange(products)}"
                orders.append({"id": oid, "external_id": f"O{oid}", "customer_id": c + 1, "guide_id": c % guides + 1,
                               "ordered_at": NOW - timedelta(days=rng.randrange(20, 400)), "total": Decimal(100)})
                lines.append({"order_id": oid, "sku": sku, "quantity": 1, "unit_price": Decimal(100),
                              "amount": Decimal(100)})
        conn.execute(insert(OrderRow), orders)
        conn.execute(insert(OrderLineRow), lines)
