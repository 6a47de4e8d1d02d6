from bot.commands import GUIDE_COMMANDS, MANAGER_COMMANDS
from tests.bot.conftest import GUIDE, GUIDE_EN, MANAGER, STRANGER


def _commands_listed(text: str) -> list[str]:
    return [line.split()[0][1:] for line in text.splitlines() if line.startswith("/")]


async def test_help_lists_what_a_guide_can_do_in_chinese(client):
    await client.send(GUIDE, "/help")
    text = client.last(GUIDE).text
    assert _commands_listed(text) == list(GUIDE_COMMANDS)
    assert "今天联系谁" in text and "/invite" not in text


async def test_help_lists_the_manager_commands_too(client):
    await client.send(MANAGER, "/help")
    listed = _commands_listed(client.last(MANAGER).text)
    assert set(listed) == set(GUIDE_COMMANDS) | {"campaigns", "newcampaign", "report", "team", "ledger", "invite",
                                                 "handover"}
    assert listed == list(MANAGER_COMMANDS)


async def test_help_lists_the_guides_own_customer_link(client):
    await client.send(GUIDE, "/help")
    assert "/mylink — 我的顾客链接" in client.last(GUIDE).text


async def test_every_command_help_lists_is_answered_by_its_screen_not_the_fallback(client):
    from bot.texts import TABLES

    for command in MANAGER_COMMANDS:
        await client.send(MANAGER, f"/{command}")
        assert client.last(MANAGER).text != TABLES["zh"]["fallback"], command


async def test_help_is_in_the_staff_members_language(client):
    await client.send(GUIDE_EN, "/help")
    text = client.last(GUIDE_EN).text
    assert "Whom to contact today" in text and "今天" not in text


async def test_help_for_an_unknown_user_is_the_short_explanation(client):
    await client.send(STRANGER, "/help")
    assert "store staff" in client.last(STRANGER).text and "/today" not in client.last(STRANGER).text


async def test_startup_sets_the_public_menu_per_language_and_each_staff_members_role_menu(client):
    await client.startup()
    calls = client.session.calls("SetMyCommands")
    defaults = {c.language_code: c for c in calls if c.scope.type == "default"}
    assert set(defaults) == {"zh", "en", None}
    assert defaults["en"].commands[1].description == "What this bot can do"
    assert defaults["zh"].commands[1].description == "功能说明"
    per_chat = {c.scope.chat_id: c for c in calls if c.scope.type == "chat"}
    assert set(per_chat) == {MANAGER.id, GUIDE.id, GUIDE_EN.id}  # not staff without Telegram
    assert [c.command for c in per_chat[MANAGER.id].commands] == list(MANAGER_COMMANDS)
    assert [c.command for c in per_chat[GUIDE.id].commands] == list(GUIDE_COMMANDS)
    assert per_chat[GUIDE_EN.id].commands[0].description == "Whom to contact today"
    assert per_chat[GUIDE.id].commands[0].description == "今天联系谁"


async def test_a_staff_member_gets_a_hint_for_text_the_bot_does_not_understand(client):
    await client.send(GUIDE, "what?")
    assert "/help" in client.last(GUIDE).text and "没看懂" in client.last(GUIDE).text
