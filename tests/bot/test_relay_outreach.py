"""Whatever a guide sends through the relay (a typed reply, a suggestion, a product list) is logged as
outreach, so the fatigue caps see it; an opted-out customer still gets nothing and nothing is logged;
the caps never stop an answer to a customer who wrote first."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from copilot.contacts.outreach import Channel, Source, log_outreach
from db.tables_ops import OutreachRow, ProductListRow
from tests.bot.conftest import CUSTOMER, GUIDE, NOW
from tests.bot.customer_steps import LILY, MEI, customer_of, join_via_link, staff_by


def outreach(uow_factory, user) -> list[tuple]:
    customer = customer_of(uow_factory, user)
    with uow_factory() as uow:
        rows = uow.session.execute(select(OutreachRow.source, OutreachRow.channel, OutreachRow.guide_id,
                                          OutreachRow.text, OutreachRow.products, OutreachRow.sent_at)
                                   .where(OutreachRow.customer_id == customer.id).order_by(OutreachRow.id))
        return [tuple(r) for r in rows]


async def test_a_guides_typed_reply_is_logged_as_exactly_one_outreach_from_the_guide(client, brand):
    await join_via_link(client, brand, LILY)
    await client.send(LILY, "Is the cream back?")
    await client.click(GUIDE, "✍️ 回复")
    await client.send(GUIDE, "Yes, since Monday!")
    assert client.last(LILY).text.endswith("Yes, since Monday!")
    [(source, channel, guide_id, text, products, sent_at)] = outreach(brand, LILY)
    assert (source, channel, text, products, sent_at) == (Source.GUIDE, Channel.BOT, "Yes, since Monday!", [], NOW)
    assert guide_id == staff_by(brand, "G1").id


async def test_an_answer_in_several_messages_is_one_contact_and_the_next_answer_another(client, brand):
    await join_via_link(client, brand, LILY)
    await client.send(LILY, "Is the cream back?")
    await client.click(GUIDE, "✍️ 回复")
    await client.send(GUIDE, "Yes, since Monday!")
    await client.click(GUIDE, "✍️ 回复")
    await client.send(GUIDE, "Shall I keep one for you?")
    assert client.last(LILY).text.endswith("Shall I keep one for you?")
    assert len(outreach(brand, LILY)) == 1
    await client.send(LILY, "Yes please")
    await client.click(GUIDE, "✍️ 回复")
    await client.send(GUIDE, "Done, see you Saturday")
    assert [row[3] for row in outreach(brand, LILY)] == ["Yes, since Monday!", "Done, see you Saturday"]


async def test_a_sent_suggestion_is_logged_as_outreach_too(client, brand):
    await join_via_link(client, brand, LILY)
    await client.send(LILY, "what do you suggest?")
    await client.click(GUIDE, "💡 建议回复")
    await client.click(GUIDE, "发送 1")
    [row] = outreach(brand, LILY)
    assert row[:2] == (Source.GUIDE, Channel.BOT) and row[3] in client.last(LILY).text


async def test_a_product_list_the_guide_sends_is_logged_with_its_products(guide_client, brand):
    await guide_client.send(CUSTOMER, "anything new for me?")
    await guide_client.click(GUIDE, "🛍 发送商品清单")
    assert guide_client.last(CUSTOMER).buttons[0].url
    with brand() as uow:
        listed = uow.session.scalars(select(ProductListRow.items)).one()
    [row] = outreach(brand, CUSTOMER)
    assert row[:2] == (Source.GUIDE, Channel.BOT) and row[4] == [item["sku"] for item in listed] != []


async def test_a_reply_to_a_customer_who_opted_out_is_refused_and_nothing_is_logged(client, brand):
    await join_via_link(client, brand, MEI)
    await client.send(MEI, "hi")
    await client.click(GUIDE, "✍️ 回复")
    await client.send(MEI, "STOP")
    sent_to_mei = len(client.texts(MEI))
    await client.send(GUIDE, "one more offer!")
    assert len(client.texts(MEI)) == sent_to_mei
    assert client.last(GUIDE).text == "这位客户已退订消息。"  # the refusal, not a crash
    assert outreach(brand, MEI) == []


async def test_the_fatigue_caps_never_stop_an_answer_to_a_customer_who_wrote_first(client, brand):
    await join_via_link(client, brand, LILY)
    customer = customer_of(brand, LILY)
    with brand() as uow:  # well over any cap: contacted every day this week
        for days in range(1, 8):
            log_outreach(uow, customer_id=customer.id, guide_id=None, source=Source.AUTOMATION,
                         channel=Channel.BOT, text="news", products=[], now=NOW - timedelta(days=days))
        uow.commit()
    await client.send(LILY, "a question")
    await client.click(GUIDE, "✍️ 回复")
    await client.send(GUIDE, "an answer")
    assert client.last(LILY).text.endswith("an answer")
    assert len(outreach(brand, LILY)) == 8
