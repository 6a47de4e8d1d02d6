"""The embedded default writer: natural copy from the templates and the facts, no network.

Deterministic: the same request, adjustment and variant always give the same text. Variants for
A/B tests differ in how much they say (odd variants name one product and sign off briefly).
"""
from __future__ import annotations

from collections.abc import AsyncIterator

from copilot.drafting.models import Adjust, DraftRequest, ProductFact, Written
from copilot.drafting.text import cjk_ratio, split_sentences, tidy
from prompts.loader import PromptLibrary

MAX_PRODUCTS = 3
_SEPARATORS = {"zh": "；", "en": "; "}
_END = {"zh": "。", "en": "."}
_GAP = {"zh": "", "en": " "}


class OfflineWriter:
    name = "offline"

    def __init__(self, prompts: PromptLibrary) -> None:
        self._prompts = prompts

    async def write(
        self, request: DraftRequest, *, adjust: Adjust | None = None, n: int = 1
    ) -> list[Written]:
        return [self.compose(request, adjust=adjust, variant=i) for i in range(n)]

    async def stream(self, request: DraftRequest, *, adjust: Adjust | None = None) -> AsyncIterator[str]:
        for sentence in split_sentences(self.compose(request, adjust=adjust).message):
            yield sentence

    def compose(self, request: DraftRequest, *, adjust: Adjust | None = None, variant: int = 0) -> Written:
        lang = request.language
        tone, emoji = _tone(request, adjust)
        brief_mode = adjust != Adjust.SHORTER and variant % 2 == 0
        count = 1 if not brief_mode else MAX_PRODUCTS
        products = request.products[:count]
        phrase = self._prompts.phrase
        values = {
            "greeting": self._greeting(request, tone),
            "guide_name": request.guide_name,
            "last_purchase": self._last_purchase(request) if brief_mode else "",
            "products": self._products(lang, products),
            "brief": self._brief(request) if brief_mode else "",
            "closing": phrase(lang, f"closing.{tone}" if brief_mode else "closing_short",
                              guide_name=request.guide_name),
        }
        if adjust == Adjust.WARMER:
            values["greeting"] += " " + phrase(lang, "warmer")
        if emoji and (mark := phrase(lang, f"emoji.{tone}")):
            values["products" if products else "greeting"] += _GAP[lang] + mark
        wanted = self._prompts.variables(request.kind.value)
        text = self._prompts.render(request.kind.value, lang, **{k: values[k] for k in wanted})
        return Written(tidy(text, lang), tuple((p.sku, p.reason) for p in products))

    def _greeting(self, request: DraftRequest, tone: str) -> str:
        name = request.customer.first_name
        if name:
            return self._prompts.phrase(request.language, f"greeting.{tone}", name=name)
        return self._prompts.phrase(request.language, f"greeting_anon.{tone}")

    def _last_purchase(self, request: DraftRequest) -> str:
        facts, lang = request.customer, request.language
        if not facts.last_purchase:
            return ""
        days = facts.last_purchase_days
        if days is None:
            when = self._prompts.phrase(lang, "when.recent")
        elif days < 45:
            when = self._prompts.phrase(lang, "when.days", n=days)
        else:
            when = self._prompts.phrase(lang, "when.months", n=round(days / 30))
        key = f"last_purchase.{request.kind.value}"
        key = key if self._prompts.has_phrase(lang, key) else "last_purchase"
        return self._prompts.phrase(lang, key, product=facts.last_purchase, when=when)

    def _products(self, lang: str, products: tuple[ProductFact, ...]) -> str:
        if not products:
            return ""
        items = [
            self._prompts.phrase(lang, "item", name=p.name, price=p.price_text, reason=p.reason)
            if p.reason
            else self._prompts.phrase(lang, "item.bare", name=p.name, price=p.price_text)
            for p in products
        ]
        if len(items) == 1:
            return self._prompts.phrase(lang, "products.one", item=items[0])
        return self._prompts.phrase(lang, "products.many", items=_SEPARATORS[lang].join(items))

    def _brief(self, request: DraftRequest) -> str:
        brief = request.brief.strip()
        # A brief written in the other language would break the customer's language: leave it out.
        if not brief or (cjk_ratio(brief) >= 0.4) != (request.language == "zh"):
            return ""
        if brief[-1] not in "。！？!?.…":
            brief += _END[request.language]
        return self._prompts.phrase(request.language, "brief", brief=brief)


def _tone(request: DraftRequest, adjust: Adjust | None) -> tuple[str, bool]:
    tone = request.persona.tone if request.persona.tone in ("warm", "formal", "playful") else "warm"
    emoji = request.persona.emoji
    if adjust == Adjust.WARMER:
        return "warm", True
    if adjust == Adjust.MORE_FORMAL:
        return "formal", False
    return tone, emoji
