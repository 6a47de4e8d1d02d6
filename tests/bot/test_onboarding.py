from datetime import timedelta

from aiogram.exceptions import TelegramForbiddenError

from copilot.staff.onboarding import create_invite
from tests.bot.conftest import CUSTOMER, GUIDE, GUIDE_EN, MANAGER, NEWCOMER, NOW, STRANGER


def _invite(uow_factory, staff_id="G3", now=NOW):
    with uow_factory() as uow:
        code, link = create_invite(uow, staff_id, now, bot_username="GuideCopilotBot")
        uow.commit()
    return code, link


async def test_an_unknown_user_gets_a_short_explanation_and_nothing_internal(client):
    await client.send(STRANGER, "/start")
    await client.send(STRANGER, "/today")
    await client.send(STRANGER, "hello")
    texts = client.texts(STRANGER)
    assert len(texts) == 3
    assert all("store staff" in t and "invite link" in t for t in texts)
    assert not any(name in "".join(texts) for name in ("G1", "李丽", "旗舰店", "/today"))


async def test_staff_imported_with_a_telegram_id_are_recognised_at_once(client):
    await client.send(GUIDE, "/start")
    assert "李丽" in client.last(GUIDE).text
    await client.send(GUIDE_EN, "/start")
    assert client.last(GUIDE_EN).text.startswith("Welcome back, <b>Anna Smith</b>")


async def test_an_invite_link_binds_the_telegram_account_to_the_staff_record(client, brand):
    code, link = _invite(brand)
    assert link == f"https://t.me/GuideCopilotBot?start={code}"
    await client.send(NEWCOMER, f"/start {code}")
    assert "王小明" in client.last(NEWCOMER).text and "导购" in client.last(NEWCOMER).text
    with brand() as uow:
        assert uow.staff.get_by_telegram(NEWCOMER.id).external_id == "G3"
    await client.send(NEWCOMER, "/help")
    assert "/today" in client.last(NEWCOMER).text


async def test_a_redeemed_invite_publishes_the_staff_members_command_menu(client, brand):
    code, _ = _invite(brand)
    await client.send(NEWCOMER, f"/start {code}")
    [menu] = client.session.calls("SetMyCommands")
    assert menu.scope.chat_id == NEWCOMER.id
    assert [c.command for c in menu.commands] == ["today", "tasks", "goal", "me", "ask", "mylink", "settings", "help"]


async def test_a_command_menu_telegram_refuses_does_not_spoil_the_onboarding(client, brand, caplog):
    client.session.fail_once("SetMyCommands", lambda m: TelegramForbiddenError(m, "Forbidden"))
    code, _ = _invite(brand)
    await client.send(NEWCOMER, f"/start {code}")
    assert "绑定成功" in client.last(NEWCOMER).text
    assert any("could not refresh the command menu for staff G3" in r.getMessage() for r in caplog.records)


async def test_an_invite_code_works_only_once(client, brand):
    code, _ = _invite(brand)
    await client.send(NEWCOMER, f"/start {code}")
    await client.send(STRANGER, f"/start {code}")
    assert "already been used" in client.last(STRANGER).text
    with brand() as uow:
        assert uow.staff.get_by_telegram(STRANGER.id) is None


async def test_an_expired_invite_is_refused(client, brand, clock):
    code, _ = _invite(brand)
    clock.current = NOW + timedelta(days=7, seconds=1)
    await client.send(NEWCOMER, f"/start {code}")
    assert "过期" in client.last(NEWCOMER).text
    with brand() as uow:
        assert uow.staff.get_by_telegram(NEWCOMER.id) is None


async def test_an_unknown_invite_code_is_refused_without_detail(client):
    await client.send(STRANGER, "/start s_not-a-real-code")
    assert client.last(STRANGER).text == "This invite code is not valid. Ask your manager for a new link."


async def test_a_telegram_account_bound_to_one_staff_member_cannot_take_another_invite(client, brand):
    code, _ = _invite(brand)
    await client.send(GUIDE, f"/start {code}")
    assert "已绑定了其他员工" in client.last(GUIDE).text
    with brand() as uow:
        assert uow.staff.get_by_external("G3").telegram_user_id is None


async def test_a_manager_invites_their_own_store_staff_in_the_bot(client, brand):
    await client.send(MANAGER, "/invite G3")
    text = client.last(MANAGER).text
    assert "王小明" in text and "https://t.me/GuideCopilotBot?start=s_" in text
    code = text.split("start=")[1].split()[0]
    assert client.last(MANAGER).button("复制链接").copy_text.text.endswith(f"start={code}")
    await client.send(NEWCOMER, f"/start {code}")
    assert "绑定成功" in client.last(NEWCOMER).text


async def test_a_manager_cannot_invite_another_stores_staff(client):
    await client.send(MANAGER, "/invite G9")
    assert client.last(MANAGER).text == "抱歉，您没有权限执行此操作。"


async def test_a_guide_cannot_invite_anyone(client, caplog):
    await client.send(GUIDE, "/invite G3")
    assert client.last(GUIDE).text == "抱歉，您没有权限执行此操作。"
    assert any("not allowed" in r.message and str(GUIDE.id) in r.message for r in caplog.records)


async def test_invite_without_a_staff_id_shows_the_usage(client):
    await client.send(MANAGER, "/invite")
    assert "/invite 员工编号" in client.last(MANAGER).text


async def test_a_customer_link_is_answered_as_not_active_yet(client):
    await client.send(STRANGER, "/start c_abc123")
    assert "not active yet" in client.last(STRANGER).text


async def test_a_customer_never_reaches_staff_commands(client):
    await client.send(CUSTOMER, "/settings")
    await client.send(CUSTOMER, "/invite G3")
    assert client.texts(CUSTOMER) == ["您好！您的专属导购会尽快在这里回复您。"] * 2
