"""`guide-copilot staff invite` and the webhook's secret-token check."""
import json

import pytest
from aiogram.fsm.storage.memory import MemoryStorage
from aiohttp.test_utils import TestClient, TestServer
from typer.testing import CliRunner

from bot.app import build_bot, build_storage
from cli.container import Container
from bot.runner import webhook_app
from cli.main import build_app
from core.errors import ConfigError
from core.settings import Settings
from copilot.staff.onboarding import redeem_invite
from tests.bot.client import BotTestClient
from tests.bot.conftest import NEWCOMER, STRANGER


def test_the_cli_prints_a_working_invite_code_and_deep_link(tmp_path, monkeypatch):
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GC_TELEGRAM__BOT_USERNAME", "AcmeGuidesBot")
    container = Container.from_env()
    container.migrate()
    with container.uow_factory() as uow:
        uow.bulk.upsert("staff", [{"external_id": "G7", "name": "周洁", "role": "guide"}])
        uow.commit()
    result = CliRunner().invoke(build_app(), ["staff", "invite", "G7"])
    assert result.exit_code == 0, result.output
    code = result.output.split("Invite code:")[1].split()[0]
    assert f"https://t.me/AcmeGuidesBot?start={code}" in result.output
    with container.uow_factory() as uow:
        assert redeem_invite(uow, code, NEWCOMER.id, container.clock.now()).external_id == "G7"
    container.close()


def test_the_cli_refuses_an_unknown_staff_id(tmp_path, monkeypatch):
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(build_app(), ["staff", "invite", "NOPE"])
    assert result.exit_code != 0 and "NOPE" in str(result.exception)


def _update(user_id: int, text: str) -> dict:
    return {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": text,
                                        "chat": {"id": user_id, "type": "private"},
                                        "from": {"id": user_id, "is_bot": False, "first_name": "X"}}}


@pytest.fixture
def webhook_settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, telegram={"webhook_url": "https://bot.example.com/tg/hook",
                                                 "webhook_secret": "s3cret"})


async def test_the_webhook_accepts_only_requests_with_the_secret_token(brand, webhook_settings, clock):
    client = BotTestClient.build(brand, settings=webhook_settings, clock=clock)
    app = webhook_app(client.dp, client.bot, webhook_settings, handle_in_background=False)
    async with TestClient(TestServer(app)) as http:
        [set_webhook] = client.session.calls("SetWebhook")
        assert set_webhook.url == "https://bot.example.com/tg/hook" and set_webhook.secret_token == "s3cret"
        body = json.dumps(_update(STRANGER.id, "/start"))
        forged = await http.post("/tg/hook", data=body, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
        assert forged.status == 401
        assert client.session.calls("SendMessage") == []
        real = await http.post("/tg/hook", data=body, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
        assert real.status == 200
    assert "仅供品牌门店员工使用" in client.last(STRANGER).text  # no language code: the default, zh


def test_webhook_mode_without_a_secret_is_refused(tmp_path):
    settings = Settings(data_dir=tmp_path, telegram={"webhook_url": "https://bot.example.com/tg"})
    dispatcher = Container(settings, uow_factory=None, indexed_knowledge=None).dispatcher()
    with pytest.raises(ConfigError):
        webhook_app(dispatcher, None, settings)


def test_the_bot_talks_to_the_configured_bot_api_server(tmp_path):
    settings = Settings(data_dir=tmp_path, telegram={"api_base": "http://127.0.0.1:8081", "token": "1:T"})
    bot = build_bot(settings)
    assert bot.session.api.api_url("1:T", "getMe") == "http://127.0.0.1:8081/bot1:T/getMe"


def test_without_a_token_or_a_local_bot_api_the_bot_cannot_be_built(tmp_path):
    with pytest.raises(ConfigError, match="GC_TELEGRAM__TOKEN"):
        build_bot(Settings(data_dir=tmp_path))


def test_fsm_state_goes_to_redis_when_configured(tmp_path):
    assert isinstance(build_storage(Settings(data_dir=tmp_path)), MemoryStorage)
    redis_settings = Settings(data_dir=tmp_path, telegram={"redis_url": "redis://127.0.0.1:6390/0"})
    try:
        import redis  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="redis"):
            build_storage(redis_settings)
    else:
        assert type(build_storage(redis_settings)).__name__ == "RedisStorage"
