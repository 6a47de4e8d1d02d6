"""Ports: what the copilot needs from the outside world, as Protocols.

`db/`, `knowledge/` and the network adapters implement these; `copilot/` only ever sees the Protocols,
so it can be tested with the real SQLite/Chroma parts or run in a batch job alike.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, Self

from core.domain import ContentDoc, Customer, Order, Product, Staff, Store


class Clock(Protocol):
    def now(self) -> datetime: ...


class StoreRepository(Protocol):
    def get_by_external(self, external_id: str) -> Store | None: ...
    def ids_by_external(self) -> dict[str, int]: ...
    def list(self) -> list[Store]: ...


class StaffRepository(Protocol):
    def get(self, staff_id: int) -> Staff | None: ...
    def get_by_external(self, external_id: str) -> Staff | None: ...
    def get_by_telegram(self, telegram_user_id: int) -> Staff | None: ...
    def ids_by_external(self) -> dict[str, int]: ...
    def list(self, *, store_id: int | None = None) -> list[Staff]: ...


class CustomerRepository(Protocol):
    def get(self, customer_id: int) -> Customer | None: ...
    def get_by_external(self, external_id: str) -> Customer | None: ...
    def ids_by_external(self) -> dict[str, int]: ...
    def list_for_owner(self, owner_id: int) -> list[Customer]: ...
    def count(self) -> int: ...


class ProductRepository(Protocol):
    def get_by_sku(self, sku: str) -> Product | None: ...
    def ids_by_sku(self) -> dict[str, int]: ...
    def list(self, *, active_only: bool = False) -> list[Product]: ...


class ContentRepository(Protocol):
    def list(self) -> list[ContentDoc]: ...


class OrderRepository(Protocol):
    def get_by_external(self, external_id: str) -> Order | None: ...
    def list_for_customer(self, customer_id: int) -> list[Order]: ...
    def count(self) -> int: ...


@dataclass(frozen=True, slots=True)
class UpsertResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


class BulkWriter(Protocol):
    """Idempotent bulk upserts by external key, used by importers and the demo loader."""

    def upsert(self, kind: str, rows: Sequence[dict]) -> UpsertResult: ...
    def insert(self, kind: str, rows: Sequence[dict]) -> UpsertResult: ...
    def ids(self, kind: str, keys: Sequence[object]) -> dict[object, int]: ...
    def refresh_derived(self) -> None: ...


class UnitOfWork(Protocol):
    """One transaction. Leaving the `with` block without `commit()` rolls everything back."""

    stores: StoreRepository
    staff: StaffRepository
    customers: CustomerRepository
    products: ProductRepository
    content: ContentRepository
    orders: OrderRepository
    bulk: BulkWriter

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


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
