"""Managers' campaigns and guides' tasks through the real Dispatcher."""
from __future__ import annotations

import pytest

from bot.callbacks_managers import MANAGER_FACTORIES, WizardAction, WizardCb
from bot.texts import TABLES
from tests.bot.conftest import GUIDE, MANAGER


@pytest.fixture
def customers(brand):
    with brand() as uow:
        staff = uow.staff.ids_by_external()
        store = uow.stores.ids_by_external()["S1"]
        uow.bulk.upsert("customers", [
            {"external_id": f"K{i}", "name": f"客户{i}", "owner_id": staff["G1" if i < 3 else "G2"], "store_id": store}
            for i in range(5)])
        uow.commit()
    return staff


async def run_wizard(client, staff) -> None:
    manager = staff["M1"]
    await client.send(MANAGER, "/newcampaign")
    assert "选择人群" in client.last(MANAGER).text
    await client.click(MANAGER, "全部顾客")
    preview = client.last(MANAGER).text
    assert "全部顾客：5 位顾客" in preview and "李丽: 3" in preview and "Anna Smith: 2" in preview
    assert "没有可分配的导购 1 位" in preview  # C1 has neither owner nor store
    await client.click(MANAGER, "沉默召回")
    await client.send(MANAGER, "双十一老客回馈，到店有礼")
    await client.click(MANAGER, "2")
    await client.click(MANAGER, "0%")
    await client.click(MANAGER, WizardCb(u=manager, a=WizardAction.DUE, v=7).pack())
    assert "双十一老客回馈" in client.last(MANAGER).text
    await client.click(MANAGER, "✅ 创建")


async def test_a_manager_creates_a_campaign_with_the_wizard_and_each_guide_is_notified(client, customers):
    await run_wizard(client, customers)
    assert "活动 #1 已创建：5 个任务" in client.last(MANAGER).text
    with client_uow(client) as uow:
        tasks = uow.campaigns.tasks(campaign_id=1)
        campaign = uow.campaigns.get(1)
        keys = {i.dedupe_key for i in uow.outbox.claim(campaign.created_at, limit=10, lease_seconds=1)}
    assert campaign.kind == "silent_recall" and campaign.created_by == customers["M1"]
    assert {t.variant for t in tasks} <= {0, 1} and all(t.draft for t in tasks)
    assert keys == {f"campaign:1:guide:{customers['G1']}", f"campaign:1:guide:{customers['G2']}"}


def client_uow(client):
    return client.container.uow_factory()


async def test_a_guide_opens_a_task_with_its_draft_and_records_the_outcome(client, customers):
    await run_wizard(client, customers)
    await client.send(GUIDE, "/tasks")
    assert "双十一老客回馈" in client.last(GUIDE).text and "3 位顾客" in client.last(GUIDE).text
    await client.click(GUIDE, client.last(GUIDE).buttons[0].text)
    names = client.last(GUIDE).labels
    assert set(names[:3]) == {"客户0", "客户1", "客户2"}
    await client.click(GUIDE, "客户0")
    card = client.last(GUIDE)
    assert card.text.startswith("📋 <b>双十一老客回馈，到店有礼</b>") and "<b>给客户0的消息</b>" in card.text
    assert {"复制", "自己改", "标记已发送", "已回复", "已购买", "不感兴趣", "联系不上", "« 返回"} <= set(card.labels)
    await client.click(GUIDE, "标记已发送")
    assert "任务完成" in client.last(GUIDE).text and "标记已发送" not in client.last(GUIDE).labels
    await client.click(GUIDE, "已回复")  # later: they answered
    assert "已记录：已回复" in client.last(GUIDE).text
    with client_uow(client) as uow:
        [done] = uow.campaigns.tasks(campaign_id=1, statuses=("done",))
        assert (done.outcome, uow.outreach.last_for(done.customer_id)[1]) == ("replied", "task")


async def test_a_guide_cannot_press_a_task_button_or_run_manager_commands(client, customers):
    await run_wizard(client, customers)
    with client_uow(client) as uow:
        other = uow.campaigns.tasks(campaign_id=1, guide_id=customers["G2"])[0]
    await client.send(GUIDE, "/tasks")
    await client.press_raw(GUIDE, f"tk:{customers['G1']}:o:{other.id}:")  # G1's button, G2's task
    assert client.callback_answers()[-1].text == TABLES["zh"]["not_allowed"]
    with client_uow(client) as uow:
        assert uow.campaigns.task(other.id).status == "open"  # not started by the press
    await client.send(GUIDE, "/campaigns")
    assert TABLES["zh"]["not_allowed"] in client.last(GUIDE).text


