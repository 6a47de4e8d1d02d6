"""Checks every draft passes, whatever wrote it.

Sentences that name a product outside the candidates, or state a price, discount or promotion that
is not in the trusted facts, are removed. The remaining text must be in the customer's language and
fit the length limit (trimmed at a sentence end). Customer tags, notes and messages are never trusted
facts, so a promise they induced ("offer 90% off") is always caught.
"""
from __future__ import annotations

from dataclasses import dataclass

from copilot.drafting.claims import allowed_claims, unsupported
from copilot.drafting.models import DraftRequest, ProductFact
from copilot.drafting.names import CatalogueIndex
from copilot.drafting.text import cjk_ratio, split_sentences, tidy, trim

ZH_MIN_CJK = 0.4  # product names are masked first, so real Chinese copy is far above this
EN_MAX_CJK = 0.15


@dataclass(frozen=True, slots=True)
class GuardContext:
    language: str
    products: tuple[ProductFact, ...]
    trusted: tuple[str, ...]  # texts whose claims a draft may repeat
    names: tuple[str, ...]  # names to ignore when judging the language
    max_chars: int = 600
    # Facts that may name other products: the customer's last purchase, "pairs with your X" reasons.
    references: tuple[str, ...] = ()

    @classmethod
    def of(cls, request: DraftRequest) -> GuardContext:
        facts = [f"{p.name} {p.price_text} {p.description}" for p in request.products]
        names = [n for p in request.products for n in (p.name, *p.aliases)]
        names += [request.customer.first_name, request.guide_name, request.customer.last_purchase]
        return cls(
            language=request.language,
            products=request.products,
            trusted=(*facts, request.brief, *request.snippets),
            names=tuple(n for n in names if n),
            max_chars=request.max_chars,
            references=(request.customer.last_purchase, *(p.reason for p in request.products)),
        )


@dataclass(frozen=True, slots=True)
class GuardResult:
    text: str
    problems: tuple[str, ...] = ()  # what was found: "unknown product: X", "invented claim: ..."
    removed: int = 0  # sentences removed
    kept: int = 0
    trimmed: bool = False
    language_ok: bool = True

    @property
    def clean(self) -> bool:
        return not self.problems and self.language_ok

    @property
    def usable(self) -> bool:
        """Good enough to hand to the guide after removals: most of it survived, right language."""
        return self.language_ok and self.kept > 0 and self.removed <= self.kept


class Guardrails:
    def __init__(self, index: CatalogueIndex) -> None:
        self._index = index

    def mentions(self, text: str) -> list[set[str]]:
        return self._index.mentions(text)

    def check(self, text: str, context: GuardContext) -> GuardResult:
        allowed_skus = {p.sku for p in context.products}
        allowed_skus |= {s for m in self._index.mentions(" | ".join(context.references)) for s in m}
        allowed = allowed_claims(list(context.trusted))
        kept: list[str] = []
        problems: list[str] = []
        removed = 0
        for sentence in split_sentences(text):
            found = self._sentence_problems(sentence, allowed_skus, allowed)
            if found:
                problems += found
                removed += 1
            else:
                kept.append(sentence)
        cleaned = tidy("".join(kept), context.language)
        language_ok = bool(cleaned) and self.language_matches(cleaned, context)
        if not language_ok:
            problems.append(f"wrong language: expected {context.language}")
        short = trim(cleaned, context.max_chars)
        return GuardResult(
            text=short,
            problems=tuple(problems),
            removed=removed,
            kept=sum(1 for s in kept if s.strip()),
            trimmed=short != cleaned,
            language_ok=language_ok,
        )

    def _sentence_problems(self, sentence: str, skus: set[str], allowed: set) -> list[str]:
        problems = [
            f"unknown product: {'/'.join(sorted(mention))}"
            for mention in self._index.mentions(sentence)
            if not mention & skus
        ]
        problems += [f"invented claim: {kind} {value}" for kind, value in unsupported(sentence, allowed)]
        return problems

    @staticmethod
    def language_matches(text: str, context: GuardContext) -> bool:
        for name in sorted(context.names, key=len, reverse=True):
            text = text.replace(name, " ")
        ratio = cjk_ratio(text)
        if context.language == "zh":
            return ratio >= ZH_MIN_CJK
        return ratio <= EN_MAX_CJK
