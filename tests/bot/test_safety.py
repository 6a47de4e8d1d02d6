"""Forged callbacks, answering every callback, the error handler and the unit of work per update."""
import logging
import re

from aiogram.types import Chat, InaccessibleMessage

from bot.callbacks import SettingsAction, SettingsCb, SettingsValue
from bot.features import settings as settings_feature
from tests.bot.conftest import CUSTOMER, GUIDE, GUIDE_EN, STRANGER


def _staff(uow_factory, external_id):
    with uow_factory() as uow:
        return uow.staff.get_by_external(external_id)


def _not_allowed_alerts(client):
    refusals = ("抱歉，您没有权限执行此操作。", "Sorry, that is not allowed.")
    return [a for a in client.callback_answers() if a.text in refusals and a.show_alert]


async def test_a_button_of_another_guides_screen_is_not_allowed_and_logged(client, brand, caplog):
    other = _staff(brand, "G2")
    await client.send(GUIDE, "/settings")
    forged = SettingsCb(u=other.id, a=SettingsAction.LANGUAGE, v=SettingsValue.ZH).pack()
    with caplog.at_level(logging.WARNING, logger="bot.errors"):
        await client.press_raw(GUIDE, forged)
    assert len(_not_allowed_alerts(client)) == 1
    assert _staff(brand, "G2").language == "en"  # untouched
    [record] = [r for r in caplog.records if r.name == "bot.errors"]
    assert record.levelname == "WARNING" and str(GUIDE.id) in record.getMessage()
    assert forged in record.getMessage()


async def test_a_tampered_payload_is_not_allowed(client, brand):
    own = _staff(brand, "G1")
    await client.send(GUIDE, "/settings")
    tampered = (f"st:{own.id}:l:fr", f"st:{own.id}:l:warm", f"st:{own.id}:e:zh", f"st:{own.id}:zz:",
                "st:1", "nonsense", f"st:{own.id}:t:warm:x", f"st:{own.id}x:l:en")
    for payload in tampered:
        await client.press_raw(GUIDE, payload)
    assert len(_not_allowed_alerts(client)) == len(tampered)
    assert _staff(brand, "G1").language == "zh"


async def test_strangers_and_customers_cannot_press_staff_buttons(client, brand):
    own = _staff(brand, "G1")
    await client.send(GUIDE, "/settings")
    payload = SettingsCb(u=own.id, a=SettingsAction.EMOJI).pack()
    await client.send(STRANGER, "hi")
    await client.press_raw(STRANGER, payload)
    await client.send(CUSTOMER, "hi")
    await client.press_raw(CUSTOMER, payload)
    assert len(_not_allowed_alerts(client)) == 2
    assert _staff(brand, "G1").persona.emoji is True


async def test_every_callback_query_is_answered_exactly_once(client):
    await client.send(GUIDE_EN, "/settings")
    await client.click(GUIDE_EN, "Tone")         # handled, no text
    await client.click(GUIDE_EN, "formal")       # handled, "Saved."
    await client.click(GUIDE_EN, "Name")         # opens a form
    await client.press_raw(GUIDE_EN, "garbage")  # refused
    answers = client.callback_answers()
    assert [a.callback_query_id for a in answers] == sorted({a.callback_query_id for a in answers})
    assert len(answers) == 4
    assert [a.text for a in answers][1] == "Saved."


async def test_an_unexpected_error_gives_an_apology_with_a_reference_and_logs_the_traceback(
        client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database exploded")

    monkeypatch.setattr(settings_feature, "get_settings", broken)
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        await client.send(GUIDE_EN, "/settings")
    text = client.last(GUIDE_EN).text
    match = re.fullmatch(r"Sorry, something went wrong on our side\. Reference: <code>([0-9a-f]{8})</code>", text)
    assert match, text
    assert "exploded" not in text
    [record] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert match[1] in record.getMessage() and record.exc_info[1].args == ("database exploded",)


async def test_an_error_during_a_callback_answers_it_and_leaves_the_reference_in_the_chat(
        client, monkeypatch):
    await client.send(GUIDE_EN, "/settings")
    monkeypatch.setattr(settings_feature, "toggle_emoji", lambda *a: 1 / 0)
    await client.click(GUIDE_EN, "Emoji on/off")
    [answer] = client.callback_answers()
    assert answer.text.startswith("Sorry, something went wrong") and answer.show_alert
    assert "Reference: <code>" in client.last(GUIDE_EN).text


async def test_a_unit_of_work_that_fails_halfway_writes_nothing(client, brand, monkeypatch):
    await client.send(GUIDE_EN, "/settings")

    def toggles_then_fails(uow, actor):
        settings_feature.change_settings(uow, actor, persona_emoji=False)  # the write...
        raise RuntimeError("...and then a failure in the same unit of work")

    monkeypatch.setattr(settings_feature, "toggle_emoji", toggles_then_fails)
    await client.click(GUIDE_EN, "Emoji on/off")
    assert _staff(brand, "G2").persona.emoji is True
    assert "Reference: <code>" in client.last(GUIDE_EN).text
    monkeypatch.undo()
    await client.click(GUIDE_EN, "Emoji on/off")
    assert _staff(brand, "G2").persona.emoji is False


async def test_messages_from_group_chats_are_ignored(client):
    await client.send(GUIDE, "/settings", chat=Chat(id=-100123, type="supergroup"))
    await client.send(GUIDE, "/help", chat=Chat(id=-100123, type="group"))
    assert client.session.requests == []


async def test_pressing_the_same_button_twice_is_harmless(client, brand):
    own = _staff(brand, "G1")
    await client.send(GUIDE, "/settings")
    tone = SettingsCb(u=own.id, a=SettingsAction.TONE).pack()
    await client.press_raw(GUIDE, tone)
    await client.press_raw(GUIDE, tone)  # Telegram answers "message is not modified"
    assert [a.text for a in client.callback_answers()] == [None, None]
    assert client.last(GUIDE).text == "请选择草稿的语气："


async def test_a_button_on_a_message_too_old_to_edit_sends_the_screen_anew(client, brand):
    own = _staff(brand, "G1")
    old = InaccessibleMessage(chat=Chat(id=GUIDE.id, type="private"), message_id=1, date=0)
    await client.press(GUIDE, SettingsCb(u=own.id, a=SettingsAction.OPEN).pack(), old)
    assert client.session.calls("SendMessage")[0].text.startswith("<b>设置</b>")
    assert len(client.callback_answers()) == 1