async def test_campaigns_report_and_team_show_progress_chart_csv_and_leaderboard(client, customers):
    await run_wizard(client, customers)
    await client.send(MANAGER, "/campaigns")
    assert "#1 双十一老客回馈，到店有礼：完成 0/5" in client.last(MANAGER).text
    await client.send(MANAGER, "/report 1")
    assert len(client.session.calls("SendPhoto")) == 1 and len(client.session.calls("SendDocument")) == 1
    assert "5 位顾客分给导购" in client.last(MANAGER).text
    await client.send(MANAGER, "/team")
    assert "团队排行" in client.last(MANAGER).text and "李丽" in client.last(MANAGER).text


async def test_a_manager_hands_a_leaving_guides_customers_over(client, customers):
    await run_wizard(client, customers)
    await client.send(MANAGER, "/handover G1 G3")
    assert "3 customers" in client.last(MANAGER).text or "3 位顾客" in client.last(MANAGER).text
    with client_uow(client) as uow:
        assert len(uow.customers.list_for_owner(customers["G3"])) == 3


async def test_a_manager_starts_the_brief_from_stored_content_and_a_forged_choice_is_refused(client, customers):
    with client_uow(client) as uow:
        uow.bulk.upsert("content", [
            {"external_id": "B1", "kind": "brief", "title": "会员生日月礼遇", "body": "生日当月到店领取礼盒"},
            {"external_id": "A1", "kind": "article", "title": "冬季干皮护理", "body": "早晚两次保湿"}])
        uow.commit()
    await client.send(MANAGER, "/newcampaign")
    await client.click(MANAGER, "全部顾客")
    await client.click(MANAGER, "生日祝福")
    assert [b.text for b in client.last(MANAGER).buttons][:2] == ["会员生日月礼遇", "冬季干皮护理"]
    await client.press_raw(MANAGER, WizardCb(u=customers["M1"], a=WizardAction.CONTENT, v=99).pack())
    assert client.callback_answers()[-1].text == TABLES["zh"]["error.invalid_input"]
    await client.click(MANAGER, "会员生日月礼遇")
    await client.click(MANAGER, "1")
    await client.click(MANAGER, "0%")
    await client.click(MANAGER, WizardCb(u=customers["M1"], a=WizardAction.DUE, v=7).pack())
    assert "会员生日月礼遇: 生日当月到店领取礼盒" in client.last(MANAGER).text


def test_every_manager_callback_fits_in_64_bytes_and_names_its_owner():
    from tests.bot.test_telegram_limits import _longest_value

    for factory in MANAGER_FACTORIES:
        assert "u" in factory.model_fields
        longest = factory(**{n: _longest_value(f.annotation) for n, f in factory.model_fields.items()})
        assert len(longest.pack().encode()) <= 64, factory


async def test_the_wizard_names_segments_kinds_and_exclusions_in_words_never_by_internal_keys(client, customers):
    import re

    await run_wizard(client, customers)
    shown = client.texts(MANAGER) + [b.text for r in client.chat(MANAGER) for b in r.buttons]
    keys = [k for text in shown for k in re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", text)]
    assert keys == []


async def test_a_campaign_without_a_brief_is_named_by_segment_and_kind_in_the_managers_words(client, customers):
    await client.send(MANAGER, "/newcampaign")
    await client.click(MANAGER, "全部顾客")
    await client.click(MANAGER, "生日祝福")
    # No brief typed and no content picked: the next step's button, as a client could press it.
    await client.press_raw(MANAGER, WizardCb(u=customers["M1"], a=WizardAction.VARIANTS, v=1).pack())
    await client.click(MANAGER, "0%")
    await client.click(MANAGER, WizardCb(u=customers["M1"], a=WizardAction.DUE, v=7).pack())
    assert "类型：生日祝福" in client.last(MANAGER).text and "说明：无" in client.last(MANAGER).text
    await client.click(MANAGER, "✅ 创建")
    await client.send(MANAGER, "/campaigns")
    assert "#1 全部顾客·生日祝福：完成 0/" in client.last(MANAGER).text
