"""Composition helper: the one way the app builds its knowledge base from `Settings`."""
from __future__ import annotations

from core.settings import Settings
from knowledge import chroma
from knowledge.embeddings import Embedder
from knowledge.store import KnowledgeBase


def build_knowledge(settings: Settings, embedder: Embedder | None = None) -> KnowledgeBase:
    """Embedded `PersistentClient` in `settings.chroma_path`, or `HttpClient` when a host is set.
    Either way the product snapshot lives in the local data dir, and is checked against the
    collection's own metadata (on the server, if there is one) before it is used.

    Pass `embedder` to share one loaded model between several knowledge bases (tests, benches).
    """
    cfg = settings.chroma
    if cfg.host:
        client = chroma.http_client(cfg.host, cfg.port)
    else:
        client = chroma.persistent_client(settings.chroma_path)
    embedder = embedder or Embedder()
    embedder.warm_up()
    return KnowledgeBase(
        client,
        embedder,
        collection_prefix=cfg.collection_prefix,
        snapshot_dir=settings.data_dir / "snapshots",
    )
