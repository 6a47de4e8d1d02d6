import pytest

from core.settings import LLMSettings
from tests.integration.drafting.fake_openai import FakeOpenAI

TIMEOUT = 0.5  # seconds; "slow" scripted replies sleep well past it


@pytest.fixture(scope="session")
def openai_server():
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def llm_server(openai_server) -> FakeOpenAI:
    openai_server.reset()
    return openai_server


@pytest.fixture
def llm_settings(llm_server) -> LLMSettings:
    return LLMSettings(base_url=llm_server.base_url, api_key="test-key", model="fake",
                       timeout_seconds=TIMEOUT, max_retries=0)
