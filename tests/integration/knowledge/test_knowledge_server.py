"""The production shape: a Chroma server reached with `HttpClient` when settings name a host."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

from core.errors import ExternalServiceError
from core.settings import load_settings
from knowledge.factory import build_knowledge
from knowledge.ingest import ingest_products


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path) -> Iterator[int]:
    """`chroma run` (shipped with chromadb) on a free port, stopped after the test."""
    binary = shutil.which("chroma")
    if binary is None:
        pytest.skip("the chroma server binary is not on PATH")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "run", "--path", str(tmp_path / "server"), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_with_a_host_configured_the_knowledge_base_lives_on_the_chroma_server(
    chroma_server, embedder, catalogue, tmp_path
):
    settings = load_settings(data_dir=tmp_path, chroma={"host": "127.0.0.1", "port": chroma_server})
    ingest_products(build_knowledge(settings, embedder), catalogue)
    reopened = build_knowledge(settings, embedder)
    assert reopened.product_count() == len(catalogue)
    assert reopened.search_products("玻璃奶瓶", top_k=1)[0].sku == "BB-3002"
    assert not (tmp_path / "chroma").exists()  # nothing embedded on the side


def test_an_unreachable_chroma_server_raises_an_external_service_error(embedder, tmp_path):
    settings = load_settings(data_dir=tmp_path, chroma={"host": "127.0.0.1", "port": free_port()})
    with pytest.raises(ExternalServiceError):
        build_knowledge(settings, embedder)
