"""Campaigns and care tasks: bulk reads and writes for campaign creation, task screens and reports."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from core.domain import Customer, Order
from core.ports import OPEN_TASK_STATUSES, Campaign, CareTask
from db.repositories import mapping
from db.tables import BrandRow, CustomerRow, OrderLineRow, OrderRow
from db.tables_ops import CampaignRow, CareTaskRow, LedgerEntryRow

CHUNK = 5000  # bound IN lists and executemany batches on both backends
_TASK_FIELDS = [c.name for c in CareTaskRow.__table__.columns]
_CAMPAIGN_FIELDS = [c.name for c in CampaignRow.__table__.columns]


def _chunks(ids: Sequence[int]):
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


class SqlCampaignRepository:
    def __init__(self, session: Session) -> None:
        self._s = session
        self.keys = SqlBrandKeys(session)

    def add(self, values: dict) -> int:
        return self._s.execute(insert(CampaignRow).values(**values).returning(CampaignRow.id)).scalar_one()

    def get(self, campaign_id: int) -> Campaign | None:
        row = self._s.get(CampaignRow, campaign_id)
        return Campaign(**{f: getattr(row, f) for f in _CAMPAIGN_FIELDS}) if row else None

    def list(self, *, limit: int = 20, created_by: int | None = None) -> list[Campaign]:
        query = select(CampaignRow).order_by(CampaignRow.id.desc()).limit(limit)
        if created_by is not None:
            query = query.where(CampaignRow.created_by == created_by)
        return [Campaign(**{f: getattr(r, f) for f in _CAMPAIGN_FIELDS}) for r in self._s.scalars(query)]

    def by_rule(self, rule: str, name: str) -> int | None:
        return self._s.scalar(select(CampaignRow.id).where(CampaignRow.rule == rule, CampaignRow.name == name))

    def busy_customers(self, now: datetime) -> set[int]:
        query = select(CareTaskRow.customer_id).where(
            CareTaskRow.status.in_(OPEN_TASK_STATUSES), (CareTaskRow.due_at.is_(None)) | (CareTaskRow.due_at > now))
        return set(self._s.scalars(query))

    def recent_rule_customers(self, rule: str, since: datetime) -> set[int]:
        query = (select(CareTaskRow.customer_id).join(CampaignRow, CampaignRow.id == CareTaskRow.campaign_id)
                 .where(CampaignRow.rule == rule, CareTaskRow.created_at >= since))
        return set(self._s.scalars(query))

    def add_tasks(self, rows: Sequence[dict]) -> int:
        for start in range(0, len(rows), CHUNK):
            self._s.execute(insert(CareTaskRow), list(rows[start : start + CHUNK]))
        return len(rows)

    def customers(self, ids: Sequence[int]) -> dict[int, Customer]:
        out = {}
        for chunk in _chunks(ids):
            out.update({r.id: mapping.customer(r) for r in self._s.scalars(select(CustomerRow).where(CustomerRow.id.in_(chunk)))})
        return out

    def orders_for(self, customer_ids: Sequence[int]) -> dict[int, list[Order]]:
        out: dict[int, list[Order]] = defaultdict(list)
        for chunk in _chunks(customer_ids):
            rows = list(self._s.scalars(select(OrderRow).where(OrderRow.customer_id.in_(chunk)).order_by(OrderRow.ordered_at)))
            lines: dict[int, list[OrderLineRow]] = defaultdict(list)
            query = (select(OrderLineRow).join(OrderRow, OrderRow.id == OrderLineRow.order_id)
                     .where(OrderRow.customer_id.in_(chunk)).order_by(OrderLineRow.id))
            for line in self._s.scalars(query):
                lines[line.order_id].append(line)
            for row in rows:
                out[row.customer_id].append(mapping.order(row, lines[row.id]))
        return out

    def task(self, task_id: int) -> CareTask | None:
        found = self.tasks(task_ids=[task_id])
        return found[0] if found else None

    def tasks(self, *, campaign_id: int | None = None, guide_id: int | None = None,
              statuses: Sequence[str] | None = None, task_ids: Sequence[int] | None = None) -> list[CareTask]:
        query = (select(CareTaskRow, CustomerRow.name).join(CustomerRow, CustomerRow.id == CareTaskRow.customer_id)
                 .order_by(CareTaskRow.id))
        if campaign_id is not None:
            query = query.where(CareTaskRow.campaign_id == campaign_id)
        if guide_id is not None:
            query = query.where(CareTaskRow.guide_id == guide_id)
        if statuses is not None:
            query = query.where(CareTaskRow.status.in_(list(statuses)))
        if task_ids is not None:
            query = query.where(CareTaskRow.id.in_(list(task_ids)))
        return [CareTask(**{f: getattr(row, f) for f in _TASK_FIELDS}, customer_name=name)
                for row, name in self._s.execute(query)]

    def update_task(self, task_id: int, **values: object) -> None:
        self._s.execute(update(CareTaskRow).where(CareTaskRow.id == task_id).values(**values))

    def update_tasks(self, task_ids: Sequence[int], **values: object) -> int:
        changed = 0
        for chunk in _chunks(task_ids):
            changed += self._s.execute(update(CareTaskRow).where(CareTaskRow.id.in_(chunk)).values(**values)).rowcount or 0
        return changed

    def buyers(self, customer_ids: Sequence[int], since: datetime, until: datetime) -> set[int]:
        found: set[int] = set()
        for chunk in _chunks(customer_ids):
            query = select(OrderRow.customer_id).where(
                OrderRow.customer_id.in_(chunk), OrderRow.status == "paid",
                OrderRow.ordered_at >= since, OrderRow.ordered_at <= until)
            found.update(self._s.scalars(query))
        return found

    def ledger_entries(self, campaign_id: int) -> list[tuple[int, int, Decimal, Decimal]]:
        """(guide, customer, base amount, commission) per ledger entry credited to the campaign."""
        query = (select(LedgerEntryRow.guide_id, OrderRow.customer_id, LedgerEntryRow.base_amount,
                        LedgerEntryRow.commission)
                 .join(OrderRow, OrderRow.id == LedgerEntryRow.order_id)
                 .where(LedgerEntryRow.campaign_id == campaign_id).order_by(LedgerEntryRow.id))
        return [tuple(r) for r in self._s.execute(query)]

    def reassign_customers(self, from_guide: int, moves: dict[int, int]) -> int:
        """Move customers (id -> new owner) and their open tasks; history rows keep their guide."""
        for customer_id, to_guide in moves.items():
            self._s.execute(update(CustomerRow).where(CustomerRow.id == customer_id).values(owner_id=to_guide))
            self._s.execute(update(CareTaskRow).where(
                CareTaskRow.customer_id == customer_id, CareTaskRow.guide_id == from_guide,
                CareTaskRow.status.in_(("open", "started"))).values(guide_id=to_guide))
        return len(moves)


class SqlBrandKeys:
    """The brand's API key hash (one database serves one brand)."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def api_key_hash(self) -> str | None:
        return self._s.scalar(select(BrandRow.api_key_hash).order_by(BrandRow.id).limit(1))

    def set_api_key_hash(self, digest: str, brand_code: str) -> None:
        row = self._s.scalar(select(BrandRow).order_by(BrandRow.id).limit(1))
        if row is None:
            row = BrandRow(code=brand_code, name=brand_code, config={})
            self._s.add(row)
        row.api_key_hash = digest
        self._s.flush()
