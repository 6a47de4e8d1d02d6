"""The append-only commission ledger, its rules, closed months and the queries /me and export need."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import case, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.ports import CommissionRule, DatedAmount, LedgerEntry, LedgerLine
from db.repositories.sales_sql import insert_if_absent, is_postgres
from db.tables import OrderRow, StaffRow
from db.tables_ops import CampaignRow, CareTaskRow, ClosedMonthRow, CommissionRuleRow, LedgerEntryRow

_CHUNK = 500  # rows per statement: 10 values each, under SQLite's bound-parameter limit
_ENTRY_FIELDS = ("entry_key", "order_id", "guide_id", "kind", "base_amount", "commission", "month",
                 "created_at", "campaign_id", "attribution")


class SqlLedgerRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def lock(self, *, exclusive: bool = False) -> None:
        # Appends take ROW EXCLUSIVE (they never block each other); a month close takes SHARE ROW
        # EXCLUSIVE, which waits for appends in flight and makes new ones wait until it commits, so
        # no entry can land in a month after it was closed. SQLite has one writer at a time anyway.
        if is_postgres(self._s):
            mode = "SHARE ROW EXCLUSIVE" if exclusive else "ROW EXCLUSIVE"
            self._s.execute(text(f"LOCK TABLE commission_ledger IN {mode} MODE"))

    def closed_months(self) -> set[str]:
        return set(self._s.scalars(select(ClosedMonthRow.month)))

    def close_month(self, month: str, at: datetime) -> bool:
        return insert_if_absent(self._s, ClosedMonthRow.__table__, {"month": month, "closed_at": at},
                                "month", returning="month") is not None

    def rules(self) -> list[CommissionRule]:
        query = select(CommissionRuleRow).where(CommissionRuleRow.active.is_(True)).order_by(CommissionRuleRow.id)
        return [CommissionRule(r.scope, r.scope_ref or "", r.kind, r.rate, r.amount) for r in self._s.scalars(query)]

    def append(self, entry: LedgerEntry) -> bool:
        values = {name: getattr(entry, name) for name in _ENTRY_FIELDS}
        return insert_if_absent(self._s, LedgerEntryRow.__table__, values, "entry_key") is not None

    def append_many(self, entries: Sequence[LedgerEntry]) -> set[str]:
        table, written = LedgerEntryRow.__table__, set()
        for start in range(0, len(entries), _CHUNK):
            rows = [{name: getattr(e, name) for name in _ENTRY_FIELDS} for e in entries[start : start + _CHUNK]]
            statement = (_dialect(self._s).insert(table).values(rows)
                         .on_conflict_do_nothing(index_elements=["entry_key"]).returning(table.c.entry_key))
            written.update(self._s.scalars(statement))
        return written

    def get_many(self, entry_keys: Sequence[str]) -> dict[str, LedgerEntry]:
        found: dict[str, LedgerEntry] = {}
        for start in range(0, len(entry_keys), _CHUNK):
            query = select(LedgerEntryRow).where(LedgerEntryRow.entry_key.in_(list(entry_keys[start : start + _CHUNK])))
            found.update((row.entry_key, _entry(row)) for row in self._s.scalars(query))
        return found

    def get(self, entry_key: str) -> LedgerEntry | None:
        row = self._s.scalar(select(LedgerEntryRow).where(LedgerEntryRow.entry_key == entry_key))
        return _entry(row) if row else None

    def for_order(self, order_id: int) -> list[LedgerEntry]:
        query = select(LedgerEntryRow).where(LedgerEntryRow.order_id == order_id).order_by(LedgerEntryRow.id)
        return [_entry(r) for r in self._s.scalars(query)]

    def for_guide(self, guide_id: int, month: str) -> list[LedgerEntry]:
        query = (select(LedgerEntryRow).where(LedgerEntryRow.guide_id == guide_id, LedgerEntryRow.month == month)
                 .order_by(LedgerEntryRow.id))
        return [_entry(r) for r in self._s.scalars(query)]

    def commission_between(self, guide_id: int, since: datetime, until: datetime) -> Decimal:
        happened = _happened()
        query = (select(LedgerEntryRow.commission).join(OrderRow, OrderRow.id == LedgerEntryRow.order_id)
                 .where(LedgerEntryRow.guide_id == guide_id, happened >= since, happened < until))
        return sum(self._s.scalars(query), Decimal(0))

    def dated_amounts(self, guide_id: int, month: str) -> list[DatedAmount]:
        query = (select(_happened(), LedgerEntryRow.kind, LedgerEntryRow.base_amount, LedgerEntryRow.commission)
                 .join(OrderRow, OrderRow.id == LedgerEntryRow.order_id)
                 .where(LedgerEntryRow.guide_id == guide_id, LedgerEntryRow.month == month)
                 .order_by(LedgerEntryRow.id))
        return [DatedAmount(at, kind, base, commission) for at, kind, base, commission in self._s.execute(query)]

    def lines(self, month: str) -> list[LedgerLine]:
        query = (
            select(LedgerEntryRow, StaffRow.external_id, StaffRow.name, OrderRow.external_id, CampaignRow.name)
            .join(StaffRow, StaffRow.id == LedgerEntryRow.guide_id)
            .join(OrderRow, OrderRow.id == LedgerEntryRow.order_id)
            .outerjoin(CampaignRow, CampaignRow.id == LedgerEntryRow.campaign_id)
            .where(LedgerEntryRow.month == month)
            .order_by(StaffRow.external_id, LedgerEntryRow.created_at, LedgerEntryRow.id)
        )
        return [
            LedgerLine(month=e.month, guide_external_id=guide, guide_name=name, order_external_id=order,
                       kind=e.kind, base_amount=e.base_amount, commission=e.commission,
                       campaign=campaign or "", attribution=e.attribution or "", created_at=e.created_at)
            for e, guide, name, order, campaign in self._s.execute(query)
        ]

    def tasks_done(self, guide_id: int, since: datetime, until: datetime) -> int:
        query = select(func.count()).select_from(CareTaskRow).where(
            CareTaskRow.guide_id == guide_id, CareTaskRow.completed_at >= since, CareTaskRow.completed_at < until)
        return self._s.scalar(query) or 0


def _happened():
    # A sale counts when the customer bought, not when it was booked: imports and month
    # catch-ups book days of sales at once. Refunds and bonuses happen when they are booked.
    return case((LedgerEntryRow.kind == "sale", OrderRow.ordered_at), else_=LedgerEntryRow.created_at)


def _entry(row: LedgerEntryRow) -> LedgerEntry:
    return LedgerEntry(**{name: getattr(row, name) for name in _ENTRY_FIELDS})


def _dialect(session: Session):
    return postgresql if is_postgres(session) else sqlite
