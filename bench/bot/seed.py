"""A brand for the bot bench: 200 guides with Telegram, one of them with 3,000 contacts."""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

TELEGRAM_BASE = 7_000_000_000
PRODUCTS = 40


def seed(uow_factory, now: datetime, *, guides: int = 200, big: int = 3000, small: int = 50,
         seed: int = 5) -> dict[str, object]:
    rng = random.Random(seed)
    with uow_factory() as uow:
        uow.bulk.upsert("stores", [{"external_id": f"S{k}", "name": f"Store {k}"} for k in range(10)])
        stores = uow.bulk.ids("stores", [f"S{k}" for k in range(10)])
        uow.bulk.upsert("staff", [
            {"external_id": f"G{g}", "name": f"导购{g}", "role": "guide", "store_id": stores[f"S{g % 10}"],
             "telegram_user_id": TELEGRAM_BASE + g, "language": "zh", "monthly_target": Decimal(20000)}
            for g in range(guides)])
        staff = uow.bulk.ids("staff", [f"G{g}" for g in range(guides)])
        uow.bulk.upsert("products", [
            {"sku": f"P{p}", "name": f"商品{p}", "category": f"cat{p % 8}", "price": Decimal(rng.randrange(49, 899)),
             "usage_cycle_days": 30 + 15 * (p % 5) if p % 3 else None} for p in range(PRODUCTS)])
        products = uow.bulk.ids("products", [f"P{p}" for p in range(PRODUCTS)])
        owners = [0] * big + [g for g in range(1, guides) for _ in range(small)]
        customers = [{"external_id": f"C{i}", "name": f"顾客{i}", "owner_id": staff[f"G{g}"],
                      "store_id": stores[f"S{g % 10}"]} for i, g in enumerate(owners)]
        uow.bulk.upsert("customers", customers)
        ids = uow.bulk.ids("customers", [c["external_id"] for c in customers])
        orders, lines = [], []
        for c, g in zip(customers, owners):
            for k in range(rng.choice((0, 1, 1, 2, 3, 4, 6))):
                key = f"O-{c['external_id']}-{k}"
                orders.append({"external_id": key, "customer_id": ids[c["external_id"]],
                               "guide_id": staff[f"G{g}"], "ordered_at": now - timedelta(days=rng.randrange(1, 730))})
                for sku in {f"P{rng.randrange(PRODUCTS)}" for _ in range(rng.choice((1, 1, 2)))}:
                    lines.append((key, sku))
        uow.bulk.upsert("orders", orders)
        order_ids = uow.bulk.ids("orders", [o["external_id"] for o in orders])
        price = {f"P{p}": Decimal(100 + p) for p in range(PRODUCTS)}
        uow.bulk.upsert("order_lines", [
            {"order_id": order_ids[o], "sku": s, "product_id": products[s], "quantity": 1, "unit_price": price[s],
             "amount": price[s]} for o, s in lines])
        uow.bulk.refresh_derived()
        uow.commit()
        big_customers = [ids[c["external_id"]] for c, g in zip(customers, owners) if g == 0]
        by_guide: dict[int, list[int]] = {}
        for c, g in zip(customers, owners):
            by_guide.setdefault(staff[f"G{g}"], []).append(ids[c["external_id"]])
    return {"customers": len(customers), "orders": len(orders), "big_guide_customers": big_customers,
            "customers_by_guide": by_guide}
