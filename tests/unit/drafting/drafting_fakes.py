"""Shared test data and an in-memory KnowledgeSearch for the drafting and product-list tests.

The fake search is honest but small: token overlap (Latin words, Chinese character bigrams) over
name, description, tags and category in every language, with the SearchFilters applied.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime, timedelta, UTC
from decimal import Decimal

from core.domain import ContentDoc, Customer, Order, OrderLine, Persona, Product, Staff, Role
from core.ports import ContentHit, ProductHit, SearchFilters

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def product(sku, zh, en, category, price, cycle=None, *, in_stock=True, active=True, desc="", desc_en="", tags=()):
    return Product(
        sku=sku, name=zh, category=category, price=Decimal(price), description=desc,
        i18n={"en": {"name": en, "description": desc_en}}, usage_cycle_days=cycle,
        in_stock=in_stock, active=active, tags=tuple(tags),
    )


CATALOGUE = [
    product("SK-CREAM", "水润面霜", "Hydra Cream", "skincare", "199", 60,
            desc="深层保湿，适合干皮秋冬使用。", desc_en="Deep moisture for dry skin in autumn and winter.",
            tags=("dry skin", "干皮")),
    product("SK-SERUM", "维C精华", "Vitamin C Serum", "skincare", "259", 45,
            desc="提亮肤色。", desc_en="Brightens dull skin."),
    product("SK-CLEANSER", "氨基酸洁面乳", "Amino Cleanser", "cleansing", "89", 60,
            desc="温和清洁。", desc_en="A gentle daily cleanser."),
    product("SK-TONER", "保湿爽肤水", "Moisture Toner", "toner", "119", 60,
            desc="补水保湿，干皮友好。", desc_en="Hydrating toner, kind to dry skin.", tags=("dry skin",)),
    product("SK-MASK", "补水面膜", "Hydrating Mask", "masks", "129", 30,
            desc="一周两次，冬季急救补水。", desc_en="Twice a week, winter rescue for dry skin.", tags=("dry skin",)),
    product("SK-BALM", "修护唇膏", "Repair Lip Balm", "lip", "59", 90,
            desc="冬季干裂嘴唇修护。", desc_en="Repairs dry winter lips.", tags=("winter",)),
    product("SK-HAND", "护手霜", "Hand Cream", "body", "49", 30,
            desc="冬天干燥的手。", desc_en="For dry hands in winter.", tags=("winter", "dry skin")),
    product("SK-SUN", "轻薄防晒霜", "Light Sunscreen", "suncare", "139", 60,
            desc="SPF50 日常防晒。", desc_en="SPF50 daily sunscreen."),
    product("SK-DRYER", "负离子吹风机", "Ionic Hair Dryer", "appliances", "899",
            desc="快干护发。", desc_en="Fast drying, kind to hair."),
    product("SK-BRUSH", "化妆刷套装", "Makeup Brush Set", "tools", "159",
            desc="七支装。", desc_en="Seven brushes."),
    product("SK-LUX", "黄金臻颜霜", "Gold Radiance Cream", "skincare", "1999", 90,
            desc="奢华抗老，干皮冬季。", desc_en="Luxury anti-ageing cream for dry skin in winter.", tags=("dry skin",)),
    product("SK-NIGHT", "夜间修护精华", "Night Repair Serum", "skincare", "329", 45, in_stock=False,
            desc="夜间修护，干皮。", desc_en="Overnight repair for dry skin.", tags=("dry skin",)),
    product("SK-OLD", "经典乳液", "Classic Lotion", "skincare", "149", 60, active=False,
            desc="干皮乳液。", desc_en="Lotion for dry skin.", tags=("dry skin",)),
]
BY_SKU = {p.sku: p for p in CATALOGUE}

CONTENT = [
    ContentDoc("ART-1", "article", "冬季干皮护理指南", "冬天皮肤干燥，先用温和洁面，再叠加保湿爽肤水和面霜。",
               tags=("dry skin",)),
    ContentDoc("ART-2", "article", "Winter care for dry skin",
               "In winter, layer a hydrating toner under a rich cream and mask twice a week.", language="en"),
]

GUIDE = Staff("G-1", "张小美", Role.GUIDE, id=7, language="zh", persona=Persona("小美", "warm", True))
GUIDE_EN = Staff("G-2", "Amy Chen", Role.GUIDE, id=8, language="en", persona=Persona("Amy", "warm", True))


def customer(cid, name="王丽丽", language="zh", tags=(), phone="13800138000"):
    return Customer(f"C-{cid}", name, id=cid, language=language, tags=tuple(tags), phone=phone)


def order(cid, days_ago, *lines, n=0):
    items = tuple(OrderLine(sku, qty, BY_SKU[sku].price) for sku, qty in lines)
    return Order(f"O-{cid}-{days_ago}-{n}", cid, NOW - timedelta(days=days_ago), items,
                 total=sum((line.amount for line in items), Decimal(0)))


def brand_orders() -> list[Order]:
    """Other customers' baskets: cleanser goes with toner, cream goes with mask."""
    orders = []
    for cid in range(100, 130):
        orders.append(order(cid, 20, ("SK-CLEANSER", 1), ("SK-TONER", 1)))
    for cid in range(130, 150):
        orders.append(order(cid, 25, ("SK-CREAM", 1), ("SK-MASK", 1)))
    for cid in range(150, 200):
        orders.append(order(cid, 30, ("SK-SUN", 1)))
        orders.append(order(cid, 31, ("SK-HAND", 1), n=1))
    return orders


