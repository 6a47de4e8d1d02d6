import json
from datetime import timedelta

from fastapi.testclient import TestClient

from api.app import create_app
from api.signing import sign
from core.settings import Settings
from tests.api.conftest import SECRET
from tests.integration.sales.brand import NOW, FixedClock, counts, ledger, order_json

NOTHING = {"orders": 0, "commission_ledger": 0, "refunds": 0}


def test_health_answers_ok(api):
    assert api.client.get("/health").json() == {"status": "ok"}


def test_a_signed_order_is_stored_credited_and_announced_to_the_guide(api, engine, ids, notifier):
    response = api.post("/api/orders", order_json(lines=(("CREAM", 4, "320.00"),), guide="G2"))
    assert response.status_code == 200 and response.headers["X-GC-Replay"] == "false"
    assert response.json() == {"order_id": "O1", "total": "1280.00", "guide_id": "G2", "attribution": "order",
                               "campaign": None, "commission": "38.40", "ledger_month": "2026-10"}
    assert counts(engine) == {"orders": 1, "commission_ledger": 1, "refunds": 0}
    assert notifier.sent == [(ids.guides["G2"], "Li Na bought ¥1,280 — +¥38.40 commission")]


def test_a_bad_signature_is_refused_and_nothing_is_stored(api, engine):
    response = api.post("/api/orders", order_json(), secret="guessed")
    assert response.status_code == 401 and response.json()["detail"] == "bad signature"
    assert counts(engine) == NOTHING


def test_a_body_changed_after_signing_is_refused(api, engine):
    signed, stamp = json.dumps(order_json()).encode(), int(NOW.timestamp())
    headers = {"X-GC-Timestamp": str(stamp), "X-GC-Signature": sign(SECRET, stamp, signed)}
    response = api.post("/api/orders", signed.replace(b"298.00", b"2.98"), headers=headers)
    assert response.status_code == 401 and counts(engine) == NOTHING


def test_a_timestamp_more_than_five_minutes_away_is_refused(api, engine):
    for skew in (timedelta(minutes=-6), timedelta(minutes=6)):
        response = api.post("/api/orders", order_json(), at=NOW + skew)
        assert response.status_code == 401 and "5 minutes" in response.json()["detail"]
    assert api.post("/api/orders", order_json(), at=NOW - timedelta(minutes=4)).status_code == 200


def test_a_request_without_signature_headers_is_refused(api, engine):
    assert api.post("/api/orders", order_json(), headers={}).status_code == 401
    assert counts(engine) == NOTHING


def test_a_replay_answers_the_same_and_changes_nothing(api, engine, notifier):
    first = api.post("/api/orders", order_json())
    before = ledger(engine)
    for _ in range(3):
        again = api.post("/api/orders", order_json())
        assert again.status_code == 200 and again.json() == first.json()
        assert again.headers["X-GC-Replay"] == "true"
    assert ledger(engine) == before and counts(engine)["orders"] == 1 and len(notifier.sent) == 1


def test_the_same_order_id_with_a_different_body_is_a_conflict(api, engine):
    api.post("/api/orders", order_json())
    response = api.post("/api/orders", order_json(lines=(("CREAM", 3, "298.00"),), guide="G1"))
    assert response.status_code == 409
    assert "different guide, lines" in response.json()["detail"]
    assert counts(engine)["commission_ledger"] == 1


def test_a_malformed_body_gets_a_422_that_says_what_is_wrong(api, engine):
    assert "not valid JSON" in api.post("/api/orders", b"{not json").json()["detail"]
    broken = order_json(lines=(("CREAM", 0, "-1"),))
    del broken["customer_id"]
    response = api.post("/api/orders", broken)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "customer_id: Field required" in detail and "lines.0.quantity" in detail
    assert "lines.0.unit_price" in detail
    assert counts(engine) == NOTHING


def test_an_oversized_body_is_refused_before_anything_else(api, engine):
    response = api.post("/api/orders", b"{" + b" " * 1_000_001 + b"}")
    assert response.status_code == 413
    assert response.json()["detail"] == "the body is larger than the 1,000,000 bytes accepted"


def test_unknown_references_are_named_and_nothing_is_stored(api, engine):
    body = order_json(customer="C404", store="S404", guide="G404", lines=(("CREAM", 1, "1"), ("NOPE", 1, "1")))
    response = api.post("/api/orders", body)
    assert response.status_code == 422
    assert response.json()["detail"] == ("unknown customer_id 'C404', store_id 'S404', guide_id 'G404', "
                                         "sku 'NOPE'")
    assert counts(engine) == NOTHING


def test_webhooks_are_refused_while_no_secret_is_configured(database, ids):
    client = TestClient(create_app(database, Settings(), FixedClock()))
    response = client.post("/api/orders", content=b"{}", headers={"X-GC-Timestamp": "1", "X-GC-Signature": "x"})
    assert response.status_code == 503 and "GC_API__WEBHOOK_SECRET" in response.json()["detail"]
