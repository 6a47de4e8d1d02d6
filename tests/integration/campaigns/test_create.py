"""Creating a campaign: who gets a task, who is left out and why, drafts, and one message per guide."""
from __future__ import annotations

from collections import Counter

import pytest

from copilot.campaigns import CampaignSpec
from core.errors import InvalidInput
from tests.integration.campaigns.conftest import DUE, NOW


def spec(**changes) -> CampaignSpec:
    values = dict(name="Mid-autumn recall", segment="all", kind="care_checkin", brief="新品面霜到店", due=DUE)
    return CampaignSpec(**{**values, **changes})


def create(uow_factory, service, **changes):
    with uow_factory() as uow:
        result = service.create(uow, spec(**changes), NOW)
        uow.commit()
    return result


def test_each_eligible_customer_gets_one_task_from_their_owner_and_the_rest_are_counted_by_reason(
        uow_factory, ids, service):
    result = create(uow_factory, service)
    assert result.excluded == {"opted_out": 1, "fatigue": 1, "open_task": 1, "no_guide": 1}
    g1, g2 = ids.staff["G1"], ids.staff["G2"]
    # C1-C6 are G1's, C7-C8 G2's; C9 and C10 have no owner and are spread over S1's guides in turn.
    assert result.per_guide == {g1: 7, g2: 3}
    assert result.created == 10 and result.holdout == 0
    with uow_factory() as uow:
        tasks = uow.campaigns.tasks(campaign_id=result.campaign_id)
    assert len({t.customer_id for t in tasks}) == len(tasks) == 10
    assert all(t.draft and t.status == "open" for t in tasks)
    assert {t.guide_id for t in tasks if t.customer_id in (ids.customers["C9"], ids.customers["C10"])} == {g1, g2}


def test_each_guide_is_told_once_per_campaign_with_a_button_into_their_tasks(uow_factory, ids, service):
    result = create(uow_factory, service)
    with uow_factory() as uow:
        assert uow.outbox.counts() == {"pending": 2}
        items = uow.outbox.claim(NOW, limit=10, lease_seconds=1)
    by_chat = {i.chat_id: i.payload for i in items}
    assert by_chat[222]["text"] == "新的关怀任务：7 位顾客 — Mid-autumn recall，截止 11月27日（周五）"
    assert by_chat[333]["text"] == "New care task: 3 customers — Mid-autumn recall, due Fri 27 Nov"
    button = by_chat[333]["buttons"][0][0]
    assert button["action"] == "tasks" and button["campaign_id"] == result.campaign_id


def test_a_customer_with_an_open_task_of_this_campaign_is_not_given_a_second_one(uow_factory, ids, service):
    create(uow_factory, service)
    again = create(uow_factory, service, name="second round")
    assert again.created == 0
    assert again.excluded["open_task"] == 11


def test_filters_narrow_the_segment(uow_factory, ids, service):
    assert create(uow_factory, service, filters={"tags": "VIP"}).per_guide == {ids.staff["G1"]: 1}
    assert create(uow_factory, service, name="b", filters={"guide": "G2"}).created == 2


def test_holdout_and_variants_split_the_same_way_every_time(uow_factory, ids, service):
    result = create(uow_factory, service, variants=2, holdout=0.3)
    with uow_factory() as uow:
        tasks = uow.campaigns.tasks(campaign_id=result.campaign_id)
    holdout = [t for t in tasks if t.holdout]
    assert result.holdout == len(holdout) and result.created + result.holdout == 10
    assert all(t.status == "holdout" and t.draft == "" for t in holdout)
    from copilot.campaigns.audience import split
    assert all(split(result.campaign_id, t.customer_id, 0.3, 2) == (t.holdout, t.variant) for t in tasks)


def test_shares_draw_close_to_what_was_asked_over_many_customers():
    from copilot.campaigns.audience import split
    draws = Counter(split(7, c, 0.2, 3) for c in range(20_000))
    assert abs(sum(v for (h, _), v in draws.items() if h) / 20_000 - 0.2) < 0.02
    assert all(abs(draws[(False, v)] / 20_000 - 0.8 / 3) < 0.02 for v in range(3))


def test_a_bad_kind_or_filter_is_refused_with_the_choices():
    with pytest.raises(InvalidInput, match="care_checkin"):
        spec(kind="spam")
    with pytest.raises(InvalidInput, match="unknown filter"):
        spec(filters={"colour": "red"})
