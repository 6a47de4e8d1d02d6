"""Guides work their tasks; reminders, the manager's heads-up and expiry follow the due date."""
from __future__ import annotations

from datetime import timedelta

import pytest

from copilot.campaigns import complete_task, open_task, task_groups, upkeep
from core.errors import NotAllowed
from tests.integration.campaigns.conftest import NOW
from tests.integration.campaigns.test_create import create


def staff(uow, external_id):
    return uow.staff.get_by_external(external_id)


def test_a_guide_sees_open_tasks_grouped_by_campaign_and_recording_contacted_logs_outreach(uow_factory, ids, service):
    result = create(uow_factory, service)
    with uow_factory() as uow:
        g1 = staff(uow, "G1")
        [group] = [g for g in task_groups(uow, g1) if g.campaign_id == result.campaign_id]
        assert group.open == 7 and group.name == "Mid-autumn recall"
        task = uow.campaigns.tasks(campaign_id=result.campaign_id, guide_id=g1.id)[0]
        assert open_task(uow, g1, task.id).draft
        done = complete_task(uow, g1, task.id, "contacted", NOW)
        uow.commit()
    assert done.status == "done" and done.outcome == "contacted"
    with uow_factory() as uow:
        sent_at, source, channel = uow.outreach.last_for(task.customer_id)
    assert (sent_at, source, channel) == (NOW, "task", "manual")


def test_not_interested_is_recorded_without_counting_as_outreach(uow_factory, ids, service):
    result = create(uow_factory, service)
    with uow_factory() as uow:
        g2 = staff(uow, "G2")
        task = uow.campaigns.tasks(campaign_id=result.campaign_id, guide_id=g2.id)[0]
        complete_task(uow, g2, task.id, "not_interested", NOW)
        uow.commit()
        assert uow.outreach.last_for(task.customer_id) is None


def test_a_guide_cannot_open_or_complete_another_guides_task(uow_factory, ids, service):
    result = create(uow_factory, service)
    with uow_factory() as uow:
        g1, g2 = staff(uow, "G1"), staff(uow, "G2")
        task = uow.campaigns.tasks(campaign_id=result.campaign_id, guide_id=g1.id)[0]
        with pytest.raises(NotAllowed):
            open_task(uow, g2, task.id)
        with pytest.raises(NotAllowed):
            complete_task(uow, g2, task.id, "bought", NOW)


def run_upkeep(uow_factory, at):
    with uow_factory() as uow:
        done = upkeep(uow, at)
        uow.commit()
    return done


def test_unstarted_tasks_are_reminded_twice_then_the_manager_is_told_then_they_expire(uow_factory, ids, service):
    with uow_factory() as uow:
        manager = staff(uow, "M1").id
    result = create(uow_factory, service, created_by=manager)  # due Fri 23:59 Shanghai: a 4.6-day window
    with uow_factory() as uow:  # G2 starts one task: it is no longer reminded
        g2 = staff(uow, "G2")
        [earlier] = uow.campaigns.tasks(campaign_id=ids.other_campaign)
        complete_task(uow, g2, earlier.id, "unreachable", NOW)  # only this campaign's reminders below
        started = uow.campaigns.tasks(campaign_id=result.campaign_id, guide_id=g2.id)[0]
        open_task(uow, g2, started.id)
        uow.commit()
    assert run_upkeep(uow_factory, NOW + timedelta(hours=1)).reminded == 0
    assert run_upkeep(uow_factory, NOW + timedelta(days=1.2)).reminded == 2
    assert run_upkeep(uow_factory, NOW + timedelta(days=1.3)).reminded == 0  # idempotent within a step
    assert run_upkeep(uow_factory, NOW + timedelta(days=2.4)).reminded == 2
    told = run_upkeep(uow_factory, NOW + timedelta(days=3.5))
    assert (told.reminded, told.escalated) == (0, 2)
    assert run_upkeep(uow_factory, NOW + timedelta(days=4)).escalated == 0
    with uow_factory() as uow:
        keys = [i.dedupe_key for i in uow.outbox.claim(NOW + timedelta(days=9), limit=50, lease_seconds=1)]
    assert sum(k.startswith("remind:") for k in keys) == 4
    assert sorted(k for k in keys if k.startswith("escalate:")) == sorted(
        f"escalate:{result.campaign_id}:{g}:{manager}" for g in (ids.staff["G1"], ids.staff["G2"]))
    final = run_upkeep(uow_factory, NOW + timedelta(days=5))
    assert final.expired == 10
    with uow_factory() as uow:
        tasks = uow.campaigns.tasks(campaign_id=result.campaign_id)
    assert {(t.status, t.outcome) for t in tasks} == {("expired", "no_action")}


def test_a_campaigns_tasks_come_with_the_customers_worth_most_first(uow_factory, ids, service):
    from copilot.campaigns import campaign_tasks

    result = create(uow_factory, service)
    with uow_factory() as uow:
        g1 = staff(uow, "G1")
        by_id = sorted(uow.campaigns.tasks(campaign_id=result.campaign_id, guide_id=g1.id), key=lambda t: t.id)
        # Worth more the later the task was made: the list must come out in reverse order of creation.
        uow.scoring.replace_snapshot([{"customer_id": t.customer_id, "computed_at": NOW, "p_purchase": 0.5,
                                       "expected_value": 10.0 * k, "features": {}} for k, t in enumerate(by_id)])
        tasks = campaign_tasks(uow, g1, result.campaign_id)
    assert len(tasks) == 7 and [t.id for t in tasks] == [t.id for t in reversed(by_id)]


def test_a_task_done_as_contacted_can_later_be_told_replied_or_bought_but_never_logged_twice(uow_factory, ids, service):
    from copilot.contacts.outreach import Channel
    from copilot.campaigns.tasks import TaskClosed

    result = create(uow_factory, service)
    with uow_factory() as uow:
        g1 = staff(uow, "G1")
        task = uow.campaigns.tasks(campaign_id=result.campaign_id, guide_id=g1.id)[0]
        complete_task(uow, g1, task.id, "contacted", NOW, channel=Channel.BOT, text="改过的文字")
        assert complete_task(uow, g1, task.id, "bought", NOW + timedelta(days=1)).outcome == "bought"
        with pytest.raises(TaskClosed):
            complete_task(uow, g1, task.id, "replied", NOW + timedelta(days=2))  # not a later step
        uow.commit()
        sent_at, source, channel = uow.outreach.last_for(task.customer_id)
        assert (sent_at, source, channel) == (NOW, "task", "bot")
        assert uow.outreach.contacted_since(g1.id, NOW - timedelta(hours=1)) == 1
