"""Guide Q&A: "what do I recommend for dry skin in winter?", answered from the knowledge base.

The answer lists the in-stock products and the content it used. With an LLM configured the model
phrases it, under the same guardrails as drafts; otherwise (or when the model fails) the answer is
composed from the product facts.
"""
from __future__ import annotations

from collections.abc import Mapping

from copilot.drafting.errors import LLMFailure
from copilot.drafting.guardrails import GuardContext, Guardrails
from copilot.drafting.models import Answer, ProductFact
from copilot.drafting.prompting import qa_messages
from copilot.drafting.text import scrub, split_sentences
from core.domain import Product
from core.ports import ContentHit, KnowledgeSearch, SearchFilters
from prompts.loader import LANGUAGES, PromptLibrary

QA_MAX_CHARS = 800


class QA:
    def __init__(self, prompts: PromptLibrary, catalogue: Mapping[str, Product], guard: Guardrails, llm) -> None:
        self._prompts = prompts
        self._catalogue = catalogue
        self._guard = guard
        self._llm = llm

    async def answer(self, question: str, language: str, knowledge: KnowledgeSearch, *, top_k: int = 3) -> Answer:
        language = language if language in LANGUAGES else "en"
        question = scrub(question, 300)  # a guide may paste a customer's message with their number
        hits = knowledge.search_products(question, top_k=top_k * 3, filters=SearchFilters(in_stock=True))
        products = [self._catalogue.get(h.sku) for h in hits]
        # The index may lag the catalogue: check stock and status on our own data.
        sellable = [p for p in products if p is not None and p.active and p.in_stock][:top_k]
        facts = tuple(ProductFact.of(p, language) for p in sellable)
        content = knowledge.search_content(question, top_k=3)
        sources = tuple({c.source_id: c.title for c in content}.items())
        listed = tuple((f.sku, f.name) for f in facts)
        offline = self._offline_text(question, language, facts, content)
        if self._llm is None or not facts:
            return Answer(offline, listed, sources, "offline")
        context = GuardContext(
            language=language,
            products=facts,
            trusted=tuple(f"{f.name} {f.price_text} {f.description}" for f in facts)
            + tuple(c.text for c in content),
            names=tuple(n for f in facts for n in (f.name, *f.aliases)),
            max_chars=QA_MAX_CHARS,
        )
        messages = qa_messages(self._prompts, question, language, facts, tuple(c.text for c in content), QA_MAX_CHARS)
        try:
            [written] = await self._llm.complete(messages)
        except LLMFailure as exc:
            return Answer(offline, listed, sources, "offline", (f"fell back to offline answer: {exc}",))
        result = self._guard.check(written.message, context)
        if not (result.clean or result.usable):
            note = "fell back to offline answer: guardrails: " + "; ".join(result.problems)
            return Answer(offline, listed, sources, "offline", (note,))
        return Answer(result.text, listed, sources, "llm", result.problems)

    def _offline_text(
        self, question: str, language: str, facts: tuple[ProductFact, ...], content: list[ContentHit]
    ) -> str:
        phrase = self._prompts.phrase
        short_q = question.strip()[:60]
        if not facts:
            return phrase(language, "qa.none", question=short_q)
        lines = [phrase(language, "qa.intro", question=short_q)]
        for f in facts:
            first = split_sentences(f.description)[0].strip() if f.description else ""
            item = (phrase(language, "qa.item", name=f.name, price=f.price_text, description=first)
                    if first else phrase(language, "item.bare", name=f.name, price=f.price_text))
            lines.append("• " + item)
        if content:
            sep = "、" if language == "zh" else ", "
            titles = sep.join(dict.fromkeys(c.title for c in content if c.title))
            if titles:
                lines.append(phrase(language, "qa.sources", titles=titles))
        return "\n".join(lines)
