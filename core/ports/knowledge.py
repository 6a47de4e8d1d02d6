"""Knowledge search over products and content (implemented by knowledge/)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from core.domain import ContentDoc, Product


@dataclass(frozen=True, slots=True)
class SearchFilters:
    in_stock: bool | None = None
    category: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    language: str | None = None
    store: str | None = None


@dataclass(frozen=True, slots=True)
class ProductHit:
    sku: str
    score: float
    name: str = ""


@dataclass(frozen=True, slots=True)
class ContentHit:
    source_id: str
    title: str
    text: str
    score: float
    meta: dict = field(default_factory=dict)


class KnowledgeSearch(Protocol):
    def index_products(self, products: Iterable[Product]) -> int: ...
    def index_content(self, docs: Iterable[ContentDoc]) -> int: ...
    def search_products(
        self, query: str, *, top_k: int = 10, filters: SearchFilters | None = None
    ) -> list[ProductHit]: ...
    def search_content(self, query: str, *, top_k: int = 5) -> list[ContentHit]: ...
