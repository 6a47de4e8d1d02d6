"""A small brand where every customer is there for a reason the tests check.

Store S1 has guides G1, G2 and manager M1 (all on Telegram); store S2 has guide G9 (no Telegram).
Customers: C1-C6 owned by G1, C7-C8 by G2, C9-C10 without owner in S1, C11 without owner or store,
COPT opted out, CFAT contacted yesterday, CBUSY with an open task of another campaign.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy.orm import Session

from copilot.campaigns import CampaignService
from copilot.contacts import ContactsService
from copilot.drafting.selling import SellingContext
from core.settings import LLMSettings, RankingSettings
from db.tables import BrandRow, CustomerRow, OrderLineRow, OrderRow, ProductRow, StaffRow, StoreRow
from db.tables_ops import CampaignRow, CareTaskRow, OutreachRow

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, a Monday
TZ = "Asia/Shanghai"
DUE = date(2026, 11, 27)  # Friday


class FixedClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


def seed(engine, *, brand_config: dict | None = None) -> SimpleNamespace:
    with Session(engine) as s:
        s.add(BrandRow(code="demo", name="Demo", config=brand_config or {}))
        s.add_all([StoreRow(external_id="S1", name="旗舰店"), StoreRow(external_id="S2", name="二店")])
        s.flush()
        store = {r.external_id: r.id for r in s.query(StoreRow)}
        s.add_all([StaffRow(external_id="M1", name="王美", role="manager", store_id=store["S1"], telegram_user_id=111),
                   StaffRow(external_id="G1", name="李丽", role="guide", store_id=store["S1"], telegram_user_id=222),
                   StaffRow(external_id="G2", name="Anna", role="guide", store_id=store["S1"], telegram_user_id=333,
                            language="en"),
                   StaffRow(external_id="G9", name="赵强", role="guide", store_id=store["S2"])])
        s.flush()
        staff = {r.external_id: r.id for r in s.query(StaffRow)}
        s.add(ProductRow(sku="P1", name="面霜", category="skincare", price=Decimal("300")))
        owners = {**{f"C{i}": "G1" for i in range(1, 7)}, "C7": "G2", "C8": "G2", "COPT": "G1", "CFAT": "G1",
                  "CBUSY": "G2"}
        customers = [*owners, "C9", "C10", "C11"]
        for ext in customers:
            s.add(CustomerRow(external_id=ext, name=f"顾客{ext}", owner_id=staff.get(owners.get(ext, "")),
                              store_id=None if ext == "C11" else store["S1"],
                              consent="revoked" if ext == "COPT" else "unknown", tags=["VIP"] if ext == "C1" else []))
        s.flush()
        cust = {r.external_id: r.id for r in s.query(CustomerRow)}
        order = OrderRow(external_id="O1", customer_id=cust["C1"], ordered_at=NOW - timedelta(days=40),
                         total=Decimal("300"), guide_id=staff["G1"])
        s.add(order)
        s.flush()
        s.add(OrderLineRow(order_id=order.id, sku="P1", quantity=1, unit_price=Decimal("300"), amount=Decimal("300")))
        s.add(OutreachRow(customer_id=cust["CFAT"], guide_id=staff["G1"], source="guide", channel="manual",
                          sent_at=NOW - timedelta(days=1)))
        other = CampaignRow(name="earlier", kind="care_checkin", segment="all", created_at=NOW - timedelta(days=2),
                            due_date=DUE)
        s.add(other)
        s.flush()
        s.add(CareTaskRow(campaign_id=other.id, customer_id=cust["CBUSY"], guide_id=staff["G2"], kind="care_checkin",
                          created_at=NOW - timedelta(days=2), due_at=NOW + timedelta(days=4)))
        s.commit()
        return SimpleNamespace(staff=staff, customers=cust, stores=store, other_campaign=other.id)


@pytest.fixture
def ids(engine):
    return seed(engine)


@pytest.fixture
def ranking() -> RankingSettings:
    return RankingSettings()


@pytest.fixture
def service(ranking) -> CampaignService:
    contacts = ContactsService(timezone=TZ, ranking=ranking)
    return CampaignService(contacts, ranking, TZ, SellingContext(LLMSettings()))
