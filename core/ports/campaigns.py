"""Campaigns and care tasks (copilot/campaigns)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from core.domain import Customer, Order



OPEN_TASK_STATUSES = ("open", "started", "holdout")  # a customer with one of these is busy until due


@dataclass(frozen=True, slots=True)
class Campaign:
    id: int
    name: str
    kind: str
    segment: str
    filters: dict
    brief: str
    variants: list  # [{"brief": str, "writer_variant": int}]
    holdout_share: float
    due_date: object  # datetime.date | None
    created_by: int | None
    created_at: datetime
    status: str
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class CareTask:
    id: int
    campaign_id: int | None
    customer_id: int
    guide_id: int | None
    kind: str
    variant: int
    holdout: bool
    status: str  # open | started | done | expired | holdout | closed
    outcome: str | None
    draft: str
    products: list
    due_at: datetime | None
    reminders_sent: int
    created_at: datetime
    completed_at: datetime | None
    customer_name: str = ""


class BrandKeys(Protocol):
    def api_key_hash(self) -> str | None: ...
    def set_api_key_hash(self, digest: str, brand_code: str) -> None: ...


class CampaignRepository(Protocol):
    keys: BrandKeys

    def add(self, values: dict) -> int: ...
    def get(self, campaign_id: int) -> Campaign | None: ...
    def list(self, *, limit: int = 20, created_by: int | None = None) -> list[Campaign]: ...
    def by_rule(self, rule: str, name: str) -> int | None: ...
    def busy_customers(self, now: datetime) -> set[int]: ...
    def recent_rule_customers(self, rule: str, since: datetime) -> set[int]: ...
    def add_tasks(self, rows: Sequence[dict]) -> int: ...
    def customers(self, ids: Sequence[int]) -> dict[int, Customer]: ...
    def orders_for(self, customer_ids: Sequence[int]) -> dict[int, list[Order]]: ...
    def task(self, task_id: int) -> CareTask | None: ...
    def tasks(self, *, campaign_id: int | None = None, guide_id: int | None = None,
              statuses: Sequence[str] | None = None, task_ids: Sequence[int] | None = None) -> list[CareTask]: ...
    def update_task(self, task_id: int, **values: object) -> None: ...
    def update_tasks(self, task_ids: Sequence[int], **values: object) -> int: ...
    def buyers(self, customer_ids: Sequence[int], since: datetime, until: datetime) -> set[int]: ...
    def ledger_entries(self, campaign_id: int) -> list[tuple[int, int, Decimal, Decimal]]: ...
    def reassign_customers(self, from_guide: int, moves: dict[int, int]) -> int: ...
