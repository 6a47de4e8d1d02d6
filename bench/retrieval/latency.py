"""Filtered top-10 latency at 100k products: the numpy pre-filter path vs Chroma's filtered query.

Both answer the same query vectors (real embeddings of the labelled queries) with the same filters
in the same process, against the same persisted collection. The numpy side is timed twice: the
retrieval step alone (comparable with Chroma's query) and the full `search_products` call (query
embedding + BM25 + fusion).
"""
from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.retrieval import opening
from bench.retrieval.synthetic import SyntheticCatalogue
from core.ports import SearchFilters
from knowledge import chroma
from knowledge.embeddings import Embedder
from knowledge.store import KnowledgeBase

PROFILES = {
    "in stock + category (~4%)": SearchFilters(in_stock=True, category="skincare-1"),
    "in stock + price 100-500 (~40%)": SearchFilters(in_stock=True, min_price=100, max_price=500),
    "in stock + language en + store S07": SearchFilters(in_stock=True, language="en", store="S07"),
}


def percentiles(samples: list[float]) -> tuple[float, float]:
    arr = np.array(samples) * 1000
    return float(np.percentile(arr, 50)), float(np.percentile(arr, 95))


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def run(
    catalogue: SyntheticCatalogue, queries: list[str], embedder: Embedder, chroma_repeats: int,
    *, open_only: bool = False,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        chroma_dir = Path(tmp) / "chroma"
        write(catalogue, chroma_dir, embedder)
        kb = opening.run(chroma_dir, embedder)  # a fresh process opens exactly like this
        if open_only:
            return
        n = kb.product_count()
        vectors = embedder.encode(queries)
        print(f"\nfiltered top-10 at {n:,} products, ms (load average {os.getloadavg()[0]:.1f})")
        print(f"{'filter':<38}{'numpy p50/p95':>16}{'search() p50/p95':>20}{'Chroma p50/p95':>18}"
              f"{'p50 ratio':>11}{'top-10 overlap':>16}")
        for label, filters in PROFILES.items():
            _profile(kb, label, filters, queries, vectors, chroma_repeats)


def write(catalogue: SyntheticCatalogue, chroma_dir: Path, embedder: Embedder) -> None:
    kb = KnowledgeBase.open(chroma_dir, embedder, snapshot_dir=None)
    n = len(catalogue.skus)
    started = time.perf_counter()
    chroma.upsert(kb.products, catalogue.skus, catalogue.vectors, catalogue.texts, catalogue.metadatas)
    write_s = time.perf_counter() - started
    # What an ingest stamps after writing; without a generation no snapshot is ever trusted.
    chroma.stamp_generation(kb.products, uuid.uuid4().hex)
    print(f"Chroma write of {n:,} precomputed vectors (batches of {chroma.MAX_BATCH}, HNSW build): "
          f"{write_s:.1f} s = {n / write_s:,.0f} products/s")


def _profile(kb, label, filters, queries, vectors, chroma_repeats) -> None:
    index = kb.index
    cycle = iter(range(10**9))
    pick = lambda: int(next(cycle) % len(vectors))
    fast = timed(lambda: index.dense_top(vectors[pick()], filters, 10), 200)
    full = timed(lambda: kb.search_products(queries[pick()], top_k=10, filters=filters), 100)
    slow = timed(lambda: kb.chroma_query_vector(vectors[pick()], top_k=10, filters=filters), chroma_repeats)
    overlap = np.mean([_overlap(kb, v, filters) for v in vectors[:20]])
    (f50, f95), (s50, s95), (c50, c95) = percentiles(fast), percentiles(full), percentiles(slow)
    print(f"{label:<38}{f50:>7.2f} /{f95:>6.2f}{s50:>11.2f} /{s95:>6.2f}{c50:>9.1f} /{c95:>6.1f}"
          f"{c50 / f50:>10.0f}x{overlap:>15.2f}")


def _overlap(kb: KnowledgeBase, vector: np.ndarray, filters: SearchFilters) -> float:
    """Share of Chroma's (HNSW) top-10 that the exact numpy scan also returns."""
    exact = {kb.index.skus[r] for r, _ in kb.index.dense_top(vector, filters, 10)}
    approx = [h.sku for h in kb.chroma_query_vector(vector, top_k=10, filters=filters)]
    return len(exact & set(approx)) / max(len(approx), 1)
