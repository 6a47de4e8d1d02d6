"""What is expensive to build for drafts and product lists, built once per process.

`SellingContext` holds the catalogue, co-purchase statistics and the Drafter with its product-name
index. It is checked for changes at most every `max_age` and rebuilt only when products or order
lines actually changed. Use cases call `refresh` from worker threads, so it takes a lock.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from scipy import sparse

from copilot.drafting.service import Drafter
from copilot.product_list import CoPurchase
from core.domain import Product
from core.ports import KnowledgeSearch, UnitOfWork
from core.settings import LLMSettings


@dataclass
class _Loaded:
    products: tuple  # a cheap fingerprint of the catalogue
    baskets: tuple[int, int]
    checked_at: datetime


class SellingContext:
    def __init__(self, llm: LLMSettings, *, knowledge: KnowledgeSearch | None = None,
                 max_age: timedelta = timedelta(minutes=5),
                 make_drafter: Callable[[LLMSettings, list[Product]], Drafter] = Drafter.from_settings) -> None:
        self.knowledge = knowledge
        self._llm, self._make_drafter, self._max_age = llm, make_drafter, max_age
        self._loaded: _Loaded | None = None
        self._lock = threading.Lock()
        self.catalogue: dict[str, Product] = {}
        self.copurchase = CoPurchase([], sparse.csr_matrix((0, 0)))
        self.drafter: Drafter | None = None

    def refresh(self, uow: UnitOfWork, now: datetime) -> None:
        if self._loaded and now - self._loaded.checked_at < self._max_age:
            return
        with self._lock:
            if self._loaded and now - self._loaded.checked_at < self._max_age:
                return  # another thread refreshed while this one waited
            self._reload(uow, now)

    def _reload(self, uow: UnitOfWork, now: datetime) -> None:
        products = uow.products.list()
        fingerprint = tuple((p.sku, p.price, p.in_stock, p.active) for p in products)
        baskets = uow.baskets.version()
        if self._loaded is None or fingerprint != self._loaded.products:
            self.catalogue = {p.sku: p for p in products}
            if self.drafter is None:
                self.drafter = self._make_drafter(self._llm, products)
            else:
                self.drafter.update_catalogue(products)
        if self._loaded is None or baskets != self._loaded.baskets:
            self.copurchase = copurchase_from_pairs(uow.baskets.pairs())
        self._loaded = _Loaded(fingerprint, baskets, now)


def copurchase_from_pairs(pairs: list[tuple[int, str]]) -> CoPurchase:
    """CoPurchase over customer baskets straight from (customer, sku) pairs, no Order objects."""
    rows = {c: i for i, c in enumerate(dict.fromkeys(c for c, _ in pairs))}
    skus = list(dict.fromkeys(s for _, s in pairs))
    columns = {s: i for i, s in enumerate(skus)}
    data = np.ones(len(pairs), np.float32)
    matrix = sparse.csr_matrix((data, ([rows[c] for c, _ in pairs], [columns[s] for _, s in pairs])),
                               shape=(len(rows), len(skus)))
    return CoPurchase(skus, matrix)
