"""Opting out holds everywhere: consent history, open care tasks, outreach from any path, ranking;
and engagement from the conversation and the product list raises a customer in the ranking."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from copilot import customers
from copilot.contacts import ContactsService
from copilot.contacts.outreach import Channel, Source, log_outreach
from core.domain import Consent
from core.errors import OptedOut
from core.settings import RankingSettings
from db.tables_ops import OutreachRow
from tests.integration.customers.conftest import NOW, open_task, tasks


def _contacts() -> ContactsService:
    return ContactsService(timezone="Asia/Shanghai", ranking=RankingSettings())


def _today_ids(uow_factory, guide_id: int) -> list[int]:
    service = _contacts()
    with uow_factory() as uow:
        service.score_all(uow, NOW)
        uow.commit()
        guide = uow.staff.get(guide_id)
        return [line.customer_id for line in service.today(uow, guide, NOW, per_page=50).lines]


@pytest.mark.parametrize("source", ["stop_word", "button"])
def test_opting_out_revokes_consent_closes_open_tasks_and_appends_an_event(uow_factory, shop, source):
    lily = shop.customers["C1"]
    open_task(uow_factory, lily, shop.guides["G1"])
    open_task(uow_factory, lily, shop.guides["G1"])
    with uow_factory() as uow:
        closed = customers.opt_out(uow, uow.customers.get(lily), NOW, source=source)
        uow.commit()
    with uow_factory() as uow:
        assert uow.customers.get(lily).consent is Consent.REVOKED
        assert uow.conversations.consent_events(lily) == [("revoked", source, NOW)]
    assert closed == 2 and tasks(uow_factory, lily) == [("closed", "opted_out")] * 2


def test_no_outreach_is_possible_after_opting_out_from_any_source(uow_factory, shop):
    lily = shop.customers["C1"]
    with uow_factory() as uow:
        customers.opt_out(uow, uow.customers.get(lily), NOW, source="stop_word")
        uow.commit()
    with uow_factory() as uow:
        for source in Source:
            with pytest.raises(OptedOut):
                log_outreach(uow, customer_id=lily, guide_id=shop.guides["G1"], source=source, channel=Channel.BOT,
                             text="hi", products=[], now=NOW)


def test_an_opted_out_customer_leaves_todays_list_and_returns_after_opting_in(uow_factory, shop):
    lily, guide = shop.customers["C1"], shop.guides["G1"]
    assert lily in _today_ids(uow_factory, guide)
    with uow_factory() as uow:
        customers.opt_out(uow, uow.customers.get(lily), NOW, source="button")
        uow.commit()
    assert lily not in _today_ids(uow_factory, guide)
    with uow_factory() as uow:
        customers.opt_in(uow, uow.customers.get(lily), NOW, source="button")
        uow.commit()
    assert lily in _today_ids(uow_factory, guide)


def test_a_reply_marks_the_latest_outreach_replied_and_counts_as_engagement(uow_factory, shop):
    zhang = shop.customers["C2"]
    with uow_factory() as uow:
        earlier = log_outreach(uow, customer_id=zhang, guide_id=shop.guides["G1"], source=Source.GUIDE,
                               channel=Channel.BOT, text="old", products=[], now=NOW - timedelta(days=9))
        latest = log_outreach(uow, customer_id=zhang, guide_id=shop.guides["G1"], source=Source.GUIDE,
                              channel=Channel.BOT, text="new", products=[], now=NOW - timedelta(days=1))
        uow.commit()
    with uow_factory() as uow:
        inbound = customers.customer_says(uow, uow.customers.get(zhang), "好的，谢谢", NOW, telegram_message_id=5,
                                          catalogue={}, vip_spend=5000)
        uow.commit()
    assert inbound.relayed is False  # the guide has no Telegram account in this brand: stored, not relayed
    with uow_factory() as uow:
        replied = dict(uow.session.execute(select(OutreachRow.id, OutreachRow.replied_at.is_not(None))).all())
        engagement = uow.scoring.interactions_since(NOW - timedelta(days=1))
    assert replied == {earlier: False, latest: True}
    assert (zhang, "reply", 1) in engagement


def test_replies_views_and_clicks_raise_a_customer_in_the_ranking(uow_factory, shop):
    service, guide = _contacts(), shop.guides["G1"]
    with uow_factory() as uow:
        service.score_all(uow, NOW)
        uow.commit()
        before = {
            line.customer_id: line.value for line in service.today(uow, uow.staff.get(guide), NOW, per_page=50).lines
        }
    zhang = shop.customers["C2"]
    with uow_factory() as uow:
        for kind in ("reply", "list_view", "list_click"):
            uow.conversations.add_interaction(zhang, guide, kind, "", NOW - timedelta(hours=1))
        uow.commit()
    with uow_factory() as uow:
        after = {
            line.customer_id: line.value for line in service.today(uow, uow.staff.get(guide), NOW, per_page=50).lines
        }
    assert after[zhang] > before[zhang]
    assert all(after[c] == before[c] for c in before if c != zhang)
