"""What goes into a draft and what comes out. Plain frozen dataclasses, no I/O.

A `DraftRequest` carries only what the copy needs: the customer's first name, what and when they last
bought, tags and notes (data, never instructions), and the candidate products with their facts.
Phone numbers, addresses and full names never enter it, so they cannot reach an LLM.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from core.domain import Persona, Product

CURRENCY_SIGNS = {"CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$"}


class DraftKind(StrEnum):
    CARE_CHECKIN = "care_checkin"
    SILENT_RECALL = "silent_recall"
    FIRST_TO_SECOND = "first_to_second"
    BIRTHDAY = "birthday"
    NEW_ARRIVAL = "new_arrival"
    REPURCHASE_REMINDER = "repurchase_reminder"
    REPLY = "reply"


class Adjust(StrEnum):
    """The bot's tone buttons under a draft."""

    SHORTER = "shorter"
    WARMER = "warmer"
    MORE_FORMAL = "more_formal"


def format_price(price: Decimal, currency: str) -> str:
    sign = CURRENCY_SIGNS.get(currency.upper(), currency.upper() + " ")
    amount = f"{price:,.0f}" if price == price.to_integral_value() else f"{price:,.2f}"
    return f"{sign}{amount}"


@dataclass(frozen=True, slots=True)
class ProductFact:
    sku: str
    name: str
    price: Decimal
    currency: str = "CNY"
    category: str = ""
    description: str = ""
    reason: str = ""
    aliases: tuple[str, ...] = ()  # the product's names in other languages

    @classmethod
    def of(cls, product: Product, language: str, reason: str = "") -> ProductFact:
        name = product.name_in(language)
        others = {product.name, *(v.get("name", "") for v in product.i18n.values())}
        return cls(
            sku=product.sku,
            name=name,
            price=product.price,
            currency=product.currency,
            category=product.category,
            description=product.description_in(language)[:160],
            reason=reason,
            aliases=tuple(sorted(n for n in others if n and n != name)),
        )

    @property
    def price_text(self) -> str:
        return format_price(self.price, self.currency)


@dataclass(frozen=True, slots=True)
class CustomerFacts:
    first_name: str = ""
    last_purchase: str = ""  # product name(s), in the customer's language
    last_purchase_days: int | None = None
    tags: tuple[str, ...] = ()
    note: str = ""  # the guide's note about the customer: data
    message: str = ""  # the customer's own message, for replies: data


@dataclass(frozen=True, slots=True)
class DraftRequest:
    kind: DraftKind
    language: str
    persona: Persona
    guide_name: str
    customer: CustomerFacts
    products: tuple[ProductFact, ...] = ()
    brief: str = ""  # from the manager's task: trusted
    snippets: tuple[str, ...] = ()  # retrieved brand content: trusted facts
    max_chars: int = 600


@dataclass(frozen=True, slots=True)
class Written:
    """A writer's raw output, before guardrails."""

    message: str
    products: tuple[tuple[str, str], ...] = ()  # (sku, reason)


@dataclass(frozen=True, slots=True)
class Draft:
    message: str
    products: tuple[tuple[str, str], ...]  # (sku, reason)
    writer: str  # "llm" or "offline"
    notes: tuple[str, ...] = ()
    variant: int = 0


@dataclass(frozen=True, slots=True)
class DraftEvent:
    """One step of a streamed draft: text deltas, then a last event carrying the checked draft.

    The bot edits its message with the deltas and replaces it with `draft.message` at the end,
    because guardrails may change or replace what was streamed.
    """

    delta: str = ""
    draft: Draft | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    products: tuple[tuple[str, str], ...] = ()  # (sku, name)
    sources: tuple[tuple[str, str], ...] = ()  # (source_id, title)
    writer: str = "offline"
    notes: tuple[str, ...] = field(default_factory=tuple)
