"""Content (articles, scripts, briefs): chunk, write only changed chunks, drop stale ones, query."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from chromadb.api import ClientAPI

from core.domain import ContentDoc
from core.ports import ContentHit
from knowledge import chroma
from knowledge.documents import Chunk, chunk_content
from knowledge.embeddings import Embedder, USEEmbeddingFunction


class ContentStore:
    def __init__(self, client: ClientAPI, name: str, embedder: Embedder) -> None:
        self.collection = chroma.open_collection(
            client, name, USEEmbeddingFunction(embedder)
        )
        self._embedder = embedder
        # id -> (source_id, hash): enough to make re-ingest a no-op without reading vectors.
        self._known = {
            cid: (str(meta["source_id"]), str(meta["hash"]))
            for cid, meta, _ in chroma.read_all(self.collection, embeddings=False)
        }

    def sync(
        self, docs: list[ContentDoc], full_sync: bool, on_progress: Callable[[int], None] | None
    ) -> dict[str, int]:
        latest = {d.external_id: d for d in docs}
        chunks = [c for d in latest.values() for c in chunk_content(d)]
        changed = [c for c in chunks if self._known.get(c.id, ("", ""))[1] != c.metadata["hash"]]
        if on_progress is not None:
            on_progress(len(chunks) - len(changed))
        # A shorter new version leaves its old tail chunks behind unless we drop them.
        wanted = {c.id for c in chunks}
        stale = [
            cid
            for cid, (source, _) in self._known.items()
            if cid not in wanted and (source in latest or full_sync)
        ]
        updated = [c.id for c in changed if c.id in self._known]
        chroma.delete(self.collection, updated + stale)
        vectors = self._embedder.encode([_embed_text(c) for c in changed], on_batch=on_progress)
        chroma.upsert(
            self.collection,
            [c.id for c in changed],
            vectors,
            [c.text for c in changed],
            [c.metadata for c in changed],
        )
        for cid in stale:
            del self._known[cid]
        self._known.update({c.id: (str(c.metadata["source_id"]), c.metadata["hash"]) for c in changed})
        return {
            "inserted": len(changed) - len(updated),
            "updated": len(updated),
            "unchanged": len(chunks) - len(changed),
            "deleted": len(stale),
        }

    def search(self, vector: np.ndarray, top_k: int) -> list[ContentHit]:
        if not self._known:
            return []
        n = min(top_k, len(self._known))
        res = chroma.query(self.collection, vector, n, None, ["documents", "metadatas", "distances"])
        rows = zip(res["documents"][0], res["metadatas"][0], res["distances"][0])  # type: ignore[index]
        return [
            ContentHit(str(m["source_id"]), str(m["title"]), text, 1.0 - float(d), dict(m))
            for text, m, d in rows
        ]


def _embed_text(chunk: Chunk) -> str:
    # The title gives a short chunk its topic ("冬季干皮护理" + one paragraph).
    return f"{chunk.metadata['title']}\n{chunk.text}"
