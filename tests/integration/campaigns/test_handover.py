"""A leaving guide's customers and open tasks move to colleagues; history stays with them."""
from __future__ import annotations

import pytest

from copilot.campaigns import complete_task
from copilot.staff.handover import handover
from core.errors import InvalidInput, NotAllowed
from tests.integration.campaigns.conftest import NOW
from tests.integration.campaigns.test_create import create


def test_customers_and_open_tasks_move_in_bulk_while_finished_tasks_keep_their_guide(uow_factory, ids, service):
    result = create(uow_factory, service)
    g1, g2, g9 = ids.staff["G1"], ids.staff["G2"], ids.staff["G9"]
    with uow_factory() as uow:
        leaving = uow.staff.get(g1)
        done = uow.campaigns.tasks(campaign_id=result.campaign_id, guide_id=g1)[0]
        complete_task(uow, leaving, done.id, "contacted", NOW)
        moved = handover(uow, g1, [g2, g9], NOW)
        uow.commit()
    # G1 owned C1-C6, COPT and CFAT: 8 customers, split in turn; all 6 still open tasks move.
    assert moved.customers == {g2: 4, g9: 4}
    assert moved.tasks == 6
    with uow_factory() as uow:
        assert uow.customers.list_for_owner(g1) == []
        assert [(t.id, t.status) for t in uow.campaigns.tasks(guide_id=g1)] == [(done.id, "done")]
        owners = {c.id: c.owner_id for g in (g2, g9) for c in uow.customers.list_for_owner(g)}
        moved_own = [t for t in uow.campaigns.tasks(campaign_id=result.campaign_id) if t.customer_id in owners
                     and t.status == "open"]
        assert moved_own and all(t.guide_id == owners[t.customer_id] for t in moved_own)
        assert uow.outreach.last_for(done.customer_id)[0] == NOW
        assert uow.outbox.counts()["pending"] == 2 + 1  # campaign notices to G1 and G2, handover to G2 (G9 has no Telegram)


def test_only_a_manager_of_the_store_may_hand_over_and_only_to_other_active_staff(uow_factory, ids):
    with uow_factory() as uow:
        guide = uow.staff.get(ids.staff["G2"])
        with pytest.raises(NotAllowed):
            handover(uow, ids.staff["G1"], [ids.staff["G2"]], NOW, acting=guide)
        with pytest.raises(InvalidInput):
            handover(uow, ids.staff["G1"], [ids.staff["G1"]], NOW)
