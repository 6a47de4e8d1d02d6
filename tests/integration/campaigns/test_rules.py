"""Each automatic rule picks the customers it names, once, under the same caps as campaigns."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from copilot.contacts import ContactsService
from copilot.rules import run_rules
from core.settings import RankingSettings
from db.tables import BrandRow, CustomerRow, OrderLineRow, OrderRow, ProductRow, StaffRow, StoreRow
from db.tables_ops import OutreachRow
from tests.integration.campaigns.conftest import NOW, TZ

# customer -> (days ago of each order, birthday, tags, days since last contact)
PEOPLE = {
    "BDAY": ((300,), date(1990, 11, 28), [], None),  # birthday in 5 days
    "LATEBDAY": ((300,), date(1990, 12, 20), [], None),
    "FIRST": ((15,), None, [], None),  # first and only purchase 15 days ago
    "NEWBIE": ((5,), None, [], None),
    "REBUY": ((80, 70, 60, 50, 40), None, [], None),  # a 10-day rhythm, 40 days since the last
    "SILENT": ((120,), None, [], None),
    "VIP": ((10,), None, ["VIP"], None),  # VIP, never contacted
    "VIPSEEN": ((10,), None, ["VIP"], 10),  # VIP, contacted 10 days ago
    "REGULAR": ((9, 2), None, [], None),  # nothing due
}


def seed(engine, config=None) -> dict[str, int]:
    with Session(engine) as s:
        s.add(BrandRow(code="demo", name="Demo", config=config or {}))
        store = StoreRow(external_id="S1", name="店")
        s.add(store)
        s.flush()
        guide = StaffRow(external_id="G1", name="Li", role="guide", store_id=store.id, telegram_user_id=222)
        s.add_all([guide, ProductRow(sku="P1", name="面霜", category="skincare", price=Decimal(300))])
        s.flush()
        for name, (days, birthday, tags, contacted) in PEOPLE.items():
            c = CustomerRow(external_id=name, name=name, owner_id=guide.id, store_id=store.id, birthday=birthday, tags=tags)
            s.add(c)
            s.flush()
            for k, ago in enumerate(days):
                o = OrderRow(external_id=f"{name}-{k}", customer_id=c.id, ordered_at=NOW - timedelta(days=ago),
                             total=Decimal(300), guide_id=guide.id)
                s.add(o)
                s.flush()
                s.add(OrderLineRow(order_id=o.id, sku="P1", quantity=1, unit_price=Decimal(300), amount=Decimal(300)))
            if contacted is not None:
                s.add(OutreachRow(customer_id=c.id, guide_id=guide.id, source="guide", channel="manual",
                                  sent_at=NOW - timedelta(days=contacted)))
        s.commit()
        return {c.external_id: c.id for c in s.query(CustomerRow)}


def picked(uow_factory, runs) -> dict[str, set[str]]:
    out = {}
    with uow_factory() as uow:
        names = {c: uow.customers.get(c).external_id for c in range(1, len(PEOPLE) + 1)}
        for run in runs:
            if run.campaign_id:
                out[run.rule] = {names[t.customer_id] for t in uow.campaigns.tasks(campaign_id=run.campaign_id)}
    return out


def score(uow_factory):
    with uow_factory() as uow:
        ContactsService(timezone=TZ, ranking=RankingSettings()).score_all(uow, NOW)
        uow.commit()


@pytest.fixture
def brand(engine, uow_factory):
    seed(engine)
    score(uow_factory)
    return uow_factory


def test_each_rule_picks_exactly_the_customers_it_is_about(brand, service):
    runs = run_rules(brand, service, NOW)
    assert picked(brand, runs) == {"birthday": {"BDAY"}, "first_purchase": {"FIRST"}, "rebuy_due": {"REBUY"},
                                   "silent": {"SILENT", "LATEBDAY"}, "vip_quiet": {"VIP"}}
    # BDAY is silent too, but already has the birthday task: one open task per customer.


def test_running_the_rules_twice_in_a_day_creates_nothing_new(brand, service):
    first = run_rules(brand, service, NOW)
    again = run_rules(brand, service, NOW + timedelta(hours=3))
    assert [r.status for r in again if r.campaign_id] == ["already_ran"] * 5
    assert [r.campaign_id for r in again] == [r.campaign_id for r in first]


def test_the_next_day_a_rule_does_not_pick_the_same_customer_again(brand, service):
    run_rules(brand, service, NOW)
    later = run_rules(brand, service, NOW + timedelta(days=8))  # the first tasks have expired by now
    assert picked(brand, later).get("birthday", set()) == set()
    assert "SILENT" not in picked(brand, later).get("silent", set())


def test_a_rule_switched_off_in_the_brand_config_does_not_run(engine, uow_factory, service):
    seed(engine, config={"rules": {"silent": {"enabled": False}, "vip_quiet": {"days": 5}}})
    score(uow_factory)
    runs = {r.rule: r for r in run_rules(uow_factory, service, NOW)}
    assert runs["silent"].status == "disabled" and runs["silent"].campaign_id is None
    assert picked(uow_factory, runs.values())["vip_quiet"] == {"VIP", "VIPSEEN"}  # 10 days >= 5