def _tokens(text: str) -> set[str]:
    text = text.lower()
    words = set(re.findall(r"[a-z0-9]+", text))
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        words |= {run[i : i + 2] for i in range(max(len(run) - 1, 1))}
    return words


class FakeKnowledge:
    """In-memory KnowledgeSearch: token overlap scoring, filters applied before scoring."""

    def __init__(self, products: Iterable[Product] = (), docs: Iterable[ContentDoc] = ()) -> None:
        self.products: dict[str, Product] = {}
        self.docs: dict[str, ContentDoc] = {}
        self.queries: list[tuple[str, SearchFilters | None]] = []
        self.index_products(products)
        self.index_content(docs)

    def index_products(self, products: Iterable[Product]) -> int:
        items = list(products)
        self.products.update((p.sku, p) for p in items)
        return len(items)

    def index_content(self, docs: Iterable[ContentDoc]) -> int:
        items = list(docs)
        self.docs.update((d.external_id, d) for d in items)
        return len(items)

    def _passes(self, p: Product, f: SearchFilters | None) -> bool:
        if f is None:
            return True
        return not (
            (f.in_stock and not (p.in_stock and p.active))
            or (f.category and p.category != f.category)
            or (f.min_price is not None and float(p.price) < f.min_price)
            or (f.max_price is not None and float(p.price) > f.max_price)
        )

    def search_products(self, query, *, top_k=10, filters=None) -> list[ProductHit]:
        self.queries.append((query, filters))
        q = _tokens(query)
        scored = []
        for p in self.products.values():
            if not self._passes(p, filters):
                continue
            text = " ".join([p.name, p.description, p.category, *p.tags,
                             *(v for lang in p.i18n.values() for v in lang.values())])
            overlap = len(q & _tokens(text))
            if overlap:
                scored.append(ProductHit(p.sku, overlap / math.sqrt(len(q) + 1), p.name))
        return sorted(scored, key=lambda h: -h.score)[:top_k]

    def search_content(self, query, *, top_k=5) -> list[ContentHit]:
        q = _tokens(query)
        hits = [ContentHit(d.external_id, d.title, d.body, len(q & _tokens(d.title + d.body)))
                for d in self.docs.values()]
        return sorted((h for h in hits if h.score), key=lambda h: -h.score)[:top_k]


REASONS = {
    "zh": {"SK-CREAM": "按您的使用节奏，差不多该补货了", "SK-MASK": "和您买过的水润面霜很搭", "SK-TONER": "很适合您现在用"},
    "en": {"SK-CREAM": "about time for a refill", "SK-MASK": "pairs well with the Hydra Cream you bought",
           "SK-TONER": "a good fit for you right now"},
}


def make_request(language="zh", kind="care_checkin", *, skus=("SK-CREAM", "SK-MASK", "SK-TONER"),
                 brief="", tags=("dry skin",), note="", message="", name=None, persona=None, snippets=()):
    """A request the way the tasks side builds it: picks, the customer's orders, the catalogue."""
    from copilot.product_list import Pick, PickSource
    from copilot.drafting import build_request

    name = name or ("王丽丽" if language == "zh" else "Lily Wang")
    guide = GUIDE if language == "zh" else GUIDE_EN
    if persona is not None:
        guide = Staff(guide.external_id, guide.name, guide.role, id=guide.id, persona=persona)
    picks = [Pick(BY_SKU[s], REASONS[language].get(s, ""), PickSource.MATCH) for s in skus]
    return build_request(
        kind, customer(1, name, language, tags=tags), guide,
        picks=picks, orders=[order(1, 70, ("SK-CREAM", 1))], catalogue=BY_SKU, now=NOW,
        brief=brief, note=note, message=message, snippets=snippets,
    )
