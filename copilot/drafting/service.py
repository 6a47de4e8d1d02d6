"""The Drafter: one entry point for drafts, streamed drafts and guide Q&A.

Whatever writes a draft, guardrails check it. An LLM draft that breaks a rule loses the offending
sentences if most of it survives, else is regenerated once, else replaced by the offline draft with
a note saying why. An LLM timeout, HTTP error or malformed answer falls back the same way, so the
guide always gets a usable draft.
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace

from copilot.drafting.errors import LLMFailure
from copilot.drafting.guardrails import GuardContext, Guardrails, GuardResult
from copilot.drafting.llm import LLMWriter, parse_answer
from copilot.drafting.models import Adjust, Answer, Draft, DraftEvent, DraftRequest, Written
from copilot.drafting.names import CatalogueIndex
from copilot.drafting.offline import OfflineWriter
from copilot.drafting.qa import QA
from copilot.drafting.text import split_sentences
from core.domain import Product
from core.ports import KnowledgeSearch
from core.settings import LLMSettings
from prompts.loader import PromptLibrary

SHORTER_MAX_CHARS = 280


class Drafter:
    def __init__(
        self, prompts: PromptLibrary, catalogue: Sequence[Product], *, llm: LLMWriter | None = None
    ) -> None:
        self._prompts = prompts
        self._offline = OfflineWriter(prompts)
        self._llm = llm
        self.update_catalogue(catalogue)

    @classmethod
    def from_settings(
        cls, settings: LLMSettings, catalogue: Sequence[Product], prompts: PromptLibrary | None = None
    ) -> Drafter:
        prompts = prompts or PromptLibrary()
        llm = LLMWriter.from_settings(settings, prompts) if settings.enabled else None
        return cls(prompts, catalogue, llm=llm)

    @property
    def llm_enabled(self) -> bool:
        return self._llm is not None

    def update_catalogue(self, catalogue: Sequence[Product]) -> None:
        """Rebuild the product-name index, e.g. after an import."""
        self._guard = Guardrails(CatalogueIndex(catalogue))
        self._qa = QA(self._prompts, {p.sku: p for p in catalogue}, self._guard, self._llm)

    async def draft(
        self, request: DraftRequest, *, adjust: Adjust | None = None, variants: int = 1
    ) -> list[Draft]:
        request = _adjusted(request, adjust)
        if self._llm is None:
            return [self.offline_draft(request, adjust=adjust, variant=i) for i in range(variants)]
        try:
            written = await self._llm.write(request, adjust=adjust, n=variants)
        except LLMFailure as exc:
            note = f"fell back to offline writer: {exc}"
            return [self.offline_draft(request, adjust=adjust, variant=i, note=note) for i in range(variants)]
        return [await self._checked(request, w, adjust, i) for i, w in enumerate(written)]

    def draft_blocking(
        self, request: DraftRequest, *, adjust: Adjust | None = None, variants: int = 1
    ) -> list[Draft]:
        """For synchronous callers (batch jobs, CLI); never call from inside a running loop."""
        return asyncio.run(self.draft(request, adjust=adjust, variants=variants))

    async def stream(self, request: DraftRequest, *, adjust: Adjust | None = None) -> AsyncIterator[DraftEvent]:
        request = _adjusted(request, adjust)
        if self._llm is None:
            draft = self.offline_draft(request, adjust=adjust)
            for piece in split_sentences(draft.message):
                yield DraftEvent(delta=piece)
            yield DraftEvent(draft=draft)
            return
        parts: list[str] = []
        try:
            async for chunk in self._llm.stream(request, adjust=adjust):
                parts.append(chunk)
                yield DraftEvent(delta=chunk)
        except LLMFailure as exc:
            note = f"fell back to offline writer: {exc}"
            yield DraftEvent(draft=self.offline_draft(request, adjust=adjust, note=note))
            return
        yield DraftEvent(draft=await self._checked(request, _streamed(parts), adjust, 0))

    async def answer_question(
        self, question: str, language: str, knowledge: KnowledgeSearch, *, top_k: int = 3
    ) -> Answer:
        return await self._qa.answer(question, language, knowledge, top_k=top_k)

    def offline_draft(
        self, request: DraftRequest, *, adjust: Adjust | None = None, variant: int = 0, note: str = ""
    ) -> Draft:
        written = self._offline.compose(request, adjust=adjust, variant=variant)
        result = self._guard.check(written.message, GuardContext.of(request))
        notes = [note] if note else []
        notes += _result_notes(result)
        return Draft(result.text, written.products, "offline", tuple(notes), variant)

    async def _checked(
        self, request: DraftRequest, written: Written, adjust: Adjust | None, variant: int
    ) -> Draft:
        context = GuardContext.of(request)
        result = self._guard.check(written.message, context)
        notes: list[str] = []
        if not result.clean and not result.usable:
            feedback = self._prompts.phrase(
                request.language, "feedback", problems="; ".join(result.problems)
            )
            notes.append("regenerated once: " + "; ".join(result.problems))
            try:
                [written] = await self._llm.write(request, adjust=adjust, n=1, feedback=feedback)
            except LLMFailure as exc:
                return self.offline_draft(request, adjust=adjust, variant=variant,
                                          note=f"fell back to offline writer: {exc}")
            result = self._guard.check(written.message, context)
            if not result.clean and not result.usable:
                note = "fell back to offline writer: guardrails: " + "; ".join(result.problems)
                return self.offline_draft(request, adjust=adjust, variant=variant, note=note)
        notes += _result_notes(result)
        known = {p.sku for p in request.products}
        notes += [f"dropped {sku} from the product list: not a candidate"
                  for sku, _ in written.products if sku not in known]
        return Draft(result.text, self._products(written, result.text, request), "llm", tuple(notes), variant)

    def _products(self, written: Written, text: str, request: DraftRequest) -> tuple[tuple[str, str], ...]:
        """The model's product list, limited to candidates; else the candidates the text names."""
        facts = {p.sku: p for p in request.products}
        chosen = [(sku, why or facts[sku].reason) for sku, why in written.products if sku in facts]
        if not chosen:
            named = {sku for mention in self._guard.mentions(text) for sku in mention}
            chosen = [(p.sku, p.reason) for p in request.products if p.sku in named]
        return tuple(dict(chosen).items())


def _adjusted(request: DraftRequest, adjust: Adjust | None) -> DraftRequest:
    if adjust == Adjust.SHORTER:
        return replace(request, max_chars=min(request.max_chars, SHORTER_MAX_CHARS))
    return request


def _streamed(parts: list[str]) -> Written:
    text = "".join(parts).strip()
    # Some models answer JSON even when asked for text; take its message if so.
    if text.startswith("{"):
        try:
            return parse_answer(text)
        except LLMFailure:
            pass  # not JSON after all: the text itself is the draft, and guardrails judge it
    return Written(text.strip('"“” '))


def _result_notes(result: GuardResult) -> list[str]:
    notes = []
    if result.removed:
        notes.append(f"removed {result.removed} sentence(s): " + "; ".join(result.problems))
    if result.trimmed:
        notes.append("trimmed to fit the length limit")
    return notes
