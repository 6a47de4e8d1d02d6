"""/goal and /ask through the real Dispatcher."""
from decimal import Decimal

from tests.bot.conftest import GUIDE, GUIDE_EN


def _target(brand, external_id: str, amount: int) -> None:
    with brand() as uow:
        uow.bulk.upsert("staff", [{"external_id": external_id, "monthly_target": Decimal(amount)}])
        uow.commit()


async def test_goal_shows_target_sales_gap_the_planners_sentence_and_contacts_to_open(guide_client, brand):
    import re

    _target(brand, "G1", 30000)
    await guide_client.send(GUIDE, "/goal")
    goal = guide_client.last(GUIDE)
    assert "目标¥30,000 · 已完成¥0 · 还差¥30,000" in goal.text
    assert goal.text.count("还差") == 1  # the gap once, exactly: not ¥30,000 here and ¥29,900 there
    [(n, total)] = re.findall(r"建议联系这(\d+)位</b>，本周预计可带来约¥([\d,]+)的销售", goal.text)
    listed = re.findall(r"^\d+\. <b>.*?</b> — 约¥([\d,]+)：", goal.text, flags=re.M)
    assert int(n) == len(listed) == len(goal.labels) > 0  # "these n" are the n listed
    assert abs(int(total.replace(",", "")) - sum(int(v.replace(",", "")) for v in listed)) <= len(listed)
    assert goal.labels[0].startswith("1. ")
    await guide_client.click(GUIDE, goal.labels[0])
    assert "写消息" in guide_client.last(GUIDE).labels  # the card


async def test_goal_in_english_and_without_a_target_says_none_is_set(guide_client, brand):
    await guide_client.send(GUIDE_EN, "/goal")
    text = guide_client.last(GUIDE_EN).text
    assert "No monthly target is set for you yet." in text and "This month" in text


async def test_ask_answers_from_the_knowledge_base_with_products_and_sources(guide_client, knowledge):
    await guide_client.send(GUIDE_EN, "/ask what helps dry skin in winter?")
    names = [type(m).__name__ for m in guide_client.session.requests]
    assert "SendChatAction" in names
    text = guide_client.last(GUIDE_EN).text
    assert "Moisturising cream" in text and "<code>P1</code>" in text
    assert "Winter care for dry skin" in text  # the source, named once
    assert knowledge.queries and "dry skin" in knowledge.queries[0]


async def test_ask_without_a_question_asks_for_it_and_answers_the_next_message_in_chinese(guide_client):
    await guide_client.send(GUIDE, "/ask")
    assert "想问什么" in guide_client.last(GUIDE).text
    await guide_client.send(GUIDE, "推荐什么保湿面霜？")
    text = guide_client.last(GUIDE).text
    assert "保湿面霜" in text and "相关商品" in text


async def test_ask_says_so_when_no_knowledge_base_is_configured(client):
    await client.send(GUIDE, "/ask 有什么新品？")
    assert client.last(GUIDE).text == "知识库暂时不可用。"
