import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.signing import signed_headers
from core.settings import APISettings, Settings
from tests.integration.sales.brand import NOW, TZ, FixedClock, RecordingNotifier, seed

SECRET = "test-webhook-secret"


class Webhooks:
    """A signed-webhook client over FastAPI's TestClient (the real app, the real database)."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def post(self, path: str, body: dict | bytes, *, secret: str = SECRET, at=NOW, headers=None):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        sent = headers if headers is not None else signed_headers(secret, int(at.timestamp()), raw)
        return self.client.post(path, content=raw, headers=sent)


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def ids(engine):
    return seed(engine)


@pytest.fixture
def api(database, notifier, ids) -> Webhooks:
    settings = Settings(timezone=TZ, api=APISettings(webhook_secret=SECRET))
    with TestClient(create_app(database, settings, FixedClock(), notifier=notifier)) as client:
        yield Webhooks(client)
