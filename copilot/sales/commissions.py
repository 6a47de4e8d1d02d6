"""Commission for one sale, from the brand's rules (pure).

- `percent`: a share of each line's amount. The most specific rule wins, per line:
  campaign > category > store > brand (one rule per scope; the oldest if several).
- `fixed_per_item`: an amount per item sold; every matching rule adds.
- `campaign_bonus`: for sales attributed to a campaign; its `amount` is added once per order and its
  `rate` (if any) on the whole base; every matching rule adds (brand scope = any campaign).
The total is multiplied by the attribution rate (the ownership rate for rule 3) and rounded to cents.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.ports import CommissionRule

CENT = Decimal("0.01")
SPECIFICITY = ("campaign", "category", "store", "brand")


@dataclass(frozen=True, slots=True)
class SaleLine:
    sku: str
    category: str
    quantity: int
    amount: Decimal


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def commission(lines: Sequence[SaleLine], rules: Sequence[CommissionRule], *, store_code: str,
               campaign_id: int | None, rate: Decimal) -> Decimal:
    campaign = str(campaign_id) if campaign_id is not None else None
    total = Decimal(0)
    for line in lines:
        refs = {"brand": "", "store": store_code, "category": line.category, "campaign": campaign}
        matching = [r for r in rules if refs.get(r.scope) is not None and r.ref == refs[r.scope]]
        total += line.amount * _percent(matching)
        total += sum((r.amount or 0) * line.quantity for r in matching if r.kind == "fixed_per_item")
    if campaign is not None:
        base = sum((line.amount for line in lines), Decimal(0))
        for rule in rules:
            if rule.kind == "campaign_bonus" and (rule.scope, rule.ref) in (("campaign", campaign), ("brand", "")):
                total += (rule.amount or 0) + base * (rule.rate or 0)
    return cents(total * rate)


def _percent(matching: list[CommissionRule]) -> Decimal:
    percents = [r for r in matching if r.kind == "percent" and r.rate is not None]
    for scope in SPECIFICITY:
        for rule in percents:
            if rule.scope == scope:
                return rule.rate
    return Decimal(0)
