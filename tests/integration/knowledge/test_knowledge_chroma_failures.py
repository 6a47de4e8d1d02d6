"""A Chroma server that fails after we connected reaches callers as `ExternalServiceError`.

The failures are real network ones: the `chroma run` server stopped, or a small relay in front of it
that starts answering HTTP 500 or stops answering at all.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from core.errors import ExternalServiceError
from knowledge import chroma
from knowledge.ingest import ingest_content, ingest_products
from knowledge.store import KnowledgeBase

from .conftest import sample_docs

HOP_BY_HOP = {"connection", "content-length", "transfer-encoding", "keep-alive"}


class Relay(ThreadingHTTPServer):
    """Forwards to the real server while `mode` is "forward"; else answers 500, or hangs."""

    daemon_threads = True
    mode = "forward"
    upstream = ""


class RelayHandler(BaseHTTPRequestHandler):
    server: Relay

    def _relay(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        if self.server.mode == "hang":
            time.sleep(5)
        if self.server.mode != "forward":
            self._answer(500, {}, b"Internal Server Error: upstream exploded")
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP | {"host"}}
        url = self.server.upstream + self.path
        res = httpx.request(self.command, url, headers=headers, content=body)
        self._answer(res.status_code, res.headers, res.content)

    def _answer(self, status: int, headers, body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            if key.lower() not in HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _relay

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def relay(chroma_server) -> Iterator[Relay]:
    server = Relay(("127.0.0.1", 0), RelayHandler)
    server.upstream = f"http://127.0.0.1:{chroma_server.port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def connect(port: int, embedder, tokenizer, tmp_path, **kw) -> KnowledgeBase:
    client = chroma.http_client("127.0.0.1", port, **kw)
    # refresh_seconds=0: every product search first asks the server whether anything changed.
    return KnowledgeBase(
        client, embedder, tokenizer=tokenizer, refresh_seconds=0, snapshot_dir=tmp_path / "snapshots"
    )


def test_a_chroma_server_that_stops_after_connecting_fails_searches_and_ingests_with_external_errors(
    chroma_server, embedder, tokenizer, catalogue, tmp_path
):
    kb = connect(chroma_server.port, embedder, tokenizer, tmp_path)
    ingest_products(kb, catalogue)
    ingest_content(kb, sample_docs())
    chroma_server.stop()
    with pytest.raises(ExternalServiceError, match="Chroma") as raised:
        kb.search_content("冬季干皮护理")
    assert "unavailable" in raised.value.user_message
    with pytest.raises(ExternalServiceError):
        ingest_products(kb, catalogue[:-1])
    with pytest.raises(ExternalServiceError):
        kb.chroma_search_products("玻璃奶瓶")
    with pytest.raises(ExternalServiceError):
        kb.refresh()


def test_product_search_keeps_answering_from_memory_while_the_chroma_server_is_down(
    chroma_server, embedder, tokenizer, catalogue, tmp_path
):
    kb = connect(chroma_server.port, embedder, tokenizer, tmp_path)
    ingest_products(kb, catalogue)
    chroma_server.stop()
    assert kb.search_products("玻璃奶瓶", top_k=1)[0].sku == "BB-3002"


def test_http_500_answers_after_connecting_become_external_service_errors(
    relay, embedder, tokenizer, catalogue, tmp_path
):
    kb = connect(relay.server_port, embedder, tokenizer, tmp_path)
    ingest_content(kb, sample_docs())
    relay.mode = "fail"
    with pytest.raises(ExternalServiceError, match="upstream exploded"):
        ingest_products(kb, catalogue)
    with pytest.raises(ExternalServiceError, match="upstream exploded"):
        kb.search_content("冬季干皮护理")


def test_a_chroma_server_that_stops_answering_times_out_as_an_external_service_error(
    relay, embedder, tokenizer, catalogue, tmp_path
):
    kb = connect(relay.server_port, embedder, tokenizer, tmp_path, timeout_seconds=0.5)
    ingest_products(kb, catalogue)
    relay.mode = "hang"
    with pytest.raises(ExternalServiceError, match="timed out"):
        kb.chroma_search_products("玻璃奶瓶")
