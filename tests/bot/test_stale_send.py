"""A draft's Send pressed after the customer opted out says that they opted out (never "send it
personally"), sends nothing and logs nothing."""
from tests.bot.conftest import CUSTOMER, GUIDE
from tests.bot.guide_helpers import open_card, outreach


async def test_send_on_a_draft_made_before_the_customer_opted_out_says_they_opted_out(guide_client, brand):
    await open_card(guide_client, brand, GUIDE, "C1")
    await guide_client.click(GUIDE, "写消息")
    before = len(guide_client.texts(CUSTOMER))
    await guide_client.send(CUSTOMER, "ＳＴＯＰ")  # typed on a Chinese keyboard
    assert len(guide_client.texts(CUSTOMER)) == before + 1  # only the confirmation that they stopped
    await guide_client.click(GUIDE, "发送")
    answer = guide_client.callback_answers()[-1].text
    assert answer == "这位客户已退订消息。"
    assert "自己发送" not in answer and "复制" not in answer
    assert len(guide_client.texts(CUSTOMER)) == before + 1
    assert outreach(brand, "C1") == []
