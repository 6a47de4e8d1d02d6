"""The real API app served by uvicorn on a local port, in a thread: the HTTP server itself is part of
what the fault tests exercise (how early a body is refused, what a client sees on the wire)."""
from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn


@contextmanager
def serving(app) -> Iterator[str]:
    """Yields the base URL while uvicorn serves `app`."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def raw_exchange(base_url: str, head: bytes, body_chunks=(), *, timeout: float = 10.0) -> tuple[bytes, int]:
    """Send a request by hand (`head` without the blank line), then body chunks until the server
    answers; returns (the start of the server's answer, how many body bytes it took before answering)."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as conn:
        conn.sendall(head + b"\r\n\r\n")
        sent = 0
        for chunk in body_chunks:
            if select.select([conn], [], [], 0)[0]:
                break  # the server has answered (or hung up): it will not read the rest
            try:
                conn.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError, TimeoutError):
                break
            sent += len(chunk)
        answer = b""
        try:
            while b"\r\n\r\n" not in answer and (data := conn.recv(65536)):
                answer += data
        except (ConnectionResetError, TimeoutError):
            pass
        return answer, sent
