"""/today and the customer card, through the real Dispatcher, in both languages."""
from datetime import timedelta

from bot.callbacks import CardCb
from tests.bot.conftest import GUIDE, GUIDE_EN, MANAGER
from tests.bot.guide_helpers import open_card, outreach, staff_id, today_names
from tests.bot.selling import HISTORY, NAMES, customer_id

OWN = {NAMES.get(ext, f"顾客{ext}") for ext, (owner, _) in HISTORY.items() if owner == "G1"}


async def test_today_lists_only_the_guides_own_customers_each_with_a_reason_and_pages(guide_client):
    await guide_client.send(GUIDE, "/today")
    first = guide_client.last(GUIDE)
    names = today_names(first.text)
    assert "今天联系谁" in first.text and "第1/2页" in first.text
    assert len(names) == 10 and set(names) <= OWN
    assert all(" — " in line and line.split(" — ", 1)[1].strip()
               for line in first.text.splitlines() if line[:1].isdigit())
    assert "下一页 »" in first.labels and "« 上一页" not in first.labels
    await guide_client.click(GUIDE, "下一页 »")
    second = today_names(guide_client.last(GUIDE).text)
    assert len(second) == 4 and set(names) | set(second) == OWN  # every own customer, once


async def test_today_in_english_shows_the_english_guides_customers_with_english_reasons(guide_client):
    await guide_client.send(GUIDE_EN, "/today")
    text = guide_client.last(GUIDE_EN).text
    assert "Whom to contact today" in text
    assert set(today_names(text)) == {"Emma Brown", "顾客E2", "顾客E3"}
    assert "bought" in text or "likely" in text or "first order" in text


async def test_the_segment_filter_shows_only_first_time_buyers(guide_client):
    await guide_client.send(GUIDE, "/today")
    await guide_client.click(GUIDE, "筛选")
    await guide_client.click(GUIDE, "首购未复购")
    text = guide_client.last(GUIDE).text
    assert "首购未复购" in text
    assert set(today_names(text)) == {"顾客C3", "顾客C8", "顾客C12"}  # one order, in the last 90 days


async def test_a_today_button_opens_the_customer_card_with_its_actions(guide_client):
    await guide_client.send(GUIDE, "/today")
    top = today_names(guide_client.last(GUIDE).text)[0]
    await guide_client.click(GUIDE, f"1. {top}")
    card = guide_client.last(GUIDE)
    assert card.text.startswith(f"<b>{top}</b>")
    assert {"写消息", "推荐商品", "购买记录", "推迟1天", "推迟1周", "不感兴趣", "标记已联系"} <= set(card.labels)


async def test_the_card_shows_tier_orders_what_is_due_consent_and_the_bot_in_english(guide_client, brand):
    await guide_client.send(GUIDE_EN, "/today")
    await open_card(guide_client, brand, GUIDE_EN, "E1")
    text = guide_client.last(GUIDE_EN).text
    assert text.startswith("<b>Emma Brown</b> · repeat")
    assert "Orders: 2" in text and "Last order:" in text and "Cleanser" in text
    assert "Not contacted yet" in text and "Messages: not asked; brand bot: not started" in text


async def test_a_forged_card_button_for_another_guides_customer_is_not_allowed(guide_client, brand):
    await guide_client.send(GUIDE, "/today")
    forged = CardCb(u=staff_id(brand, GUIDE), c=customer_id(brand, "X1")).pack()
    await guide_client.press_raw(GUIDE, forged)
    answer = guide_client.callback_answers()[-1]
    assert answer.text == "抱歉，您没有权限执行此操作。" and answer.show_alert
    assert "陈静" not in guide_client.last(GUIDE).text


async def test_a_button_rendered_for_one_guide_cannot_be_pressed_by_another(guide_client, brand):
    await guide_client.send(GUIDE_EN, "/today")
    their = CardCb(u=staff_id(brand, GUIDE), c=customer_id(brand, "C1")).pack()
    await guide_client.press_raw(GUIDE_EN, their)
    assert guide_client.callback_answers()[-1].text == "Sorry, that is not allowed."


