"""The production shape: a Chroma server reached with `HttpClient` when settings name a host."""
from __future__ import annotations

import dataclasses

import pytest

from core.errors import ExternalServiceError
from core.ports import SearchFilters
from core.settings import load_settings
from knowledge.factory import build_knowledge
from knowledge.ingest import ingest_products

from .conftest import free_port


def server_settings(data_dir, port: int):
    return load_settings(data_dir=data_dir, chroma={"host": "127.0.0.1", "port": port})


def test_with_a_host_configured_the_knowledge_base_lives_on_the_chroma_server(
    chroma_server, embedder, catalogue, tmp_path
):
    settings = server_settings(tmp_path, chroma_server.port)
    ingest_products(build_knowledge(settings, embedder), catalogue)
    reopened = build_knowledge(settings, embedder)
    assert reopened.product_count() == len(catalogue)
    assert reopened.search_products("玻璃奶瓶", top_k=1)[0].sku == "BB-3002"
    assert not (tmp_path / "chroma").exists()  # nothing embedded on the side
    assert (tmp_path / "snapshots" / "gc_products.npz").exists()  # only the local snapshot


def test_a_local_snapshot_is_checked_against_the_servers_collection_before_it_is_used(
    chroma_server, embedder, catalogue, tmp_path
):
    here = server_settings(tmp_path / "here", chroma_server.port)
    ingest_products(build_knowledge(here, embedder), catalogue)
    # Another host re-ingests the shared collection; its snapshot is written in its own data dir.
    catalogue[-1] = dataclasses.replace(catalogue[-1], in_stock=False)
    there = server_settings(tmp_path / "there", chroma_server.port)
    ingest_products(build_knowledge(there, embedder), catalogue)
    reopened = build_knowledge(here, embedder)
    hits = reopened.search_products("空气净化器", top_k=20, filters=SearchFilters(in_stock=True))
    assert "HM-5001" not in {h.sku for h in hits}


def test_an_unreachable_chroma_server_raises_an_external_service_error(embedder, tmp_path):
    with pytest.raises(ExternalServiceError):
        build_knowledge(server_settings(tmp_path, free_port()), embedder)
