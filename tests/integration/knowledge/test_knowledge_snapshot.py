"""Opening from the local snapshot: the same answers as reading Chroma, and never a stale copy."""
from __future__ import annotations

import dataclasses
import shutil
import uuid

import numpy as np
import pytest

from core.ports import SearchFilters
from knowledge import chroma, snapshot
from knowledge.ingest import ingest_products
from knowledge.products import PENDING
from knowledge.store import KnowledgeBase

QUERIES = [
    ("玻璃奶瓶", SearchFilters()),
    ("moisturizing cream for dry skin", SearchFilters(in_stock=True)),
    ("保暖外套", SearchFilters(store="S03", max_price=2000)),
    ("coffee", SearchFilters(language="en", category="food")),
]


@pytest.fixture
def open_kb(tmp_path, embedder, tokenizer):
    def opener(**kw) -> KnowledgeBase:
        return KnowledgeBase.open(tmp_path / "chroma", embedder, tokenizer=tokenizer, **kw)

    return opener


@pytest.fixture
def snapshot_file(tmp_path):
    return tmp_path / "snapshots" / "gc_products.npz"


def answers(kb: KnowledgeBase) -> list[list[tuple[str, float]]]:
    hits = [kb.search_products(query, top_k=5, filters=filters) for query, filters in QUERIES]
    return [[(h.sku, round(h.score, 6)) for h in found] for found in hits]


def in_stock(kb: KnowledgeBase, query: str) -> set[str]:
    return {h.sku for h in kb.search_products(query, top_k=20, filters=SearchFilters(in_stock=True))}


def current_tag(kb: KnowledgeBase) -> snapshot.Tag:
    return snapshot.Tag(str(kb.products.id), kb.products.metadata["generation"], kb.products.count())


def test_an_ingest_writes_a_snapshot_tagged_with_the_collections_generation(
    loaded_kb, open_kb, snapshot_file
):
    saved = snapshot.read(snapshot_file, current_tag(open_kb(snapshot_dir=None)))
    assert saved is not None and sorted(saved.skus) == sorted(loaded_kb.index.skus)


def test_a_reopened_base_answers_from_its_snapshot_exactly_as_one_read_from_chroma(
    loaded_kb, open_kb, snapshot_file
):
    written = snapshot_file.stat()
    from_snapshot, from_chroma = open_kb(), open_kb(snapshot_dir=None)
    assert snapshot_file.stat().st_ino == written.st_ino  # used as it was, not rebuilt
    assert answers(from_snapshot) == answers(from_chroma) == answers(loaded_kb)
    assert from_snapshot.index.skus == from_chroma.index.skus
    # The snapshot holds the writer's vectors; Chroma hands back its stored copy up to a float32 ulp.
    assert np.allclose(from_snapshot.index.vectors, from_chroma.index.vectors, rtol=0, atol=1e-7)
    assert from_snapshot.index.names == from_chroma.index.names


@pytest.mark.parametrize("change", ["a product removed", "a product out of stock"])
def test_a_snapshot_older_than_the_collection_is_ignored_and_rebuilt(
    loaded_kb, open_kb, catalogue, snapshot_file, tmp_path, change
):
    old = shutil.copy(snapshot_file, tmp_path / "old.npz")
    if change == "a product removed":
        catalogue = catalogue[:-1]
    else:
        catalogue[-1] = dataclasses.replace(catalogue[-1], in_stock=False)
    ingest_products(loaded_kb, catalogue)
    shutil.copy(old, snapshot_file)  # as if the re-ingest ran elsewhere, or died before its snapshot
    stale = snapshot_file.stat().st_ino
    reopened = open_kb()
    assert "HM-5001" not in in_stock(reopened, "空气净化器")
    assert snapshot_file.stat().st_ino != stale
    assert snapshot.read(snapshot_file, current_tag(reopened)) is not None


def test_a_write_that_never_finished_leaves_the_snapshot_untrusted(loaded_kb, open_kb):
    # A writer that died after its first Chroma write: the pending stamp, one record changed.
    chroma.stamp_generation(loaded_kb.products, PENDING + uuid.uuid4().hex)
    loaded_kb.products.update(ids=["HM-5001"], metadatas=[{"in_stock": False}])
    assert "HM-5001" not in in_stock(open_kb(), "空气净化器")


def truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def flip_a_byte_in_the_vectors(data: bytes) -> bytes:
    at = len(data) // 2  # the vectors are most of the file
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]


def garbage(data: bytes) -> bytes:
    return b"not a snapshot" * 10


@pytest.mark.parametrize("damage", [truncate, flip_a_byte_in_the_vectors, garbage, lambda _: b""])
def test_a_damaged_snapshot_file_is_ignored_and_rebuilt(loaded_kb, open_kb, snapshot_file, damage):
    snapshot_file.write_bytes(damage(snapshot_file.read_bytes()))
    damaged = snapshot_file.stat().st_ino
    reopened = open_kb()
    assert answers(reopened) == answers(open_kb(snapshot_dir=None))
    assert snapshot_file.stat().st_ino != damaged  # replaced, not trusted
    assert snapshot.read(snapshot_file, current_tag(reopened)) is not None


def test_without_a_snapshot_dir_nothing_but_chroma_is_written(open_kb, catalogue, tmp_path):
    ingest_products(open_kb(snapshot_dir=None), catalogue)
    open_kb(snapshot_dir=None)
    assert [p.name for p in tmp_path.iterdir()] == ["chroma"]
