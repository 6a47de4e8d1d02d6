"""Logging outreach. Every path that contacts a customer (a guide's tap, a care task, an automation)
goes through `log_outreach`, so fatigue caps and opt-out hold across all of them."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from core.domain import Consent
from core.errors import NotFound, OptedOut
from core.ports import UnitOfWork


class Source(StrEnum):
    GUIDE = "guide"
    TASK = "task"
    AUTOMATION = "automation"


class Channel(StrEnum):
    BOT = "bot"  # sent through the brand bot
    MANUAL = "manual"  # the guide sent it personally and marked it sent


def log_outreach(uow: UnitOfWork, *, customer_id: int, guide_id: int | None, source: Source, channel: Channel,
                 text: str, products: list[str], now: datetime, task_id: int | None = None) -> int:
    customer = uow.customers.get(customer_id)
    if customer is None:
        raise NotFound(f"customer {customer_id} not found")
    if customer.consent is Consent.REVOKED:
        raise OptedOut(f"customer {customer_id} opted out", user_message="This customer opted out of messages.")
    return uow.outreach.add(customer_id=customer_id, guide_id=guide_id, source=source.value, channel=channel.value,
                            text=text, products=products, sent_at=now, task_id=task_id)
