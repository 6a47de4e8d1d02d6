"""Build a DraftRequest from domain objects, keeping only what the copy needs."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from copilot.drafting.models import CustomerFacts, DraftKind, DraftRequest, ProductFact
from copilot.drafting.text import scrub
from copilot.product_list import Pick
from core.domain import Consent, Customer, Order, OrderStatus, Product, Staff
from core.errors import OptedOut
from prompts.loader import LANGUAGES

MAX_TAGS = 8


def draft_language(language: str, default: str = "en") -> str:
    return language if language in LANGUAGES else default


def last_purchase(
    orders: Sequence[Order], catalogue: Mapping[str, Product], language: str, now: datetime
) -> tuple[str, int | None]:
    paid = [o for o in orders if o.status == OrderStatus.PAID and o.lines]
    if not paid:
        return "", None
    latest = max(paid, key=lambda o: o.ordered_at)
    names = [catalogue[line.sku].name_in(language) for line in latest.lines if line.sku in catalogue]
    days = max(int((now - latest.ordered_at).total_seconds() // 86_400), 0)
    return (names[0] if names else ""), days


def build_request(
    kind: DraftKind | str,
    customer: Customer,
    guide: Staff,
    *,
    picks: Sequence[Pick],
    orders: Sequence[Order],
    catalogue: Mapping[str, Product],
    now: datetime,
    brief: str = "",
    snippets: Sequence[str] = (),
    note: str = "",
    message: str = "",
    max_chars: int = 600,
) -> DraftRequest:
    """Customer facts are reduced to first name, last purchase and scrubbed tags/notes/message.

    Raises OptedOut for outreach to a customer who revoked consent; answering their own message
    (`reply`) is still allowed.
    """
    if customer.consent == Consent.REVOKED and DraftKind(kind) != DraftKind.REPLY:
        raise OptedOut(f"customer {customer.external_id} opted out",
                       user_message="This customer asked not to be contacted.")
    language = draft_language(customer.language)
    bought, days = last_purchase(orders, catalogue, language, now)
    tags = tuple(t for t in (scrub(tag, 40) for tag in customer.tags) if t)[:MAX_TAGS]
    return DraftRequest(
        kind=DraftKind(kind),
        language=language,
        persona=guide.persona,
        guide_name=guide.persona.display_name or guide.name,
        customer=CustomerFacts(
            first_name=customer.first_name,
            last_purchase=bought,
            last_purchase_days=days,
            tags=tags,
            note=scrub(note),
            message=scrub(message, 500),
        ),
        products=tuple(ProductFact.of(p.product, language, p.reason) for p in picks),
        brief=brief.strip(),
        snippets=tuple(s.strip()[:400] for s in snippets if s.strip()),
        max_chars=max_chars,
    )
