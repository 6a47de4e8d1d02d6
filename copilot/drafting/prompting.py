"""Build the LLM's messages from a DraftRequest.

Customer text (tags, notes, their message) goes inside a <data> block as JSON strings with angle
brackets defanged, so it reads as quoted data and cannot close the block or pose as a section.
"""
from __future__ import annotations

import json

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from copilot.drafting.models import Adjust, DraftRequest, ProductFact
from copilot.drafting.text import defang
from prompts.loader import PromptLibrary

NONE = {"zh": "（无）", "en": "(none)"}


def product_lines(products: tuple[ProductFact, ...], language: str) -> str:
    if not products:
        return NONE[language]
    return "\n".join(
        f"- sku: {p.sku} | name: {p.name} | price: {p.price_text} | category: {p.category}"
        f" | facts: {p.description} | why for this customer: {p.reason}"
        for p in products
    )


def customer_block(request: DraftRequest) -> str:
    facts = request.customer
    data = {
        "first_name": facts.first_name,
        "last_purchase": facts.last_purchase,
        "days_since_last_purchase": facts.last_purchase_days,
        "tags": list(facts.tags),
        "guide_note": facts.note,
        "customer_message": facts.message,
    }
    shown = {k: v for k, v in data.items() if v not in ("", None, [])}
    return defang(json.dumps(shown, ensure_ascii=False, indent=1))


def content_block(snippets: tuple[str, ...], language: str) -> str:
    if not snippets:
        return NONE[language]
    return "\n".join(f"- {defang(s)}" for s in snippets)


def draft_messages(
    prompts: PromptLibrary,
    request: DraftRequest,
    skeleton: str,
    *,
    adjust: Adjust | None = None,
    as_json: bool = True,
    feedback: str = "",
) -> list[BaseMessage]:
    lang = request.language
    tone = request.persona.tone if request.persona.tone in ("warm", "formal", "playful") else "warm"
    emoji = request.persona.emoji
    if adjust == Adjust.MORE_FORMAL:
        tone, emoji = "formal", False
    system = prompts.render(
        "system",
        lang,
        guide_name=request.guide_name,
        tone=prompts.phrase(lang, f"tone.{tone}"),
        emoji_rule=prompts.phrase(lang, "emoji.on" if emoji else "emoji.off"),
        max_chars=request.max_chars,
        output_rule=prompts.phrase(lang, "output.json" if as_json else "output.text"),
    )
    extra = [prompts.phrase(lang, f"adjust.{adjust.value}")] if adjust else []
    if feedback:
        extra.append(feedback)
    user = prompts.render(
        "llm_user",
        lang,
        goal=prompts.phrase(lang, f"goal.{request.kind.value}"),
        adjust="\n".join(extra),
        customer=customer_block(request),
        products=product_lines(request.products, lang),
        brief=defang(request.brief) or NONE[lang],
        content=content_block(request.snippets, lang),
        skeleton=skeleton,
    )
    return [SystemMessage(system), HumanMessage(user)]


def qa_messages(
    prompts: PromptLibrary,
    question: str,
    language: str,
    products: tuple[ProductFact, ...],
    snippets: tuple[str, ...],
    max_chars: int,
) -> list[BaseMessage]:
    system = prompts.render("qa_system", language, max_chars=max_chars)
    user = prompts.render(
        "qa_user",
        language,
        question=defang(question),
        products=product_lines(products, language),
        content=content_block(snippets, language),
    )
    return [SystemMessage(system), HumanMessage(user)]
