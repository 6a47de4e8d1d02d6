"""Who gets the credit for an order. The rules, first match wins:

1. The order names a guide (the POS knows who served the customer): that guide, full rate.
2. Otherwise the guide whose touch the customer acted on most recently within the brand's
   attribution window before the order: an outreach sent to the customer (`outreach.sent_at`), or a
   click on a product-list link the guide shared (`interactions` of kind `list_click`). Full rate.
3. Otherwise the customer's owning guide, at the brand's ownership rate (e.g. 0.5 = half the
   commission): they keep the relationship, but no outreach of theirs led to this sale.
4. A customer without an owner and without a touch: nobody, and no ledger entry.

The campaign credited is the campaign of the touch's care task (outreach.task_id -> campaign); under
rule 1 it is the named guide's own latest outreach in the window, so campaign bonuses still apply.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.ports import Touch

FULL = Decimal(1)


@dataclass(frozen=True, slots=True)
class Attribution:
    guide_id: int | None
    rule: str  # order | outreach | list_click | owner | none
    rate: Decimal  # multiplies the commission: 1, or the ownership rate
    campaign_id: int | None = None


def attribute(order_guide_id: int | None, owner_id: int | None, touches: Sequence[Touch],
              ownership_rate: Decimal) -> Attribution:
    """Pure: `touches` are those inside the window, in time order (latest last)."""
    if order_guide_id is not None:
        own = [t for t in touches if t.guide_id == order_guide_id and t.campaign_id is not None]
        return Attribution(order_guide_id, "order", FULL, own[-1].campaign_id if own else None)
    if touches:
        latest = touches[-1]
        return Attribution(latest.guide_id, latest.kind, FULL, latest.campaign_id)
    if owner_id is not None:
        return Attribution(owner_id, "owner", ownership_rate)
    return Attribution(None, "none", Decimal(0))
