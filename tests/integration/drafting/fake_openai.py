"""A local OpenAI-compatible chat-completions server with scripted answers, for LLM tests.

Each request pops the next scripted `Reply` (content per choice, optional delay, HTTP status or a
raw malformed body) and is recorded, so tests can assert what was sent. Serves both JSON and SSE.
"""
from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from dataclasses import dataclass, field

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse


@dataclass
class Reply:
    contents: list[str] = field(default_factory=list)  # one per choice
    delay: float = 0.0
    status: int = 200
    raw: str | None = None  # sent verbatim instead of a well-formed body


def _completion(contents: list[str]) -> dict:
    choices = [
        {"index": i, "message": {"role": "assistant", "content": c}, "finish_reason": "stop"}
        for i, c in enumerate(contents)
    ]
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "fake",
            "choices": choices, "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def _chunk(delta: dict, finish: str | None = None) -> str:
    body = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0, "model": "fake",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


class FakeOpenAI:
    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.requests: list[dict] = []
        self.raw_bodies: list[str] = []
        self.ignore_n = False  # like servers that always answer one choice
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self._handle)
        self.port = _free_port()
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake OpenAI server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)

    def reset(self, *replies: Reply, ignore_n: bool = False) -> None:
        self.script = list(replies)
        self.ignore_n = ignore_n
        self.requests.clear()
        self.raw_bodies.clear()

    async def _handle(self, request: Request):
        raw = (await request.body()).decode("utf-8")
        self.raw_bodies.append(raw)
        body = json.loads(raw)
        self.requests.append(body)
        if not self.script:
            return JSONResponse({"error": {"message": "no scripted reply"}}, status_code=500)
        reply = self.script.pop(0)
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.status != 200:
            return JSONResponse({"error": {"message": "scripted failure"}}, status_code=reply.status)
        if reply.raw is not None:
            kind = "text/event-stream" if body.get("stream") else "application/json"
            return PlainTextResponse(reply.raw, media_type=kind)
        if body.get("stream"):
            return StreamingResponse(_sse(reply.contents[0]), media_type="text/event-stream")
        choices = 1 if self.ignore_n else body.get("n") or 1
        return JSONResponse(_completion(reply.contents[:choices]))


async def _sse(content: str):
    yield _chunk({"role": "assistant", "content": ""})
    step = max(len(content) // 4, 1)
    for i in range(0, len(content), step):
        yield _chunk({"content": content[i : i + step]})
        await asyncio.sleep(0)
    yield _chunk({}, "stop")
    yield "data: [DONE]\n\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
