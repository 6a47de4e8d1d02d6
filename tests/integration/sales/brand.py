"""A small brand for the sales tests: stores, guides, customers, products, a campaign, one rule.

Written through the ORM on purpose: campaigns, care tasks, outreach and rules have no importer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from copilot.sales import OrderIn, RefundIn, receive_order, receive_refund
from db.tables import BrandRow, CustomerRow, OrderRow, ProductRow, StaffRow, StoreRow
from db.tables_ops import (
    CampaignRow, CareTaskRow, CommissionRuleRow, InteractionRow, LedgerEntryRow, OutreachRow, RefundRow,
)

NOW = datetime(2026, 10, 8, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
TZ = "Asia/Shanghai"


class FixedClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


@dataclass
class RecordingNotifier:
    sent: list[tuple[int, str]] = field(default_factory=list)

    def notify_staff(self, staff_id: int, text: str) -> None:
        self.sent.append((staff_id, text))


@dataclass(frozen=True)
class Ids:
    guides: dict[str, int]
    customers: dict[str, int]
    campaign: int


def seed(engine: Engine, config: dict | None = None) -> Ids:
    with Session(engine) as s:
        s.add(BrandRow(code="demo", name="Demo", config=config or {}))
        s.add_all([StoreRow(external_id="S1", name="旗舰店", city="上海"),
                   StoreRow(external_id="S2", name="Mall", city="Beijing")])
        s.flush()
        stores = {r.external_id: r.id for r in s.scalars(select(StoreRow))}
        s.add_all([StaffRow(external_id="G1", name="王芳", role="guide", store_id=stores["S1"], language="zh"),
                   StaffRow(external_id="G2", name="Emma Wang", role="guide", store_id=stores["S2"], language="en"),
                   StaffRow(external_id="G3", name="Lucy", role="guide", store_id=stores["S1"], language="en")])
        s.flush()
        guides = {r.external_id: r.id for r in s.scalars(select(StaffRow))}
        s.add_all([CustomerRow(external_id="C1", name="Li Na", owner_id=guides["G2"], language="en"),
                   CustomerRow(external_id="C2", name="张小红", owner_id=guides["G1"]),
                   CustomerRow(external_id="C3", name="Walk In", owner_id=None)])
        s.add_all([ProductRow(sku="CREAM", name="面霜", category="skincare", price=Decimal("298.00")),
                   ProductRow(sku="TEE", name="T恤", category="apparel", price=Decimal("129.00")),
                   ProductRow(sku="COFFEE", name="咖啡", category="food", price=Decimal("59.90"))])
        campaign = CampaignRow(name="Mid-autumn recall", kind="recall", segment="silent", created_at=NOW)
        s.add(campaign)
        s.add(CommissionRuleRow(scope="brand", scope_ref="", kind="percent", rate=Decimal("0.03")))
        s.flush()
        customers = {r.external_id: r.id for r in s.scalars(select(CustomerRow))}
        ids = Ids(guides, customers, campaign.id)
        s.commit()
    return ids


def add(engine: Engine, *rows) -> None:
    with Session(engine) as s:
        s.add_all(rows)
        s.commit()


def add_outreach(engine: Engine, ids: Ids, customer: str, guide: str, at: datetime,
                 campaign: bool = False) -> None:
    with Session(engine) as s:
        task_id = None
        if campaign:
            task = CareTaskRow(campaign_id=ids.campaign, customer_id=ids.customers[customer],
                               guide_id=ids.guides[guide], kind="recall", created_at=at)
            s.add(task)
            s.flush()
            task_id = task.id
        s.add(OutreachRow(customer_id=ids.customers[customer], guide_id=ids.guides[guide], task_id=task_id,
                          source="task", channel="manual", sent_at=at))
        s.commit()


def add_click(engine: Engine, ids: Ids, customer: str, guide: str, at: datetime) -> None:
    add(engine, InteractionRow(customer_id=ids.customers[customer], guide_id=ids.guides[guide],
                               kind="list_click", ref="token", created_at=at))


def add_rule(engine: Engine, scope: str, ref: str, kind: str, rate: str | None = None,
             amount: str | None = None) -> None:
    add(engine, CommissionRuleRow(scope=scope, scope_ref=ref, kind=kind,
                                  rate=Decimal(rate) if rate else None, amount=Decimal(amount) if amount else None))


def order_json(order_id: str = "O1", customer: str = "C1", *, guide: str | None = None, store: str = "S1",
               at: datetime = NOW - timedelta(hours=1), lines=(("CREAM", 2, "298.00"),)) -> dict:
    body = {"order_id": order_id, "customer_id": customer, "ordered_at": at.isoformat(), "store_id": store,
            "lines": [{"sku": s, "quantity": q, "unit_price": p} for s, q, p in lines]}
    if guide:
        body["guide_id"] = guide
    return body


def place(uow_factory, now: datetime = NOW, notifier=None, **kwargs):
    incoming = OrderIn.model_validate(order_json(**kwargs), context={"timezone": TZ})
    return receive_order(uow_factory, incoming, now, timezone=TZ, notifier=notifier)


def refund(uow_factory, order_id: str, body: dict, now: datetime = NOW):
    return receive_refund(uow_factory, order_id, RefundIn.model_validate(body), now, timezone=TZ)


def ledger(engine: Engine) -> list[tuple]:
    """Every entry as (key, guide id, kind, base, commission, month, attribution, campaign)."""
    with Session(engine) as s:
        rows = s.scalars(select(LedgerEntryRow).order_by(LedgerEntryRow.id))
        return [(r.entry_key, r.guide_id, r.kind, r.base_amount, r.commission, r.month, r.attribution,
                 r.campaign_id) for r in rows]


def counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t))
                for t in (OrderRow, LedgerEntryRow, RefundRow)}
