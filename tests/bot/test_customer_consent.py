"""Customers in the bot: the guide's link and the consent button, the menu, opt-out and opt-in from
every entry point. The real Dispatcher, the real database, a recording Bot session."""
from __future__ import annotations

from bot.customer_ui import ConsentCb
from core.domain import Consent
from tests.bot.client import BotTestClient, TgUser
from tests.bot.conftest import GUIDE, MANAGER, NOW
from tests.bot.customer_steps import (
    LILY, MEI, customer_of, join_via_link, link_for, open_task, share_contact, staff_by, task_state,
)


async def test_opening_a_guides_link_shows_the_privacy_text_and_binds_nobody_before_the_button(client, brand):
    await client.send(LILY, f"/start {link_for(brand)}")
    assert "never pass them on" in client.last(LILY).text
    assert client.last(LILY).labels == ["✅ Agree and start"]
    assert customer_of(brand, LILY) is None


async def test_the_consent_button_binds_the_customer_to_that_guide_and_stores_the_consent_event(client, brand):
    await join_via_link(client, brand, LILY)
    customer = customer_of(brand, LILY)
    assert customer.owner_id == staff_by(brand, "G1").id and customer.consent is Consent.GRANTED
    with brand() as uow:
        [(state, source, at)] = uow.conversations.consent_events(customer.id)
    assert (state, source, at) == ("granted", "bot_link", NOW)
    assert any("Lily" in text for text in client.texts(GUIDE))  # the guide hears of the new customer
    menu = client.last_keyboard(LILY)
    assert [b.text for b in menu.buttons] == ["💬 Talk to my guide", "🛍 My product list", "🔕 Stop messages"]


async def test_the_product_list_opens_as_a_web_app_over_https(brand, settings, clock):
    settings = settings.model_copy(update={"api": settings.api.model_copy(
        update={"public_base_url": "https://shop.example.com"})})
    client = BotTestClient.build(brand, settings=settings, clock=clock)
    await join_via_link(client, brand, LILY)
    button = client.last_keyboard(LILY).button("🛍 My product list")
    assert button.web_app.url.startswith("https://shop.example.com/l/") and len(button.web_app.url) > 50


async def test_the_link_code_is_stable_per_guide_and_different_between_guides(brand):
    assert link_for(brand, "G1") == link_for(brand, "G1") != link_for(brand, "G2")


async def test_an_unknown_or_forged_link_binds_nothing(client, brand):
    await client.send(LILY, "/start c_AAAAAAAAAAAAAAAA")
    assert "not active yet" in client.last(LILY).text
    await client.press_raw(LILY, ConsentCb(k="AAAAAAAAAAAAAAAA").pack())
    assert customer_of(brand, LILY) is None


async def test_stop_words_opt_out_at_once_and_close_open_tasks(client, brand):
    for n, word in enumerate(["STOP", "退订", " Unsubscribe "]):
        user = TgUser(7100 + n, f"U{n}", "zh")
        await join_via_link(client, brand, user)
        customer = customer_of(brand, user)
        open_task(brand, customer.id)
        await client.send(user, word)
        after = customer_of(brand, user)
        assert after.consent is Consent.REVOKED, word
        assert task_state(brand, customer.id) == ("closed", "opted_out")
        assert client.last_keyboard(user).labels == ["🔔 重新开启消息"]


async def test_a_stop_word_inside_a_sentence_is_a_message_not_an_opt_out(client, brand):
    await join_via_link(client, brand, MEI)
    await client.send(MEI, "please don't stop the sale")
    assert customer_of(brand, MEI).consent is Consent.GRANTED


async def test_the_stop_button_opts_out_and_the_customer_can_opt_in_again(client, brand):
    await join_via_link(client, brand, MEI)
    await client.click(MEI, "🔕 停止消息")
    assert customer_of(brand, MEI).consent is Consent.REVOKED
    await client.send(MEI, "/start")
    await client.click(MEI, "🔔 重新开启消息")
    customer = customer_of(brand, MEI)
    with brand() as uow:
        states = [s for s, _, _ in uow.conversations.consent_events(customer.id)]
    assert customer.consent is Consent.GRANTED and states == ["granted", "revoked", "granted"]


async def test_an_opted_out_customers_messages_are_kept_but_reach_nobody(client, brand):
    await join_via_link(client, brand, MEI)
    await client.send(MEI, "退订")
    before = len(client.texts(GUIDE))
    await client.send(MEI, "hello again")
    assert len(client.texts(GUIDE)) == before
    assert "停止" in client.last(MEI).text


async def test_a_guide_sees_their_link_with_mylink(client, brand):
    await client.send(GUIDE, "/mylink")
    assert f"?start={link_for(brand)}" in client.last(GUIDE).text


async def test_staff_opening_a_customer_link_are_not_bound(client, brand):
    await client.send(MANAGER, f"/start {link_for(brand)}")
    assert "/mylink" in client.last(MANAGER).text


async def test_sharing_ones_own_phone_is_saved_and_someone_elses_is_refused(client, brand):
    await join_via_link(client, brand, MEI)
    await share_contact(client, MEI, "+86 139 1111 2222", owner_id=424242)  # a forwarded contact card
    assert client.last(MEI).text == "请分享您自己的手机号。" and customer_of(brand, MEI).phone == ""
    await share_contact(client, MEI, "+86 139 1111 2222", owner_id=MEI.id)
    assert client.last(MEI).text == "谢谢，已保存。" and customer_of(brand, MEI).phone == "13911112222"  # as brands store it


async def test_talk_to_my_guide_names_the_guide(client, brand):
    await join_via_link(client, brand, LILY)
    await client.click(LILY, "💬 Talk to my guide")
    assert "Just write your question here; <b>李丽</b> will answer soon." in client.texts(LILY)
    assert client.last(LILY).text == "How can we help?"  # and the menu again, below


async def test_a_customers_help_says_what_they_can_do_and_after_opting_out_promises_no_reply(client, brand):
    await join_via_link(client, brand, MEI)
    await client.send(MEI, "/help")
    help_text = client.last(MEI).text
    assert "直接发消息给您的专属导购 <b>李丽</b>" in help_text and "退订" in help_text
    assert "🔕 停止消息" in client.last(MEI).labels
    await client.send(MEI, "退订")
    await client.send(MEI, "/help")
    after = client.last(MEI)
    assert "导购会尽快" not in after.text and "您已停止接收消息" in after.text
    assert after.labels == ["🔔 重新开启消息"]
