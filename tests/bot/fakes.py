"""Fakes at the network edge for the guide's screens: an in-memory knowledge base."""
from __future__ import annotations

from core.ports import ContentHit, ProductHit


class FakeKnowledge:
    """Finds products whose English name shares a word with the query; one article on dry skin."""

    def __init__(self) -> None:
        self.queries: list[str] = []
        self._names = {"P1": "moisturising cream dry skin 保湿 面霜", "P2": "repair serum 精华",
                       "P4": "sunscreen 防晒"}

    def index_products(self, products) -> int:
        return 0

    def index_content(self, docs) -> int:
        return 0

    def search_products(self, query, *, top_k=10, filters=None):
        self.queries.append(query)
        words = set(query.lower().replace("?", " ").split())
        hits = [ProductHit(sku, 1.0) for sku, name in self._names.items()
                if words & set(name.split()) or any(w in query for w in name.split() if len(w) > 1)]
        return hits[:top_k]

    def search_content(self, query, *, top_k=5):
        return [ContentHit("A1", "Winter care for dry skin", "Moisturise twice a day in winter.", 0.9)]
