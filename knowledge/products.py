"""Products: Chroma as the store of record, mirrored in memory as a numpy matrix + BM25 index.

Re-ingest is idempotent by a content hash per SKU; several processes can share one collection
(the `ingest` command while the bot runs) because every write stamps a generation that readers
check, at most every `refresh_seconds`, before they search. A write first stamps a "pending"
generation, so a writer that dies half-way leaves a collection that no snapshot matches
(`knowledge.snapshot`); the final generation is stamped once the new state's snapshot is on disk.
"""
from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from chromadb.api import ClientAPI

from core.domain import Product
from core.errors import ExternalServiceError
from knowledge import chroma, snapshot
from knowledge.dense import ProductIndex, ProductRecord
from knowledge.documents import product_lexical_text, product_metadata, product_text
from knowledge.embeddings import Embedder, USEEmbeddingFunction
from knowledge.lexical import Tokenizer

logger = logging.getLogger(__name__)
PENDING = "pending-"


class ProductStore:
    def __init__(
        self,
        client: ClientAPI,
        name: str,
        embedder: Embedder,
        tokenize: Tokenizer,
        refresh_seconds: float | None,
        snapshot_dir: Path | str | None = None,
    ) -> None:
        self._client = client
        self._ef = USEEmbeddingFunction(embedder)
        self.collection = chroma.open_collection(client, name, self._ef)
        self._snapshot = snapshot.path_for(snapshot_dir, name) if snapshot_dir else None
        self._embedder = embedder
        self._tokenize = tokenize
        self._refresh_seconds = refresh_seconds
        self._load()

    @property
    def index(self) -> ProductIndex:
        return self._index

    def __len__(self) -> int:
        return len(self._records)

    def refresh(self) -> bool:
        """Reload if another process changed the products since we loaded; True if it did."""
        self._checked_at = time.monotonic()
        if chroma.generation(self._client, self.collection, self._ef) == self._generation:
            return False
        self._load()
        return True

    def maybe_refresh(self) -> None:
        every = self._refresh_seconds
        if every is not None and time.monotonic() - self._checked_at >= every:
            try:
                self.refresh()
            except ExternalServiceError as exc:
                # The in-memory copy can still answer; it is at most as stale as the outage.
                logger.warning("product refresh skipped, searching the loaded copy: %s", exc)

    def sync(
        self, products: Iterable[Product], full_sync: bool, on_progress: Callable[[int], None] | None
    ) -> dict[str, int]:
        self.refresh()  # compare against what is stored now, not what this process last loaded
        latest = {p.sku: p for p in products}  # a repeated SKU: the last row wins
        metas = {sku: product_metadata(p) for sku, p in latest.items()}
        changed = [p for sku, p in latest.items() if self._hash(sku) != metas[sku]["hash"]]
        if on_progress is not None:
            on_progress(len(latest) - len(changed))
        vectors = self._embedder.encode([product_text(p) for p in changed], on_batch=on_progress)
        for p in changed:
            metas[p.sku]["terms"] = " ".join(self._tokenize(product_lexical_text(p)))
        updated = [p.sku for p in changed if p.sku in self._records]
        stale = [sku for sku in self._records if sku not in latest] if full_sync else []
        if changed or stale:
            chroma.stamp_generation(self.collection, PENDING + uuid.uuid4().hex)
        # Delete before re-adding: Chroma merges metadata on upsert, which would keep stale flags.
        chroma.delete(self.collection, updated + stale)
        ids = [p.sku for p in changed]
        texts = [product_text(p) for p in changed]
        chroma.upsert(self.collection, ids, vectors, texts, [metas[i] for i in ids])
        self._apply(stale, ids, vectors, metas)
        return {
            "inserted": len(changed) - len(updated),
            "updated": len(updated),
            "unchanged": len(latest) - len(changed),
            "deleted": len(stale),
        }

    def _apply(self, stale: list[str], ids: list[str], vectors: np.ndarray, metas: dict) -> None:
        for sku in stale:
            del self._records[sku]
        for sku, vector in zip(ids, vectors):
            self._records[sku] = ProductRecord(sku, vector, metas[sku])
        if stale or ids:
            self._rebuild()
            self._generation = uuid.uuid4().hex
            self._save()
            chroma.stamp_generation(self.collection, self._generation)

    def _hash(self, sku: str) -> str | None:
        record = self._records.get(sku)
        return record.metadata.get("hash") if record else None

    def _load(self) -> None:
        self._generation = chroma.generation(self._client, self.collection, self._ef)
        self._checked_at = time.monotonic()
        saved = self._read_snapshot()
        if saved is not None:
            self._records = {
                sku: ProductRecord(sku, vector, meta)
                for sku, vector, meta in zip(saved.skus, saved.vectors, saved.metadatas)
            }
            self._rebuild(saved.basis)
            return
        self._records = {
            sku: ProductRecord(sku, np.asarray(vec, dtype=np.float32), meta)
            for sku, meta, vec in chroma.read_all(self.collection, embeddings=True)
        }
        self._rebuild()
        # Only a state no writer touched while we read it may be saved under its generation.
        if self._snapshot is not None and self._generation == chroma.generation(
            self._client, self.collection, self._ef
        ):
            self._save()

    def _read_snapshot(self) -> snapshot.Snapshot | None:
        if self._snapshot is None or not self._settled():
            return None
        return snapshot.read(self._snapshot, self._tag(chroma.count(self.collection)))

    def _save(self) -> None:
        if self._snapshot is not None and self._settled():
            index = self._index
            basis = index.projection.basis if index.projection is not None else None
            metadatas = [self._records[sku].metadata for sku in index.skus]
            tag = self._tag(len(index))
            snapshot.write(self._snapshot, tag, index.skus, index.vectors, metadatas, basis)

    def _settled(self) -> bool:
        # No generation: written by something other than `sync` (a bench); pending: a write unfinished.
        return bool(self._generation) and not self._generation.startswith(PENDING)

    def _tag(self, count: int) -> snapshot.Tag:
        return snapshot.Tag(str(self.collection.id), self._generation, count)

    def _rebuild(self, basis: np.ndarray | None = None) -> None:
        index = ProductIndex(list(self._records.values()), basis)
        # Point the records at the matrix rows, so each vector is held once rather than twice.
        self._records = {
            sku: ProductRecord(sku, index.vectors[row], self._records[sku].metadata)
            for row, sku in enumerate(index.skus)
        }
        self._index = index
