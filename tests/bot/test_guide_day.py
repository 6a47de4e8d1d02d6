"""/today as the guide's day, driven through the real Dispatcher: the day's budget, the count going
down with each contact, open tasks merged in and marked, a filter surviving the card and Back, undo
with a confirmation, and one contact per customer and day."""
import re

from bot.texts import TABLES
from tests.bot.conftest import GUIDE
from tests.bot.guide_helpers import open_card, outreach, today_names


async def _set_budget(client, n: int) -> None:
    """As the guide would: /settings, then the daily contacts."""
    await client.send(GUIDE, "/settings")
    await client.click(GUIDE, "每日上限")
    await client.send(GUIDE, str(n))
    assert "已保存" in client.last(GUIDE).text


def _title(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text.splitlines()[0])


async def test_today_is_the_days_budget_not_the_whole_ranking(guide_client, brand):
    await _set_budget(guide_client, 5)  # smaller than the guide's 13 customers who may be contacted
    await guide_client.send(GUIDE, "/today")
    screen = guide_client.last(GUIDE)
    assert _title(screen.text) == "今天联系谁：还剩5位（每天5位，今天已联系0位）"
    assert len(today_names(screen.text)) == 5 and "下一页 »" not in screen.labels


async def test_the_count_goes_down_with_each_contact_and_the_day_ends(guide_client, brand):
    await _set_budget(guide_client, 2)
    for left in (2, 1):
        await guide_client.send(GUIDE, "/today")
        assert f"还剩{left}位（每天2位，今天已联系{2 - left}位）" in guide_client.last(GUIDE).text
        await guide_client.click(GUIDE, f"1. {today_names(guide_client.last(GUIDE).text)[0]}")
        await guide_client.click(GUIDE, "标记已联系")
    await guide_client.send(GUIDE, "/today")
    assert "今天的2位都联系过了" in guide_client.last(GUIDE).text


async def test_a_filtered_list_survives_the_card_and_back(guide_client, brand):
    await guide_client.send(GUIDE, "/today")
    await guide_client.click(GUIDE, "筛选")
    await guide_client.click(GUIDE, "首购未复购")
    filtered = guide_client.last(GUIDE).text
    first = today_names(filtered)[0]
    await guide_client.click(GUIDE, f"1. {first}")
    await guide_client.click(GUIDE, "推荐商品")
    await guide_client.click(GUIDE, "« 客户卡片")
    await guide_client.click(GUIDE, "« 今天")
    back = guide_client.last(GUIDE).text
    assert _title(back).startswith("今天联系谁 · 首购未复购") and today_names(back) == today_names(filtered)
    assert "：：" not in back and "：有" not in _title(back)  # no doubled colon in the title


async def test_not_interested_asks_first_and_can_be_undone(guide_client, brand):
    await open_card(guide_client, brand, GUIDE, "C1")
    await guide_client.click(GUIDE, "不感兴趣")
    ask = guide_client.last(GUIDE)
    assert "把<b>张小红</b>标记为不感兴趣？90天内" in ask.text and "随时可以在客户卡片上撤销" in ask.text
    assert ask.labels == ["确定，不感兴趣", "取消"]
    await guide_client.click(GUIDE, "确定，不感兴趣")
    card = guide_client.last(GUIDE)
    assert "已暂缓（不感兴趣）至" in card.text and "↩ 撤销暂缓" in card.labels
    await guide_client.send(GUIDE, "/today")
    assert "张小红" not in today_names(guide_client.last(GUIDE).text)
    await open_card(guide_client, brand, GUIDE, "C1")
    await guide_client.click(GUIDE, "↩ 撤销暂缓")
    assert "已撤销：张小红回到了“今天”列表" in guide_client.last(GUIDE).text
    assert "不感兴趣" in guide_client.last(GUIDE).labels
    await guide_client.send(GUIDE, "/today")
    assert "张小红" in today_names(guide_client.last(GUIDE).text)


async def test_a_snooze_can_be_undone_at_once(guide_client, brand):
    await open_card(guide_client, brand, GUIDE, "C2")
    await guide_client.click(GUIDE, "推迟1周")
    await guide_client.click(GUIDE, "↩ 撤销暂缓")
    await guide_client.send(GUIDE, "/today")
    assert "刘芳" in today_names(guide_client.last(GUIDE).text)


async def test_mark_contacted_after_mark_sent_says_so_and_records_one_contact(guide_client, brand):
    await open_card(guide_client, brand, GUIDE, "C2")
    await guide_client.click(GUIDE, "写消息")
    await guide_client.click(GUIDE, "标记已发送")
    await open_card(guide_client, brand, GUIDE, "C2")
    await guide_client.click(GUIDE, "标记已联系")
    answer = guide_client.callback_answers()[-1].text
    assert re.fullmatch(r"今天\d\d:\d\d已记录过联系（本人发送），没有重复记录。", answer)
    assert len(outreach(brand, "C2")) == 1
    assert TABLES["zh"]["card.contacted"] not in guide_client.last(GUIDE).text


