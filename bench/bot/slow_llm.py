"""A local OpenAI-compatible chat server that takes `delay` seconds per answer, for bench/bot."""
from __future__ import annotations

import asyncio
import json
import socket
import threading
import time

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse


class SlowLLM:
    def __init__(self, delay: float) -> None:
        self.delay, self.requests = delay, 0
        app = FastAPI()
        app.post("/v1/chat/completions")(self._answer)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> SlowLLM:
        self._thread.start()
        while not self._server.started:
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True

    async def _answer(self, request: Request):
        body = await request.json()
        self.requests += 1
        await asyncio.sleep(self.delay)
        text = json.dumps({"message": "您好，最近天气转凉，记得保湿。"}, ensure_ascii=False)
        if not body.get("stream"):
            return JSONResponse({"id": "x", "object": "chat.completion", "created": 0, "model": "slow", "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}]})

        async def chunks():
            for part in (text[: len(text) // 2], text[len(text) // 2:]):
                delta = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "slow",
                         "choices": [{"index": 0, "delta": {"content": part}, "finish_reason": None}]}
                yield f"data: {json.dumps(delta, ensure_ascii=False)}\n\n"
            yield "data: [DONE]\n\n"

        return StreamingResponse(chunks(), media_type="text/event-stream")
