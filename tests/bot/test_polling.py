"""Long polling through aiogram's real HTTP session against a local Bot API server
(GC_TELEGRAM__API_BASE): the production code path, minus Telegram."""
import asyncio
import json

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.app import build_bot
from cli.container import Container
from bot.runner import run_polling
from core.settings import Settings
from tests.bot.conftest import GUIDE_EN


class FakeBotApi:
    """Hands out one update, then records what the bot calls."""

    def __init__(self, update: dict) -> None:
        self.pending = [update]
        self.calls: list[tuple[str, dict]] = []
        self.replied = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = dict(await request.post())
        self.calls.append((method, params))
        return web.json_response({"ok": True, "result": await self.result(method, params)})

    async def result(self, method: str, params: dict):
        if method == "getUpdates":
            updates, self.pending = self.pending, []
            if not updates:
                await asyncio.sleep(0.05)
            return updates
        if method == "getMe":
            return {"id": 42, "is_bot": True, "first_name": "Guide Copilot", "username": "GuideCopilotBot"}
        if method == "sendMessage":
            self.replied.set()
            return {"message_id": 1, "date": 0, "text": params["text"],
                    "chat": {"id": int(params["chat_id"]), "type": "private"}}
        return True


async def test_the_bot_polls_a_custom_bot_api_server_and_answers_there(brand, tmp_path, clock):
    update = {"update_id": 7, "message": {"message_id": 3, "date": 0, "text": "/help",
                                          "chat": {"id": GUIDE_EN.id, "type": "private"},
                                          "from": {"id": GUIDE_EN.id, "is_bot": False, "first_name": "A"}}}
    api = FakeBotApi(update)
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.handle)
    async with TestServer(app) as server:
        settings = Settings(data_dir=tmp_path, telegram={"api_base": str(server.make_url("")).rstrip("/"),
                                                         "token": "123:ABC"})
        dispatcher = Container(settings, clock=clock, uow_factory=brand, indexed_knowledge=None).dispatcher()
        polling = asyncio.create_task(run_polling(dispatcher, build_bot(settings), handle_signals=False))
        await asyncio.wait_for(api.replied.wait(), timeout=10)
        await dispatcher.stop_polling()
        await asyncio.wait_for(polling, timeout=10)
    methods = [m for m, _ in api.calls]
    assert methods[0] == "deleteWebhook" and "setMyCommands" in methods
    [(_, sent)] = [c for c in api.calls if c[0] == "sendMessage"]
    assert sent["parse_mode"] == "HTML" and "Whom to contact today" in sent["text"]
    menus = [json.loads(p["commands"]) for m, p in api.calls if m == "setMyCommands"]
    assert any(c[0]["command"] == "today" for c in menus)
