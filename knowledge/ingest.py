"""Ingestion entry points used by the CLI and the demo loader."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from core.domain import ContentDoc, Product
from knowledge.store import IngestReport, KnowledgeBase

Progress = Callable[[int], None]


def ingest_products(
    kb: KnowledgeBase,
    products: Iterable[Product],
    full_sync: bool = True,
    on_progress: Progress | None = None,
) -> IngestReport:
    """Idempotent: unchanged products are skipped; with `full_sync` (the default, because the
    caller normally passes the whole catalogue) products missing from `products` are deleted."""
    return kb.sync_products(products, full_sync=full_sync, on_progress=on_progress)


def ingest_content(
    kb: KnowledgeBase,
    docs: Iterable[ContentDoc],
    full_sync: bool = True,
    on_progress: Progress | None = None,
) -> IngestReport:
    """Chunks each document (ids `f"{external_id}#{n}"`); counts are in chunks, not documents."""
    return kb.sync_content(docs, full_sync=full_sync, on_progress=on_progress)
