"""The draft screen: typing, the draft with its products and buttons, sending, marking, editing."""
import pytest

from core.settings import LLMSettings
from tests.bot.client import BotTestClient
from tests.bot.conftest import CUSTOMER, GUIDE, GUIDE_EN
from tests.bot.guide_helpers import open_card, outreach, today_names

BUTTONS = ["复制", "发送", "重新生成", "更简短", "更亲切", "更正式", "自己改", "标记已发送"]


async def _draft_for(client, brand, user, external_id, label="写消息"):
    await open_card(client, brand, user, external_id)
    await client.click(user, label)
    return client.last(user)


async def test_a_draft_shows_typing_at_once_then_the_draft_with_products_and_every_button(guide_client, brand):
    draft = await _draft_for(guide_client, brand, GUIDE, "C1")
    names = [type(m).__name__ for m in guide_client.session.requests]
    pressed = names.index("SendChatAction")
    assert names[pressed + 1] == "SendMessage"  # typing first, then the message the draft streams into
    assert draft.text.startswith("<b>给张小红的消息</b>") and "推荐商品" in draft.text and "¥" in draft.text
    assert draft.labels == BUTTONS
    copy = draft.button("复制")
    assert copy.copy_text is not None and copy.copy_text.text in draft.text.replace("&amp;", "&")


async def test_send_is_offered_only_to_customers_who_started_the_brand_bot(guide_client, brand):
    draft = await _draft_for(guide_client, brand, GUIDE, "C2")  # never started the bot
    assert "发送" not in draft.labels and "标记已发送" in draft.labels


async def test_send_delivers_the_draft_to_the_customers_chat_and_logs_it(guide_client, brand):
    draft = await _draft_for(guide_client, brand, GUIDE, "C1")
    text = draft.button("复制").copy_text.text
    await guide_client.click(GUIDE, "发送")
    delivered = guide_client.last(CUSTOMER).text
    assert delivered.replace("&amp;", "&") == text
    assert "已通过机器人发送给张小红" in guide_client.last(GUIDE).text
    [(channel, logged, products)] = outreach(brand, "C1")
    assert channel == "bot" and logged == text and products
    with brand() as uow:
        said = uow.conversations.messages(uow.customers.get_by_external("C1").id, 5)
    assert [(m.direction, m.text) for m in said] == [("out", text)]  # the guide's conversation shows it


async def test_a_forged_send_for_a_customer_who_never_started_the_bot_is_refused(guide_client, brand):
    await _draft_for(guide_client, brand, GUIDE, "C2")
    send = guide_client.last(GUIDE).button("标记已发送").callback_data.replace(":m", ":x")
    await guide_client.press_raw(GUIDE, send)
    assert "还没有开启品牌机器人" in guide_client.callback_answers()[-1].text
    assert outreach(brand, "C2") == []


async def test_mark_sent_logs_the_outreach_and_takes_the_customer_off_todays_list(guide_client, brand):
    await guide_client.send(GUIDE, "/today")
    before = guide_client.last(GUIDE).text
    top = today_names(before)[0]
    await guide_client.click(GUIDE, f"1. {top}")
    await guide_client.click(GUIDE, "写消息")
    await guide_client.click(GUIDE, "标记已发送")
    assert "已标记为已发送" in guide_client.last(GUIDE).text
    await guide_client.send(GUIDE, "/today")
    after = guide_client.last(GUIDE).text
    assert "还剩14位（每天20位，今天已联系0位）" in before and "还剩13位（每天20位，今天已联系1位）" in after
    assert top not in today_names(after)


async def test_edit_replaces_the_draft_with_the_guides_own_text(guide_client, brand):
    await _draft_for(guide_client, brand, GUIDE, "C2")
    await guide_client.click(GUIDE, "自己改")
    assert "请发送您想发给刘芳的文字" in guide_client.last(GUIDE).text
    await guide_client.send(GUIDE, "芳姐，新到的精华给您留了一瓶 <3")
    edited = guide_client.last(GUIDE)
    assert "芳姐，新到的精华给您留了一瓶 &lt;3" in edited.text
    assert edited.button("复制").copy_text.text == "芳姐，新到的精华给您留了一瓶 <3"
    await guide_client.click(GUIDE, "标记已发送")
    assert outreach(brand, "C2")[0][1] == "芳姐，新到的精华给您留了一瓶 <3"


