"""Recall@5 and MRR per query type for dense-only, BM25-only and fused retrieval.

Data (hand-written, fictional brands, committed): `data/products.csv` holds 166 products in five
categories; a fifth are described only in English, a fifth only in Chinese, the rest in both.
`data/queries.jsonl` holds labelled queries: `cross` (zh query -> en-only product or vice versa),
`zh` / `en` (same language), `exact` (SKU, brand, ingredient, spec such as "357g").
"""
from __future__ import annotations

import json
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from knowledge.embeddings import Embedder
from knowledge.ingest import ingest_products
from knowledge.loaders import load_products_csv
from knowledge.store import KnowledgeBase

DATA = Path(__file__).parent / "data"
MODES = ("dense", "lexical", "hybrid")
LABELS = {"dense": "dense-only", "lexical": "BM25-only", "hybrid": "fused"}


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    query: str
    type: str
    relevant: frozenset[str]


def load_queries(path: Path = DATA / "queries.jsonl") -> list[LabelledQuery]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [LabelledQuery(r["query"], r["type"], frozenset(r["relevant"])) for r in rows]


def recall_at(hits: list[str], relevant: frozenset[str], k: int = 5) -> float:
    # A brand query can have more relevant products than slots; then k hits is a full score.
    return len(relevant & set(hits[:k])) / min(len(relevant), k)


def reciprocal_rank(hits: list[str], relevant: frozenset[str]) -> float:
    return next((1.0 / (i + 1) for i, sku in enumerate(hits) if sku in relevant), 0.0)


def evaluate(kb: KnowledgeBase, queries: list[LabelledQuery], mode: str) -> dict[str, tuple[float, float]]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for q in queries:
        hits = [h.sku for h in kb.search_products(q.query, top_k=10, mode=mode)]
        for key in (q.type, "all"):
            acc = sums[key]
            acc[0] += recall_at(hits, q.relevant)
            acc[1] += reciprocal_rank(hits, q.relevant)
            acc[2] += 1
    return {key: (r / n, m / n) for key, (r, m, n) in sums.items()}


def run(embedder: Embedder) -> None:
    products = load_products_csv(DATA / "products.csv")
    queries = load_queries()
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.open(Path(tmp) / "chroma", embedder)
        started = time.perf_counter()
        report = ingest_products(kb, products)
        elapsed = time.perf_counter() - started
        print(f"labelled set: {len(products)} products, {len(queries)} queries "
              f"({_type_counts(queries)})")
        print(f"ingest (embed + tokenise + Chroma write): {report.inserted} products in "
              f"{elapsed:.2f} s = {len(products) / elapsed:.0f} products/s")
        results = {mode: evaluate(kb, queries, mode) for mode in MODES}
    _print_table(results, ["all", "cross", "zh", "en", "exact"])


def _type_counts(queries: list[LabelledQuery]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for q in queries:
        counts[q.type] += 1
    return ", ".join(f"{t} {n}" for t, n in counts.items())


def _print_table(results: dict[str, dict[str, tuple[float, float]]], types: list[str]) -> None:
    print(f"\n{'recall@5 / MRR':<14}" + "".join(f"{t:>16}" for t in types))
    for mode, per_type in results.items():
        cells = "".join(f"{per_type[t][0]:>9.3f} {per_type[t][1]:.3f}" for t in types)
        print(f"{LABELS[mode]:<14}{cells}")
