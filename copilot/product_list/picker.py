"""Pick 3-6 products for one customer, each with a one-line reason.

Sources in order of strength: consumables they are due to re-buy, products often bought with what
they own, and products matching the task brief and their tags. Rules hold for every source: never
out of stock or inactive, never a durable they already own, a price band fitting their history,
at most `per_category` per category.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import chain, zip_longest

from copilot.product_list.copurchase import CoPurchase
from copilot.product_list.reasons import PickSource, reason
from copilot.product_list.rhythm import due_items
from core.domain import Customer, Order, OrderStatus, Product
from core.ports import KnowledgeSearch, SearchFilters


@dataclass(frozen=True, slots=True)
class Pick:
    product: Product
    reason: str
    source: PickSource


@dataclass(frozen=True, slots=True)
class PickerConfig:
    max_items: int = 6
    min_items: int = 3
    per_category: int = 2
    price_factor: float = 2.0  # new suggestions cost at most this times their dearest past item


def _own_orders(customer: Customer, orders: Sequence[Order]) -> list[Order]:
    return [
        o
        for o in orders
        if o.status == OrderStatus.PAID and (customer.id is None or o.customer_id == customer.id)
    ]


def price_cap(orders: Sequence[Order], factor: float) -> Decimal | None:
    prices = [line.unit_price for o in orders for line in o.lines]
    return max(prices) * Decimal(str(factor)) if prices else None


class _Eligibility:
    def __init__(self, owned: set[str], cap: Decimal | None) -> None:
        self.owned = owned
        self.cap = cap

    def sellable(self, product: Product | None) -> bool:
        return product is not None and product.active and product.in_stock

    def new_suggestion(self, product: Product | None) -> bool:
        """A product the customer does not have yet, within their price band."""
        if not self.sellable(product) or product.sku in self.owned:
            return False
        return self.cap is None or product.price <= self.cap


def pick_products(
    customer: Customer,
    orders: Sequence[Order],
    catalogue: Sequence[Product],
    copurchase: CoPurchase,
    now: datetime,
    *,
    knowledge: KnowledgeSearch | None = None,
    brief: str = "",
    language: str | None = None,
    config: PickerConfig = PickerConfig(),
) -> list[Pick]:
    lang = language or customer.language
    by_sku = {p.sku: p for p in catalogue}
    own = _own_orders(customer, orders)
    rules = _Eligibility({line.sku for o in own for line in o.lines}, price_cap(own, config.price_factor))

    due = [
        Pick(by_sku[d.sku], _due_reason(lang, d.personal, d.days_since), PickSource.REPURCHASE)
        for d in due_items(own, by_sku, now)
        if rules.sellable(by_sku.get(d.sku))
    ]
    related = [
        Pick(by_sku[r.sku], reason(lang, "co_purchase", anchor=by_sku[r.anchor].name_in(lang)),
             PickSource.CO_PURCHASE)
        for r in copurchase.related(rules.owned, top_k=3 * config.max_items)
        if rules.new_suggestion(by_sku.get(r.sku)) and r.anchor in by_sku
    ]
    matched = _matches(customer, brief, knowledge, rules, by_sku, lang, config)
    popular = [
        Pick(by_sku[s], reason(lang, "popular"), PickSource.POPULAR)
        for s in copurchase.popular(5 * config.max_items)
        if rules.new_suggestion(by_sku.get(s))
    ]
    # Due items first; then alternate the two "new" sources so neither crowds the other out.
    interleaved = [p for pair in zip_longest(related, matched) for p in pair if p is not None]
    picks = _select(chain(due, interleaved), config)
    if len(picks) < config.min_items:
        picks = _select(chain(picks, popular), config)
    return picks


def _due_reason(lang: str, personal: bool, days_since: float) -> str:
    if personal:
        return reason(lang, "repurchase_personal")
    return reason(lang, "repurchase", days=int(days_since))


def _matches(customer, brief, knowledge, rules, by_sku, lang, config) -> list[Pick]:
    query = " ".join(part for part in (brief.strip(), " ".join(customer.tags)) if part)
    if knowledge is None or not query:
        return []
    cap = float(rules.cap) if rules.cap is not None else None
    hits = knowledge.search_products(
        query, top_k=3 * config.max_items, filters=SearchFilters(in_stock=True, max_price=cap)
    )
    # The index may lag the catalogue: the rules are checked again on our own data.
    return [
        Pick(by_sku[h.sku], reason(lang, "match"), PickSource.MATCH)
        for h in hits
        if rules.new_suggestion(by_sku.get(h.sku))
    ]


def _select(candidates, config: PickerConfig) -> list[Pick]:
    chosen: list[Pick] = []
    seen: set[str] = set()
    per_category: dict[str, int] = {}
    for pick in candidates:
        category = pick.product.category
        if pick.product.sku in seen or per_category.get(category, 0) >= config.per_category:
            continue
        chosen.append(pick)
        seen.add(pick.product.sku)
        per_category[category] = per_category.get(category, 0) + 1
        if len(chosen) >= config.max_items:
            break
    return chosen