async def test_a_manager_may_open_the_card_of_a_customer_of_their_store(guide_client, brand):
    await guide_client.send(MANAGER, "/today")
    await open_card(guide_client, brand, MANAGER, "C1")
    assert guide_client.last(MANAGER).text.startswith("<b>张小红</b>")


async def test_snoozing_hides_the_customer_from_today_until_the_snooze_ends(guide_client, brand, clock):
    await guide_client.send(GUIDE, "/today")
    top = today_names(guide_client.last(GUIDE).text)[0]
    await guide_client.click(GUIDE, f"1. {top}")
    await guide_client.click(GUIDE, "推迟1天")
    assert "已推迟到" in guide_client.callback_answers()[-1].text
    await guide_client.send(GUIDE, "/today")
    assert top not in today_names(guide_client.last(GUIDE).text)
    clock.current += timedelta(days=1, hours=1)
    await guide_client.send(GUIDE, "/today")
    assert top in today_names(guide_client.last(GUIDE).text)


async def test_not_interested_hides_the_customer_from_every_page(guide_client, brand):
    await open_card(guide_client, brand, GUIDE, "C1")
    await guide_client.click(GUIDE, "不感兴趣")
    await guide_client.click(GUIDE, "确定，不感兴趣")
    await guide_client.send(GUIDE, "/today")
    shown = today_names(guide_client.last(GUIDE).text)
    await guide_client.click(GUIDE, "下一页 »")
    shown += today_names(guide_client.last(GUIDE).text)
    assert "张小红" not in shown and len(shown) == 13


async def test_mark_contacted_logs_the_contact_and_pushes_the_customer_down(guide_client, brand):
    await guide_client.send(GUIDE, "/today")
    top = today_names(guide_client.last(GUIDE).text)[0]
    await guide_client.click(GUIDE, f"1. {top}")
    await guide_client.click(GUIDE, "标记已联系")
    assert "上次联系" in guide_client.last(GUIDE).text and "本人发送" in guide_client.last(GUIDE).text
    await guide_client.send(GUIDE, "/today")
    names = today_names(guide_client.last(GUIDE).text)
    assert names[0] != top
    ext = next(e for e, n in ((e, NAMES.get(e, f"顾客{e}")) for e in HISTORY) if n == top)
    assert [channel for channel, _, _ in outreach(brand, ext)] == ["manual"]


async def test_products_and_history_open_from_the_card_and_lead_back(guide_client, brand):
    await open_card(guide_client, brand, GUIDE, "C1")
    await guide_client.click(GUIDE, "推荐商品")
    assert "给张小红的推荐商品" in guide_client.last(GUIDE).text and "¥" in guide_client.last(GUIDE).text
    await guide_client.click(GUIDE, "« 客户卡片")
    await guide_client.click(GUIDE, "购买记录")
    history = guide_client.last(GUIDE).text
    assert "最近3笔" in history and "保湿面霜" in history


async def test_in_quiet_hours_today_says_so_once_and_each_line_keeps_its_own_reason(guide_client, clock):
    clock.current = clock.current.replace(hour=15)  # 23:00 in Shanghai
    await guide_client.send(GUIDE, "/today")
    text = guide_client.last(GUIDE).text
    assert text.count("免打扰") == 1 and "现在是免打扰时段：先准备好消息" in text
    assert len(today_names(text)) == 10


async def test_a_forged_draft_button_for_another_guides_customer_is_not_allowed(guide_client, brand):
    from bot.callbacks import DraftAction, DraftCb

    await guide_client.send(GUIDE, "/today")
    for action in (DraftAction.MARK_SENT, DraftAction.SEND, DraftAction.SHORTER, DraftAction.COPY):
        forged = DraftCb(u=staff_id(brand, GUIDE), c=customer_id(brand, "X1"), a=action).pack()
        await guide_client.press_raw(GUIDE, forged)
        assert guide_client.callback_answers()[-1].text == "抱歉，您没有权限执行此操作。", action
    assert outreach(brand, "X1") == []
