"""No update waits on another: a guide whose draft hangs on the LLM holds no database session, so
other guides' screens answer meanwhile (real Dispatcher, a local OpenAI-compatible server that hangs)."""
from __future__ import annotations

import asyncio

import pytest

from core.settings import LLMSettings
from tests.bot.client import BotTestClient
from tests.bot.conftest import GUIDE, GUIDE_EN
from tests.bot.guide_helpers import open_card, today_names
from tests.integration.drafting.fake_openai import FakeOpenAI, Reply

HANG_SECONDS = 60.0
# More drafts hanging at once than the old in-flight limit (8) and than a pool's 5 idle connections.
DRAFTS = 10


@pytest.fixture
def hanging_llm():
    server = FakeOpenAI().start()
    server.reset(*[Reply(["您好"], delay=HANG_SECONDS) for _ in range(DRAFTS + 1)])
    yield server
    server.stop()


@pytest.fixture
def slow_client(brand, selling, settings, clock, knowledge, hanging_llm) -> BotTestClient:
    llm = LLMSettings(base_url=hanging_llm.base_url, api_key="k", timeout_seconds=HANG_SECONDS + 30, max_retries=0)
    return BotTestClient.build(brand, settings=settings.model_copy(update={"llm": llm}), clock=clock,
                               knowledge=knowledge, contacts=selling)


async def _until(condition, seconds: float = 10.0) -> None:
    async with asyncio.timeout(seconds):
        while not condition():
            await asyncio.sleep(0.01)


async def test_a_hanging_llm_during_one_guides_draft_does_not_delay_another_guides_today(
        slow_client, brand, hanging_llm):
    await open_card(slow_client, brand, GUIDE, "C1")
    drafting = asyncio.create_task(slow_client.click(GUIDE, "写消息"))
    await _until(lambda: hanging_llm.requests)  # the draft is now waiting on the LLM
    async with asyncio.timeout(10):  # far below the LLM's 60 s: nothing waits on it
        await slow_client.send(GUIDE_EN, "/today")
        await slow_client.send(GUIDE_EN, "/today")
    assert set(today_names(slow_client.last(GUIDE_EN).text)) == {"Emma Brown", "顾客E2", "顾客E3"}
    assert not drafting.done()  # still waiting on the LLM all along
    drafting.cancel()
    await asyncio.gather(drafting, return_exceptions=True)


async def test_updates_from_many_guides_at_once_all_finish_while_drafts_hang(slow_client, brand, hanging_llm):
    await open_card(slow_client, brand, GUIDE, "C1")
    drafting = [asyncio.create_task(slow_client.click(GUIDE, "写消息")) for _ in range(DRAFTS)]
    await _until(lambda: len(hanging_llm.requests) >= DRAFTS)
    async with asyncio.timeout(30):
        await asyncio.gather(*(slow_client.send(GUIDE_EN, "/today") for _ in range(40)))
    assert not any(task.done() for task in drafting)
    for task in drafting:
        task.cancel()
    await asyncio.gather(*drafting, return_exceptions=True)
