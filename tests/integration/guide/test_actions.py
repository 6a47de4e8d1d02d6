"""A guide's actions on a customer: undo a put-aside, and one contact per customer and day."""
from datetime import UTC, datetime, timedelta

import pytest

from copilot.contacts.outreach import Channel
from copilot.guide import actions
from core.errors import NotAllowed

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
DAY_START = datetime(2026, 11, 22, 16, 0, tzinfo=UTC)  # midnight in Shanghai


@pytest.fixture
def world(uow_factory):
    with uow_factory() as uow:
        uow.bulk.upsert("stores", [{"external_id": "S1", "name": "旗舰店"}])
        store = uow.bulk.ids("stores", ["S1"])["S1"]
        uow.bulk.upsert("staff", [{"external_id": g, "name": g, "role": "guide", "store_id": store}
                                  for g in ("G1", "G2")])
        staff = uow.bulk.ids("staff", ["G1", "G2"])
        uow.bulk.upsert("customers", [{"external_id": "C1", "name": "张小红", "owner_id": staff["G1"],
                                       "store_id": store}])
        uow.commit()
        return uow_factory, uow.staff.get(staff["G1"]), uow.staff.get(staff["G2"]), uow.bulk.ids("customers", ["C1"])["C1"]


def test_undo_brings_a_snoozed_or_put_aside_customer_back_at_once_and_a_second_undo_changes_nothing(world):
    uow_factory, guide, _, customer = world
    with uow_factory() as uow:
        actions.not_interested(uow, guide, customer, NOW)
        actions.snooze(uow, guide, customer, NOW, 7)
        assert actions.hidden_customers(uow, guide, NOW) == {customer}
        assert actions.lift_put_aside(uow, guide, customer, NOW) is True
        assert actions.hidden_customers(uow, guide, NOW) == set()
        assert uow.guide_actions.latest(customer, NOW) is None
        assert actions.lift_put_aside(uow, guide, customer, NOW) is False


def test_another_guide_cannot_undo(world):
    uow_factory, guide, other, customer = world
    with uow_factory() as uow:
        actions.snooze(uow, guide, customer, NOW, 1)
        with pytest.raises(NotAllowed):
            actions.lift_put_aside(uow, other, customer, NOW)
        assert actions.hidden_customers(uow, guide, NOW) == {customer}


def test_a_second_contact_on_the_same_day_is_refused_and_says_when_the_first_was(world):
    uow_factory, guide, _, customer = world
    with uow_factory() as uow:
        actions.record_contact(uow, guide, customer, NOW, channel=Channel.MANUAL, text="您好", day_start=DAY_START)
        with pytest.raises(actions.AlreadyContacted) as refused:
            actions.record_contact(uow, guide, customer, NOW + timedelta(minutes=3), channel=Channel.MANUAL,
                                   day_start=DAY_START)
        assert refused.value.at == NOW and refused.value.channel == "manual"
        tomorrow = DAY_START + timedelta(days=1)
        actions.record_contact(uow, guide, customer, tomorrow + timedelta(hours=10), channel=Channel.MANUAL,
                               day_start=tomorrow)
        assert uow.outreach.last_for(customer)[0] == tomorrow + timedelta(hours=10)
