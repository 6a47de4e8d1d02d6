"""Crediting one sale (pure): who earns it, for which campaign, how much, in which month.

The webhook and the settlement of imported orders both read what a sale needs in bulk, then call
`sale_entry` per order: the rules live here once, whichever way the facts were fetched.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from core.domain import Order
from core.ports import CommissionRule, LedgerEntry, Touch
from copilot.sales.attribution import Attribution, attribute
from copilot.sales.commissions import SaleLine, commission
from copilot.sales.policy import SalesPolicy, accounting_month


@dataclass(frozen=True, slots=True)
class SaleFacts:
    """What crediting one sale needs beyond the order itself."""

    touches: Sequence[Touch]  # the customer's touches up to the order (at least the latest ones), latest last
    owner_id: int | None
    store_code: str
    categories: Mapping[str, str]  # sku -> category
    rules: Sequence[CommissionRule]
    closed_months: Collection[str]


def sale_key(order_external_id: str) -> str:
    return f"sale:{order_external_id}"


def sale_entry(order: Order, facts: SaleFacts, policy: SalesPolicy,
               now: datetime) -> tuple[Attribution, LedgerEntry | None]:
    """The attribution, and the sale entry to post (None when nobody is credited)."""
    since = order.ordered_at - policy.window
    touches = [t for t in facts.touches if since <= t.at <= order.ordered_at]
    credit = attribute(order.guide_id, facts.owner_id, touches, policy.ownership_rate)
    if credit.guide_id is None:
        return credit, None
    lines = [SaleLine(line.sku, facts.categories.get(line.sku, ""), line.quantity, line.amount)
             for line in order.lines]
    earned = commission(lines, facts.rules, store_code=facts.store_code, campaign_id=credit.campaign_id,
                        rate=credit.rate)
    month = accounting_month(policy.month_of(order.ordered_at), policy.month_of(now), facts.closed_months)
    return credit, LedgerEntry(
        entry_key=sale_key(order.external_id), order_id=order.id, guide_id=credit.guide_id, kind="sale",
        base_amount=sum((line.amount for line in order.lines), Decimal(0)), commission=earned, month=month,
        created_at=now, campaign_id=credit.campaign_id, attribution=credit.rule,
    )


def attribution_of(entry: LedgerEntry, policy: SalesPolicy) -> Attribution:
    """The attribution a stored sale entry was made under."""
    rate = policy.ownership_rate if entry.attribution == "owner" else Decimal(1)
    return Attribution(entry.guide_id, entry.attribution or "", rate, entry.campaign_id)
