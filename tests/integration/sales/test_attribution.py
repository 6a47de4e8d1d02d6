from datetime import timedelta
from decimal import Decimal

from sqlalchemy import update
from sqlalchemy.orm import Session

from db.tables import BrandRow
from tests.integration.sales.brand import NOW, add_click, add_outreach, ledger, place

ORDERED = NOW - timedelta(hours=1)


def _entry(engine):
    (entry,) = ledger(engine)
    return entry


def test_an_order_carrying_a_guide_id_belongs_to_that_guide_even_after_anothers_outreach(engine, ids, uow_factory):
    add_outreach(engine, ids, "C1", "G3", ORDERED - timedelta(hours=2))
    body = place(uow_factory, guide="G1").body
    _, guide, _, base, commission, _, rule, _ = _entry(engine)
    assert (guide, rule, base, commission) == (ids.guides["G1"], "order", Decimal("596.00"), Decimal("17.88"))
    assert body["guide_id"] == "G1" and body["attribution"] == "order"


def test_an_outreach_within_the_window_credits_its_guide_at_the_full_rate(engine, ids, uow_factory):
    add_outreach(engine, ids, "C1", "G3", ORDERED - timedelta(days=6))
    place(uow_factory)
    _, guide, _, _, commission, _, rule, _ = _entry(engine)
    assert (guide, rule, commission) == (ids.guides["G3"], "outreach", Decimal("17.88"))


def test_a_product_list_click_within_the_window_credits_the_guide_who_shared_the_list(engine, ids, uow_factory):
    add_click(engine, ids, "C1", "G1", ORDERED - timedelta(days=1))
    place(uow_factory)
    assert _entry(engine)[1::5][:2] == (ids.guides["G1"], "list_click")


def test_without_a_touch_in_the_window_the_owner_is_credited_at_the_ownership_rate(engine, ids, uow_factory):
    add_outreach(engine, ids, "C1", "G3", ORDERED - timedelta(days=7, minutes=1))
    add_outreach(engine, ids, "C1", "G1", ORDERED + timedelta(minutes=1))  # after the order: no credit
    place(uow_factory)
    _, guide, _, _, commission, _, rule, _ = _entry(engine)
    assert (guide, rule, commission) == (ids.guides["G2"], "owner", Decimal("8.94"))  # half of 17.88


def test_the_latest_touch_wins_when_several_guides_reached_the_customer(engine, ids, uow_factory):
    add_outreach(engine, ids, "C1", "G3", ORDERED - timedelta(days=3))
    add_click(engine, ids, "C1", "G1", ORDERED - timedelta(days=2))
    add_outreach(engine, ids, "C1", "G2", ORDERED - timedelta(days=1))
    place(uow_factory)
    assert _entry(engine)[1] == ids.guides["G2"] and _entry(engine)[6] == "outreach"


def test_the_window_and_the_ownership_rate_come_from_the_brand_config(engine, ids, uow_factory):
    with Session(engine) as s:
        s.execute(update(BrandRow).values(config={"attribution_window_days": 2, "ownership_rate": "0.25"}))
        s.commit()
    add_outreach(engine, ids, "C1", "G3", ORDERED - timedelta(days=3))
    place(uow_factory)
    _, guide, _, _, commission, _, rule, _ = _entry(engine)
    assert (guide, rule, commission) == (ids.guides["G2"], "owner", Decimal("4.47"))


def test_a_customer_without_owner_or_touch_credits_nobody(engine, ids, uow_factory):
    body = place(uow_factory, customer="C3").body
    assert ledger(engine) == []
    assert body["guide_id"] is None and body["attribution"] == "none" and body["commission"] == "0.00"


def test_the_campaign_of_the_outreachs_care_task_is_recorded(engine, ids, uow_factory):
    add_outreach(engine, ids, "C1", "G3", ORDERED - timedelta(days=1), campaign=True)
    body = place(uow_factory).body
    assert _entry(engine)[7] == ids.campaign and body["campaign"] == "Mid-autumn recall"


def test_a_guide_on_the_order_still_gets_the_campaign_of_their_own_outreach(engine, ids, uow_factory):
    add_outreach(engine, ids, "C1", "G3", ORDERED - timedelta(days=2), campaign=True)
    add_outreach(engine, ids, "C1", "G1", ORDERED - timedelta(days=1))
    place(uow_factory, guide="G3")
    assert _entry(engine)[1] == ids.guides["G3"] and _entry(engine)[7] == ids.campaign
