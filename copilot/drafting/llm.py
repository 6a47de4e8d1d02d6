"""LLM writer: any OpenAI-compatible chat endpoint through langchain-openai's ChatOpenAI.

We ask for JSON mode (`response_format={"type": "json_object"}`), which generic servers (vLLM,
Ollama, DeepSeek, Qwen) support more widely than json_schema, and parse the answer ourselves,
tolerating code fences and chatter around the object. Every failure becomes an `LLMFailure`.
"""
from __future__ import annotations

import asyncio
import json
import weakref
from collections.abc import AsyncIterator, Callable

import httpx
import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from copilot.drafting.errors import LLMFailure, MalformedAnswer
from copilot.drafting.models import Adjust, DraftRequest, Written
from copilot.drafting.offline import OfflineWriter
from copilot.drafting.prompting import draft_messages
from core.settings import LLMSettings
from prompts.loader import PromptLibrary

JSON_MODE = {"type": "json_object"}
# ValueError: a 200 answer whose body or SSE event is not JSON surfaces as a JSONDecodeError.
_FAILURES = (openai.APIError, httpx.HTTPError, TimeoutError, ConnectionError, ValueError)


def parse_answer(text: str) -> Written:
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise MalformedAnswer(f"no JSON object in answer: {text[:80]!r}")
    try:
        data = json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise MalformedAnswer(f"invalid JSON in answer: {exc}") from exc
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, str) or not message.strip():
        raise MalformedAnswer("answer has no message")
    products = data.get("products") or []
    pairs = tuple(
        (str(p["sku"]), str(p.get("reason", "")))
        for p in (products if isinstance(products, list) else [])
        if isinstance(p, dict) and p.get("sku")
    )
    return Written(message.strip(), pairs)


def _text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return ""


class LLMWriter:
    name = "llm"

    def __init__(
        self,
        model: BaseChatModel | Callable[[], BaseChatModel],
        prompts: PromptLibrary,
        *,
        total_timeout: float = 60.0,
        json_mode: bool = True,
    ) -> None:
        # A factory gets one model per event loop: an async HTTP client's pooled connections
        # belong to the loop that opened them, and the bot, batch jobs (asyncio.run per job) and
        # tests each run their own loop.
        self._factory = model if not isinstance(model, BaseChatModel) else None
        self._fixed = model if isinstance(model, BaseChatModel) else None
        self._per_loop: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._prompts = prompts
        # The offline draft is the skeleton the model polishes: it carries the facts and structure.
        self._skeleton = OfflineWriter(prompts)
        self._total_timeout = total_timeout
        self._json_mode = json_mode

    @classmethod
    def from_settings(cls, settings: LLMSettings, prompts: PromptLibrary) -> LLMWriter:
        from langchain_openai import ChatOpenAI

        def model() -> BaseChatModel:
            return ChatOpenAI(
                base_url=settings.base_url,
                api_key=settings.api_key.get_secret_value() if settings.api_key else "not-needed",
                model=settings.model,
                timeout=settings.timeout_seconds,
                max_retries=settings.max_retries,
                temperature=settings.temperature,
                use_responses_api=False,  # generic OpenAI-compatible servers speak chat completions
                # langchain-openai's default async client is cached process-wide: own one instead.
                http_async_client=openai.DefaultAsyncHttpxClient(),
            )

        # The client's timeout is per attempt and per read; this bounds the whole call.
        total = settings.timeout_seconds * (settings.max_retries + 1) + 1.0
        return cls(model, prompts, total_timeout=total)

    @property
    def _model(self) -> BaseChatModel:
        if self._fixed is not None:
            return self._fixed
        loop = asyncio.get_running_loop()
        if loop not in self._per_loop:
            self._per_loop[loop] = self._factory()
        return self._per_loop[loop]

    async def write(
        self, request: DraftRequest, *, adjust: Adjust | None = None, n: int = 1, feedback: str = ""
    ) -> list[Written]:
        skeleton = self._skeleton.compose(request, adjust=adjust).message
        messages = draft_messages(
            self._prompts, request, skeleton, adjust=adjust, as_json=True, feedback=feedback
        )
        return await self.complete(messages, n=n)

    async def stream(self, request: DraftRequest, *, adjust: Adjust | None = None) -> AsyncIterator[str]:
        skeleton = self._skeleton.compose(request, adjust=adjust).message
        messages = draft_messages(self._prompts, request, skeleton, adjust=adjust, as_json=False)
        async for chunk in self.stream_messages(messages):
            yield chunk

    async def complete(self, messages: list[BaseMessage], *, n: int = 1) -> list[Written]:
        """`n` parsed answers; servers that ignore `n` get topped up with extra calls."""
        kwargs: dict = {"response_format": JSON_MODE} if self._json_mode else {}
        try:
            async with asyncio.timeout(self._total_timeout):
                texts = await self._generate(messages, n, kwargs)
                while len(texts) < n:
                    texts += await self._generate(messages, 1, kwargs)
        except _FAILURES as exc:
            raise LLMFailure(f"LLM call failed: {type(exc).__name__}: {exc}") from exc
        return [parse_answer(t) for t in texts[:n]]

    async def _generate(self, messages: list[BaseMessage], n: int, kwargs: dict) -> list[str]:
        extra = {"n": n} if n > 1 else {}
        result = await self._model.agenerate([messages], **kwargs, **extra)
        return [_text(g.message.content) for g in result.generations[0]]

    async def stream_messages(self, messages: list[BaseMessage]) -> AsyncIterator[str]:
        """Plain-text chunks as they arrive (the prompt asked for text, not JSON)."""
        try:
            async with asyncio.timeout(self._total_timeout):
                async for chunk in self._model.astream(messages):
                    if text := _text(chunk.content):
                        yield text
        except _FAILURES as exc:
            raise LLMFailure(f"LLM stream failed: {type(exc).__name__}: {exc}") from exc
