"""In-memory product matrix with numpy pre-filtering: the fast path for filtered search.

Chroma's own filtered query measured 124-358 ms p50 at 100k vectors (DESIGN.md §7). Here the filters
become boolean masks over metadata arrays and the scoring is one matrix-vector product. Rows are
sorted by category so a category filter is a zero-copy slice (gathering masked rows costs more than
scoring them all, measured: 33 ms vs 8 ms at 100k x 512).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.ports import SearchFilters
from knowledge.coarse import CANDIDATES, Projection
from knowledge.embeddings import DIMENSION
from knowledge.lexical import BM25Index


@dataclass(frozen=True, slots=True)
class ProductRecord:
    sku: str
    vector: np.ndarray
    metadata: dict


class ProductIndex:
    """Immutable snapshot; the knowledge base swaps in a new one after each ingest."""

    def __init__(self, records: Sequence[ProductRecord], basis: np.ndarray | None = None) -> None:
        rows = sorted(records, key=lambda r: (r.metadata["category"], r.sku))
        self.skus = [r.sku for r in rows]
        self.names = [r.metadata.get("name", "") for r in rows]
        self.vectors = np.zeros((len(rows), DIMENSION), dtype=np.float32)
        for i, record in enumerate(rows):
            self.vectors[i] = record.vector
        meta = [r.metadata for r in rows]
        self.price = np.array([m["price"] for m in meta], dtype=np.float64)
        self.in_stock = np.array([bool(m["in_stock"]) for m in meta], dtype=bool)
        self.active = np.array([bool(m["active"]) for m in meta], dtype=bool)
        self.category_ranges = _ranges([m["category"] for m in meta])
        self.language_rows = _inverted([m["languages"] for m in meta])
        self.all_stores = np.array([not m["stores"] for m in meta], dtype=bool)
        self.store_rows = _inverted([m["stores"] for m in meta])
        self.lexical = BM25Index([m["terms"].split() for m in meta])
        self.projection = Projection.maybe(self.vectors, basis)

    def __len__(self) -> int:
        return len(self.skus)

    def window(self, filters: SearchFilters) -> tuple[int, int, np.ndarray]:
        """Row range [start, end) and the mask of eligible rows inside it."""
        start, end = 0, len(self)
        if filters.category is not None:
            start, end = self.category_ranges.get(filters.category, (0, 0))
        mask = self.active[start:end].copy()  # inactive products never appear
        if filters.in_stock is not None:
            mask &= self.in_stock[start:end] == filters.in_stock
        if filters.min_price is not None:
            mask &= self.price[start:end] >= filters.min_price
        if filters.max_price is not None:
            mask &= self.price[start:end] <= filters.max_price
        if filters.language is not None:
            mask &= self._member(self.language_rows, filters.language)[start:end]
        if filters.store is not None:
            stores = self.all_stores | self._member(self.store_rows, filters.store)
            mask &= stores[start:end]
        return start, end, mask

    def _member(self, inverted: dict[str, np.ndarray], key: str) -> np.ndarray:
        out = np.zeros(len(self), dtype=bool)
        out[inverted.get(key, _EMPTY)] = True
        return out

    def dense_top(self, query: np.ndarray, filters: SearchFilters, k: int) -> list[tuple[int, float]]:
        start, end, mask = self.window(filters)
        if end <= start or not mask.any():
            return []
        if self.projection is not None and end - start > 4 * CANDIDATES:
            rows = start + self.projection.candidates(query, start, end, mask)
            exact = self.vectors[rows] @ query
            return [(int(rows[i]), float(exact[i])) for i in _top(exact, k)]
        scores = self.vectors[start:end] @ query
        scores[~mask] = -np.inf
        return [(start + i, float(scores[i])) for i in _top(scores, k)]

    def lexical_top(
        self, tokens: list[str], filters: SearchFilters, k: int
    ) -> list[tuple[int, float, float]]:
        """(row, bm25 score, query coverage) of the best lexical matches among eligible rows."""
        start, end, mask = self.window(filters)
        if end <= start or not tokens:
            return []
        scores, coverage = (a[start:end] for a in self.lexical.scores(tokens))
        scores[~mask] = 0.0
        return [
            (start + i, float(scores[i]), float(coverage[i])) for i in _top(scores, k) if scores[i] > 0
        ]

    def similarity(self, row: int, query: np.ndarray) -> float:
        return float(self.vectors[row] @ query)


_EMPTY = np.zeros(0, dtype=np.int64)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, int(np.isfinite(scores).sum()))
    if k <= 0:
        return _EMPTY
    part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return part[np.argsort(-scores[part], kind="stable")]


def _ranges(categories: list[str]) -> dict[str, tuple[int, int]]:
    ranges: dict[str, tuple[int, int]] = {}
    for i, cat in enumerate(categories):
        start = ranges.get(cat, (i, i))[0]
        ranges[cat] = (start, i + 1)
    return ranges


def _inverted(joined: list[str]) -> dict[str, np.ndarray]:
    rows: dict[str, list[int]] = {}
    for i, value in enumerate(joined):
        for key in filter(None, value.split(",")):
            rows.setdefault(key, []).append(i)
    return {key: np.array(idx, dtype=np.int64) for key, idx in rows.items()}
