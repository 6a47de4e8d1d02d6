"""A brand for the webhook bench: 3 stores, 50 guides, 10,000 customers, 500 products, a 3% brand
rule, and outreach (some through a campaign's care task) to a fifth of the customers last week."""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, insert, text

from core.ports import UnitOfWorkFactory
from db.migrate import upgrade
from db.tables_ops import CampaignRow, CareTaskRow, CommissionRuleRow, OutreachRow

GUIDES, CUSTOMERS, PRODUCTS = 50, 10_000, 500


def prepare(engine: Engine, uow_factory: UnitOfWorkFactory, now: datetime) -> None:
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    with uow_factory() as uow:
        uow.bulk.upsert("stores", [{"external_id": f"S{i}", "name": f"Store {i}", "city": ""} for i in range(3)])
        stores = uow.bulk.ids("stores", [f"S{i}" for i in range(3)])
        uow.bulk.upsert("staff", [{"external_id": f"G{i}", "name": f"Guide {i}", "role": "guide",
                                   "store_id": stores[f"S{i % 3}"]} for i in range(GUIDES)])
        guides = uow.bulk.ids("staff", [f"G{i}" for i in range(GUIDES)])
        uow.bulk.upsert("customers", [{"external_id": f"C{i}", "name": f"Customer {i}",
                                       "owner_id": guides[f"G{i % GUIDES}"]} for i in range(CUSTOMERS)])
        uow.bulk.upsert("products", [{"sku": f"SKU{i}", "name": f"Product {i}", "category": f"cat{i % 7}",
                                      "price": Decimal("19.90")} for i in range(PRODUCTS)])
        uow.commit()
    _touches(engine, guides, now)


def _touches(engine: Engine, guides: dict, now: datetime) -> None:
    rng = random.Random(2)
    with engine.begin() as conn:
        conn.execute(insert(CommissionRuleRow), [{"scope": "brand", "scope_ref": "", "kind": "percent",
                                                  "rate": Decimal("0.03"), "active": True}])
        conn.execute(insert(CampaignRow), [{"name": "Recall", "kind": "recall", "segment": "silent",
                                            "created_at": now}])
        reached = rng.sample(range(1, CUSTOMERS + 1), CUSTOMERS // 5)
        conn.execute(insert(CareTaskRow), [{"campaign_id": 1, "customer_id": c, "guide_id": 1 + c % GUIDES,
                                            "kind": "recall", "created_at": now} for c in reached])
        conn.execute(insert(OutreachRow), [
            {"customer_id": c, "guide_id": 1 + c % GUIDES, "task_id": task if task % 2 else None,
             "source": "task", "channel": "manual", "sent_at": now - timedelta(days=rng.randrange(1, 6))}
            for task, c in enumerate(reached, start=1)])


def orders(count: int, now: datetime) -> list[bytes]:
    rng = random.Random(1)
    bodies = []
    for number in range(count):
        lines = [{"sku": f"SKU{sku}", "quantity": rng.randint(1, 3), "unit_price": "19.90"}
                 for sku in rng.sample(range(PRODUCTS), rng.choice((1, 2, 3)))]
        body = {"order_id": f"W{number}", "customer_id": f"C{rng.randrange(CUSTOMERS)}",
                "ordered_at": (now - timedelta(minutes=1)).isoformat(), "store_id": f"S{number % 3}",
                "lines": lines}
        if number % 4 == 0:
            body["guide_id"] = f"G{rng.randrange(GUIDES)}"
        bodies.append(json.dumps(body).encode())
    return bodies