def _task(brand, external_id: str, *, products=("P1", "P2"), draft="张小红您好！面霜该补货啦，给您留了新到的精华。") -> int:
    """A manager's open care task for one of G1's customers, as a campaign would leave it."""
    from datetime import timedelta

    from sqlalchemy import insert

    from db.tables_ops import CampaignRow, CareTaskRow
    from tests.bot.conftest import NOW
    from tests.bot.selling import customer_id

    with brand() as uow:
        guide = uow.staff.get_by_external("G1")
        campaign = uow.session.execute(insert(CampaignRow).values(
            name="冬季补水关怀", kind="repurchase_reminder", segment="overdue", created_at=NOW,
            due_date=(NOW + timedelta(days=5)).date()).returning(CampaignRow.id)).scalar_one()
        task = uow.session.execute(insert(CareTaskRow).values(
            campaign_id=campaign, customer_id=customer_id(brand, external_id), guide_id=guide.id,
            kind="repurchase_reminder", draft=draft, products=list(products), created_at=NOW,
            due_at=NOW + timedelta(days=5)).returning(CareTaskRow.id)).scalar_one()
        uow.commit()
    return task


async def test_open_tasks_are_on_todays_list_marked_with_their_campaign(guide_client, brand):
    _task(brand, "C4")  # bought once, 300 days ago: far down the ranking, but a manager's task
    await guide_client.send(GUIDE, "/today")
    first = guide_client.last(GUIDE)
    await guide_client.click(GUIDE, "下一页 »")  # worth little: it comes last, by expected value
    second = guide_client.last(GUIDE)
    [line] = [row for row in first.text.splitlines() + second.text.splitlines() if "顾客C4" in row]
    assert "📋" in line and "任务「冬季补水关怀」" in line
    assert any(label.endswith("📋 顾客C4") for label in first.labels + second.labels)


async def test_a_task_card_names_its_products_with_prices_links_the_list_and_sends(guide_client, brand):
    from tests.bot.conftest import CUSTOMER

    _task(brand, "C1")  # C1 started the brand bot and agreed to messages
    await guide_client.send(GUIDE, "/tasks")
    await guide_client.click(GUIDE, guide_client.last(GUIDE).buttons[0].text)
    await guide_client.click(GUIDE, "张小红")
    card = guide_client.last(GUIDE)
    assert card.text.startswith("📋 <b>冬季补水关怀</b>")
    assert "• 保湿面霜 ¥320" in card.text and "• 修护精华 ¥480" in card.text and "SK" not in card.text
    assert "P1" not in card.text and "顾客的商品清单" in card.text
    assert card.button("🛍 顾客的商品清单").url.startswith("http://127.0.0.1:8080/l/")
    assert {"复制", "发送", "自己改", "标记已发送", "已回复", "已购买"} <= set(card.labels)
    assert "重新生成" not in card.labels  # the manager's copy variant is what the A/B test measures
    await guide_client.click(GUIDE, "发送")
    assert guide_client.last(CUSTOMER).text == "张小红您好！面霜该补货啦，给您留了新到的精华。"
    assert "任务完成" in guide_client.last(GUIDE).text
    [(channel, text, products)] = outreach(brand, "C1")
    assert (channel, products) == ("bot", ["P1", "P2"])


async def test_a_tasks_draft_can_be_edited_before_it_is_marked_sent(guide_client, brand):
    _task(brand, "C2")  # never started the bot: no Send, copy and send personally
    await guide_client.send(GUIDE, "/tasks")
    await guide_client.click(GUIDE, guide_client.last(GUIDE).buttons[0].text)
    await guide_client.click(GUIDE, "刘芳")
    assert "发送" not in guide_client.last(GUIDE).labels
    await guide_client.click(GUIDE, "自己改")
    await guide_client.send(GUIDE, "芳姐，精华到货了，周末来店里试试？")
    edited = guide_client.last(GUIDE)
    assert edited.text.startswith("📋 <b>冬季补水关怀</b>") and "芳姐，精华到货了" in edited.text
    await guide_client.click(GUIDE, "标记已发送")
    [(channel, text, _)] = outreach(brand, "C2")
    assert (channel, text) == ("manual", "芳姐，精华到货了，周末来店里试试？")


async def test_the_list_the_card_and_the_draft_say_the_same_day_count(guide_client, brand):
    # 刘芳 (C2) last bought 40 days ago; the list's reason, the card's due line and the draft agree.
    await guide_client.send(GUIDE, "/today")
    [line] = [row for row in guide_client.last(GUIDE).text.splitlines() if "刘芳" in row]
    listed = re.search(r"距上次已(\d+)天", line)
    await open_card(guide_client, brand, GUIDE, "C2")
    carded = re.search(r"修护精华（(\d+)天前）", guide_client.last(GUIDE).text)
    await guide_client.click(GUIDE, "写消息")
    drafted = re.search(r"您(\d+)天前买了", guide_client.last(GUIDE).text)
    assert listed and carded and drafted
    assert listed.group(1) == carded.group(1) == drafted.group(1) == "40"

