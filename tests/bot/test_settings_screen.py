from tests.bot.conftest import GUIDE, GUIDE_EN


def _settings(uow_factory, external_id="G1"):
    with uow_factory() as uow:
        staff = uow.staff.get_by_external(external_id)
        return uow.staff_settings.get(staff.id)


async def test_the_settings_screen_shows_the_current_values(client):
    await client.send(GUIDE, "/settings")
    text = client.last(GUIDE).text
    assert "语言：中文" in text and "显示名称：李丽" in text and "免打扰时段：21:00–09:00" in text
    assert client.last(GUIDE).labels == ["语言", "名称", "语气", "表情开/关", "每日上限", "免打扰"]


async def test_switching_the_language_is_persisted_and_the_screen_and_menu_follow(client, brand):
    await client.send(GUIDE, "/settings")
    await client.click(GUIDE, "语言")
    await client.click(GUIDE, "English")
    assert _settings(brand).language == "en"
    assert "Language: English" in client.last(GUIDE).text
    [menu] = client.session.calls("SetMyCommands")
    assert menu.scope.chat_id == GUIDE.id and menu.commands[0].description == "Whom to contact today"
    await client.send(GUIDE, "/help")
    assert "Whom to contact today" in client.last(GUIDE).text


async def test_tone_and_emoji_are_changed_with_buttons(client, brand):
    await client.send(GUIDE_EN, "/settings")
    await client.click(GUIDE_EN, "Tone")
    await client.click(GUIDE_EN, "playful")
    await client.click(GUIDE_EN, "Emoji on/off")
    saved = _settings(brand, "G2")
    assert saved.persona_tone == "playful" and saved.persona_emoji is False
    assert "Tone: playful" in client.last(GUIDE_EN).text and "Emoji: off" in client.last(GUIDE_EN).text


async def test_free_text_settings_go_through_a_form(client, brand):
    await client.send(GUIDE_EN, "/settings")
    await client.click(GUIDE_EN, "Name")
    assert "name customers should see" in client.last(GUIDE_EN).text
    await client.send(GUIDE_EN, "  Anna <from the store>  ")
    await client.click(GUIDE_EN, "Daily contacts")
    await client.send(GUIDE_EN, "15")
    await client.click(GUIDE_EN, "Quiet hours")
    await client.send(GUIDE_EN, "22:00-08:00")
    saved = _settings(brand, "G2")
    assert saved.persona_name == "Anna <from the store>"
    assert (saved.daily_budget, saved.quiet_start_hour, saved.quiet_end_hour) == (15, 22, 8)
    assert "Display name: Anna &lt;from the store&gt;" in client.last(GUIDE_EN).text


async def test_an_invalid_value_is_explained_and_can_be_retried(client, brand):
    await client.send(GUIDE_EN, "/settings")
    await client.click(GUIDE_EN, "Daily contacts")
    await client.send(GUIDE_EN, "9999")
    assert client.last(GUIDE_EN).text == "Please send a whole number from 1 to 500."
    await client.send(GUIDE_EN, "30")
    assert _settings(brand, "G2").daily_budget == 30


async def test_cancel_leaves_the_form_without_changing_anything(client, brand):
    await client.send(GUIDE_EN, "/settings")
    await client.click(GUIDE_EN, "Quiet hours")
    await client.click(GUIDE_EN, "Cancel")
    await client.send(GUIDE_EN, "23-7")
    assert _settings(brand, "G2").quiet_start_hour == 21
    assert "did not understand" in client.last(GUIDE_EN).text


async def test_a_command_typed_into_the_form_is_not_taken_as_the_value(client, brand):
    await client.send(GUIDE_EN, "/settings")
    await client.click(GUIDE_EN, "Name")
    await client.send(GUIDE_EN, "/help")
    assert "Whom to contact today" in client.last(GUIDE_EN).text
    assert _settings(brand, "G2").persona_name == ""
