"""A scored brand on top of conftest's staff: products, customers for three guides, orders.

G1 (GUIDE) owns 14 customers, among them C1 (started the bot and agreed to messages) and C2 (never
started it); G2 (GUIDE_EN) owns 3; G9 of the other store owns 3. Histories differ so the ranking
has something to rank: repeat buyers on a rhythm, first-time buyers, silent ones, one never bought.
"""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from copilot.contacts import ContactsService
from core.settings import RankingSettings

PRODUCTS = [  # sku, name, en name, category, price, usage cycle
    ("P1", "保湿面霜", "Moisturising cream", "skincare", 320, 60),
    ("P2", "修护精华", "Repair serum", "skincare", 480, 45),
    ("P3", "洁面乳", "Cleanser", "cleansing", 120, 30),
    ("P4", "防晒霜", "Sunscreen", "suncare", 220, 40),
    ("P5", "香水", "Perfume", "fragrance", 880, None),
    ("P6", "化妆包", "Makeup bag", "accessories", 150, None),
]
# customer -> (owner, [(days ago, skus)]); C14 never bought
HISTORY = {
    "C1": ("G1", [(200, "P1 P3"), (130, "P1"), (65, "P1 P2")]),
    "C2": ("G1", [(90, "P2 P3"), (40, "P2")]),
    "C3": ("G1", [(20, "P1")]), "C4": ("G1", [(300, "P5")]), "C5": ("G1", [(150, "P3"), (120, "P3"), (88, "P3")]),
    "C6": ("G1", [(60, "P4"), (25, "P4 P6")]), "C7": ("G1", [(400, "P1"), (350, "P2")]),
    "C8": ("G1", [(45, "P1 P2 P5")]), "C9": ("G1", [(100, "P2"), (55, "P2"), (10, "P3")]),
    "C10": ("G1", [(180, "P6")]), "C11": ("G1", [(70, "P1"), (12, "P4")]), "C12": ("G1", [(35, "P3")]),
    "C13": ("G1", [(240, "P2 P4"), (160, "P2"), (80, "P2 P1")]), "C14": ("G1", []),
    "E1": ("G2", [(50, "P1"), (5, "P3")]), "E2": ("G2", [(100, "P2")]), "E3": ("G2", [(30, "P4"), (15, "P1")]),
    "X1": ("G9", [(40, "P1"), (20, "P2")]), "X2": ("G9", [(70, "P5")]), "X3": ("G9", [(10, "P3")]),
}
NAMES = {"C1": "张小红", "C2": "刘芳", "E1": "Emma Brown", "X1": "陈静"}


def load_selling_brand(uow_factory, now) -> ContactsService:
    with uow_factory() as uow:
        staff = uow.staff.ids_by_external()
        stores = uow.stores.ids_by_external()
        uow.bulk.upsert("products", [
            {"sku": sku, "name": name, "category": cat, "price": Decimal(price), "usage_cycle_days": cycle,
             "i18n": {"en": {"name": en}}, "description": f"{en}."}
            for sku, name, en, cat, price, cycle in PRODUCTS])
        uow.bulk.upsert("customers", [
            {"external_id": ext, "name": NAMES.get(ext, f"顾客{ext}"), "owner_id": staff[owner],
             "store_id": stores["S2" if owner == "G9" else "S1"], "language": "en" if ext[0] == "E" else "zh",
             "consent": "granted" if ext == "C1" else "unknown", "tags": ["VIP"] if ext == "C13" else []}
            for ext, (owner, _) in HISTORY.items()])
        customers = uow.bulk.ids("customers", list(HISTORY))
        products = uow.bulk.ids("products", [p[0] for p in PRODUCTS])
        price = {p[0]: Decimal(p[4]) for p in PRODUCTS}
        orders, lines = [], []
        for ext, (owner, history) in HISTORY.items():
            for k, (days, skus) in enumerate(history):
                orders.append({"external_id": f"O-{ext}-{k}", "customer_id": customers[ext],
                               "guide_id": staff[owner], "ordered_at": now - timedelta(days=days)})
                lines += [(f"O-{ext}-{k}", sku) for sku in skus.split()]
        uow.bulk.upsert("orders", orders)
        order_ids = uow.bulk.ids("orders", [o["external_id"] for o in orders])
        uow.bulk.upsert("order_lines", [
            {"order_id": order_ids[o], "sku": sku, "product_id": products[sku], "quantity": 1,
             "unit_price": price[sku], "amount": price[sku]} for o, sku in lines])
        uow.bulk.refresh_derived()
        uow.commit()
    service = ContactsService(timezone="Asia/Shanghai", ranking=RankingSettings())
    with uow_factory() as uow:
        service.score_all(uow, now)
        uow.commit()
    return service


def customer_id(uow_factory, external_id: str) -> int:
    with uow_factory() as uow:
        return uow.customers.get_by_external(external_id).id
