"""Opening a large knowledge base: reading the products back from Chroma vs the local snapshot.

One persisted collection, one process, three opens in a row: with snapshots off (what every open
cost before snapshots), the first with them on (reads Chroma, then writes the snapshot), and a second
(loads the snapshot). Each open ends with the same in-memory index (BM25, coarse projection) built.
"""
from __future__ import annotations

import time
from pathlib import Path

from knowledge import snapshot
from knowledge.embeddings import Embedder
from knowledge.lexical import Tokenizer
from knowledge.store import KnowledgeBase


def run(chroma_dir: Path, embedder: Embedder) -> KnowledgeBase:
    """Prints the three open times and their ratio; returns the base opened from the snapshot."""
    snapshots = chroma_dir.parent / "snapshots"
    tokenizer = Tokenizer()  # loaded once, outside the timings
    chroma_s, kb = _timed(chroma_dir, embedder, tokenizer, None)
    n = kb.product_count()
    del kb  # let the first copy go before the next one is built
    writing_s, _ = _timed(chroma_dir, embedder, tokenizer, snapshots)
    snapshot_s, kb = _timed(chroma_dir, embedder, tokenizer, snapshots)
    size_mb = snapshot.path_for(snapshots, kb.products.name).stat().st_size / 1e6
    print(f"\nopen {n:,} products (load into numpy + BM25 + coarse projection), s:")
    print(f"  from Chroma (no snapshot)             {chroma_s:7.2f}")
    print(f"  from Chroma, then writing a snapshot  {writing_s:7.2f}   ({size_mb:,.0f} MB file)")
    print(f"  from the snapshot                     {snapshot_s:7.2f}")
    print(f"  ratio Chroma / snapshot               {chroma_s / snapshot_s:7.1f}x")
    return kb


def _timed(chroma_dir: Path, embedder: Embedder, tokenizer: Tokenizer, snapshots: Path | None):
    started = time.perf_counter()
    kb = KnowledgeBase.open(chroma_dir, embedder, tokenizer=tokenizer, snapshot_dir=snapshots)
    return time.perf_counter() - started, kb
