"""`KnowledgeBase`: implements `core.ports.KnowledgeSearch` over Chroma plus an in-memory index.

Chroma is the store of record (vectors, documents, metadata). Product queries are answered from
the in-memory mirror (`knowledge.products`): numpy pre-filtering + dense scores, with the top
exact-term BM25 hits fused in (`knowledge.fusion`). Content is chunked and queried in Chroma. The
mirror is saved to a local snapshot after each ingest so that opening reads it instead of Chroma.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from chromadb.api import ClientAPI

from core.domain import ContentDoc, Product
from core.errors import InvalidInput
from core.ports import ContentHit, ProductHit, SearchFilters
from knowledge import chroma
from knowledge.content import ContentStore
from knowledge.dense import ProductIndex
from knowledge.embeddings import Embedder
from knowledge.fusion import FusionParams, fuse
from knowledge.lexical import Tokenizer
from knowledge.products import ProductStore

Progress = Callable[[int], None]
SEARCH_MODES = ("hybrid", "dense", "lexical")


@dataclass(frozen=True, slots=True)
class IngestReport:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def written(self) -> int:
        return self.inserted + self.updated


class KnowledgeBase:
    def __init__(
        self,
        client: ClientAPI,
        embedder: Embedder,
        *,
        collection_prefix: str = "gc",
        fusion: FusionParams = FusionParams(),
        tokenizer: Tokenizer | None = None,
        refresh_seconds: float | None = 30.0,
        snapshot_dir: Path | str | None = None,
    ) -> None:
        self.embedder = embedder
        # jieba's dictionary takes ~1 s to load: share one Tokenizer where many bases are opened.
        self._tokenize = tokenizer or Tokenizer()
        self._fusion = fusion
        name = f"{collection_prefix}_products"
        self._products = ProductStore(
            client, name, embedder, self._tokenize, refresh_seconds, snapshot_dir
        )
        self._content = ContentStore(client, f"{collection_prefix}_content", embedder)
        self.products = self._products.collection
        self.content = self._content.collection

    @classmethod
    def open(cls, path: Path | str, embedder: Embedder | None = None, **kw) -> KnowledgeBase:
        """An embedded Chroma folder; its snapshots go next to it, in `snapshots/`, unless
        `snapshot_dir` says otherwise (None: no snapshot)."""
        kw.setdefault("snapshot_dir", Path(path).parent / "snapshots")
        return cls(chroma.persistent_client(path), embedder or Embedder(), **kw)

    @property
    def index(self) -> ProductIndex:
        return self._products.index

    def product_count(self) -> int:
        return len(self._products)

    def content_count(self) -> int:
        return chroma.count(self.content)

    def refresh(self) -> bool:
        """Reload products now if another process changed them (searches also check every
        `refresh_seconds`); True if it reloaded."""
        return self._products.refresh()

    # ---- writes ----
    def index_products(self, products: Iterable[Product]) -> int:
        return self.sync_products(products).written

    def index_content(self, docs: Iterable[ContentDoc]) -> int:
        return self.sync_content(docs).written

    def sync_products(
        self, products: Iterable[Product], *, full_sync: bool = False, on_progress: Progress | None = None
    ) -> IngestReport:
        """Write only what changed; with `full_sync`, delete products absent from `products`."""
        return IngestReport(**self._products.sync(products, full_sync, on_progress))

    def sync_content(
        self, docs: Iterable[ContentDoc], *, full_sync: bool = False, on_progress: Progress | None = None
    ) -> IngestReport:
        return IngestReport(**self._content.sync(list(docs), full_sync, on_progress))

    # ---- reads ----
    def search_products(
        self,
        query: str,
        *,
        top_k: int = 10,
        filters: SearchFilters | None = None,
        mode: str = "hybrid",
    ) -> list[ProductHit]:
        """Filtered top-k. `mode` exists for the bench: "dense", "lexical" or the default "hybrid"."""
        if mode not in SEARCH_MODES:
            raise InvalidInput(f"unknown search mode {mode!r}; use one of {SEARCH_MODES}")
        filters = filters or SearchFilters()
        self._products.maybe_refresh()
        index, vector = self.index, self.embedder.encode_one(query)
        dense = index.dense_top(vector, filters, top_k) if mode != "lexical" else []
        lex_k = top_k if mode == "lexical" else self._fusion.lexical_hits
        lexical = index.lexical_top(self._tokenize(query), filters, lex_k) if mode != "dense" else []
        if mode == "lexical":
            return [ProductHit(index.skus[r], s, index.names[r]) for r, s, _ in lexical]
        rows = fuse(dense, lexical, top_k, self._fusion)
        return [ProductHit(index.skus[r], index.similarity(r, vector), index.names[r]) for r in rows]

    def chroma_search_products(
        self, query: str, *, top_k: int = 10, filters: SearchFilters | None = None
    ) -> list[ProductHit]:
        """Chroma's own filtered HNSW query (dense only): the bench's baseline for the fast path."""
        return self.chroma_query_vector(self.embedder.encode_one(query), top_k=top_k, filters=filters)

    def chroma_query_vector(
        self, vector: np.ndarray, *, top_k: int = 10, filters: SearchFilters | None = None
    ) -> list[ProductHit]:
        where = chroma.where(filters or SearchFilters())
        res = chroma.query(self.products, vector, top_k, where, ["metadatas", "distances"])
        pairs = zip(res["ids"][0], res["distances"][0], res["metadatas"][0])  # type: ignore[index]
        return [ProductHit(sku, 1.0 - float(d), str(m.get("name", ""))) for sku, d, m in pairs]

    def search_content(self, query: str, *, top_k: int = 5) -> list[ContentHit]:
        return self._content.search(self.embedder.encode_one(query), top_k)