@pytest.mark.parametrize("label", ["更简短", "更亲切", "更正式", "重新生成"])
async def test_the_tone_buttons_rewrite_the_draft_in_place(guide_client, brand, label):
    draft = await _draft_for(guide_client, brand, GUIDE, "C1")
    before = len(guide_client.chat(GUIDE))
    await guide_client.click(GUIDE, label)
    after = guide_client.last(GUIDE)
    assert len(guide_client.chat(GUIDE)) == before  # edited, not a new message
    assert after.message.message_id == draft.message.message_id
    assert after.text.startswith("<b>给张小红的消息</b>") and after.labels == BUTTONS
    if label == "更简短":
        assert len(after.button("复制").copy_text.text) <= len(draft.button("复制").copy_text.text)


async def test_an_english_guide_gets_the_draft_screen_in_english(guide_client, brand):
    draft = await _draft_for(guide_client, brand, GUIDE_EN, "E1", label="Draft")
    assert draft.text.startswith("<b>Draft for Emma Brown</b>") and "Products" in draft.text
    assert draft.labels == ["Copy", "Regenerate", "Shorter", "Warmer", "More formal", "Edit", "Mark sent"]


async def test_a_failing_llm_still_gives_a_usable_offline_draft(brand, selling, settings, clock, knowledge):
    # Nothing listens on port 9: every call fails fast, as a down LLM endpoint would.
    failing = settings.model_copy(update={"llm": LLMSettings(base_url="http://127.0.0.1:9/v1", api_key="k",
                                                             timeout_seconds=2, max_retries=0)})
    client = BotTestClient.build(brand, settings=failing, clock=clock, knowledge=knowledge, contacts=selling)
    draft = await _draft_for(client, brand, GUIDE, "C1")
    assert "AI写作暂不可用" in draft.text and draft.labels == BUTTONS
    assert len(draft.button("复制").copy_text.text) > 10


async def test_marking_sent_after_the_draft_expired_says_so(guide_client, brand):
    await _draft_for(guide_client, brand, GUIDE, "C2")
    mark = guide_client.last(GUIDE).button("标记已发送").callback_data
    await guide_client.dp.storage.close()  # memory storage gone, as after a restart without Redis
    guide_client.dp.fsm.storage = type(guide_client.dp.storage)()
    await guide_client.press_raw(GUIDE, mark)
    assert "草稿已失效" in guide_client.callback_answers()[-1].text


async def test_with_an_llm_the_draft_is_streamed_into_the_message_then_replaced_by_the_checked_draft(
        brand, selling, settings, clock, knowledge, monkeypatch):
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    import bot.features.draft as draft_screen
    from copilot.drafting import Drafter, LLMWriter
    from copilot.drafting.selling import SellingContext
    from prompts.loader import PromptLibrary

    monkeypatch.setattr(draft_screen, "EDIT_EVERY_SECONDS", 0)  # edit on every chunk
    reply = "小红 您好！ 最近 天气 转凉， 记得 多 保湿。 有 需要 随时 找 我。"
    model = GenericFakeChatModel(messages=iter([AIMessage(content=reply)] * 3))

    def drafter(_llm, products):
        prompts = PromptLibrary()
        return Drafter(prompts, products, llm=LLMWriter(model, prompts))

    client = BotTestClient.build(brand, settings=settings, clock=clock, knowledge=knowledge, contacts=selling,
                                 selling=SellingContext(settings.llm, knowledge=knowledge, make_drafter=drafter))
    draft = await _draft_for(client, brand, GUIDE, "C1")
    edits = [m for m in client.session.calls("EditMessageText") if m.message_id == draft.message.message_id]
    partial = [m.text for m in edits if m.text.endswith(" …")]
    assert len(partial) >= 3 and len(partial[0]) < len(partial[-1])  # it grew chunk by chunk
    assert edits[-1].reply_markup is not None and "AI写作暂不可用" not in draft.text
    assert "记得多保湿" in draft.text and draft.labels == BUTTONS  # guardrails tidied the spacing
