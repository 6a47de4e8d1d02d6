"""`POST /api/campaigns` with the brand's API key: the real app over the real database."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from cli.container import Container
from copilot.campaigns.api_keys import new_api_key
from core.settings import Settings
from tests.integration.campaigns.conftest import TZ, FixedClock, seed

BODY = {"name": "Mid-autumn recall", "segment": "all", "kind": "care_checkin", "brief": "新品面霜到店",
        "due": "2026-11-27", "variants": 2, "holdout": 0.1, "created_by": "M1"}


@pytest.fixture
def key(engine, uow_factory, tmp_path) -> str:
    seed(engine)
    with uow_factory() as uow:
        issued = new_api_key(uow, "demo")
        uow.commit()
    return issued


@pytest.fixture
def http(database, key, tmp_path):
    settings = Settings(timezone=TZ, data_dir=tmp_path)
    app = Container(settings, clock=FixedClock(), uow_factory=database.uow_factory, database=database,
                    indexed_knowledge=None).api_app()
    with TestClient(app) as client:
        yield client


def test_a_campaign_posted_with_the_brands_key_creates_tasks_and_reports_counts(http, key, uow_factory):
    answer = http.post("/api/campaigns", json=BODY, headers={"X-API-Key": key})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["created"] + body["holdout"] == 10
    assert body["excluded"] == {"opted_out": 1, "fatigue": 1, "open_task": 1, "no_guide": 1}
    assert set(body["per_guide"]) <= {"G1", "G2"}
    with uow_factory() as uow:
        campaign = uow.campaigns.get(body["campaign_id"])
    assert campaign.name == "Mid-autumn recall" and len(campaign.variants) == 2


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "gc_wrong"}])
def test_a_missing_or_wrong_key_is_refused_and_creates_nothing(http, uow_factory, headers):
    answer = http.post("/api/campaigns", json=BODY, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["error"] == "not_allowed"
    with uow_factory() as uow:
        assert [c.name for c in uow.campaigns.list()] == ["earlier"]


def test_a_bad_segment_is_a_422_naming_the_choices(http, key):
    answer = http.post("/api/campaigns", json={**BODY, "segment": "everyone"}, headers={"X-API-Key": key})
    assert answer.status_code == 422 and "silent" in answer.json()["detail"]


def test_a_campaign_due_in_the_past_is_a_422_and_creates_nothing(http, key, uow_factory):
    with uow_factory() as uow:
        before = len(uow.campaigns.tasks())
    answer = http.post("/api/campaigns", json={**BODY, "due": "2026-11-22"}, headers={"X-API-Key": key})
    with uow_factory() as uow:
        assert len(uow.campaigns.tasks()) == before  # the seed's one busy task, nothing new
    assert answer.status_code == 422
    assert answer.json()["detail"] == "the due date 2026-11-22 is in the past (today is 2026-11-23)"
    today = http.post("/api/campaigns", json={**BODY, "due": "2026-11-23"}, headers={"X-API-Key": key})
    assert today.status_code == 201  # due today is still doable
