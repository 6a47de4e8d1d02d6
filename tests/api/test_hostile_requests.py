"""Hostile requests get a clear 4xx, never a 500, and store nothing: oversized bodies, malformed
signature headers, absurdly nested or sized JSON, orders dated outside the window or in another
currency."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from api.signing import sign
from tests.api.conftest import SECRET
from tests.integration.sales.brand import NOW, counts, order_json

NOTHING = {"orders": 0, "commission_ledger": 0, "refunds": 0}


def test_a_body_over_the_limit_is_a_413(api, engine):
    """(tests/faults/test_http_server.py shows a real server refusing it before reading it.)"""
    chunks = (b"x" * 1_000_000 for _ in range(3))  # no Content-Length: the limit counts what arrives
    response = api.client.post("/api/orders", content=chunks, headers=_signed(b"ignored"))
    assert response.status_code == 413 and response.json()["error"] == "too_large"
    declared = api.client.post("/api/orders", content=b"{}", headers={**_signed(b"{}"), "Content-Length": "300000000"})
    assert declared.status_code == 413
    assert counts(engine) == NOTHING


@pytest.mark.parametrize("timestamp, signature", [
    ("9" * 400, "0" * 64),  # 400 digits: once an OverflowError
    ("１７６０", "0" * 64),  # full-width digits
    ("-5", "0" * 64),
    (str(int(NOW.timestamp())), "é"),  # once a TypeError in compare_digest
    (str(int(NOW.timestamp())), "z" * 64),
    (str(int(NOW.timestamp())), "0" * 63),
])
def test_malformed_signature_headers_are_a_401_before_anything_is_read(api, engine, timestamp, signature):
    headers = {"X-GC-Timestamp": timestamp.encode(), "X-GC-Signature": signature.encode()}
    response = api.client.post("/api/orders", content=json.dumps(order_json()).encode(), headers=headers)
    assert response.status_code == 401, response.text
    assert counts(engine) == NOTHING


@pytest.mark.parametrize("body, says", [
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"order_id": ' + b"9" * 5000 + b"}", "not valid JSON"),
    (json.dumps(order_json(lines=(("CREAM", 100_000, "999999999999.99"),))).encode(), "over the limit"),
    (json.dumps(order_json(lines=(("CREAM", 99_999, "200000.00"),))).encode(), "over the limit"),
])
def test_absurd_json_is_a_422_that_says_why(api, engine, body, says):
    response = api.post("/api/orders", body)
    assert response.status_code == 422, response.text
    assert says in response.json()["detail"]
    assert counts(engine) == NOTHING


@pytest.mark.parametrize("at", [NOW.replace(year=2030), NOW.replace(year=1970), NOW + timedelta(hours=1),
                                NOW - timedelta(days=500)])
def test_an_order_dated_outside_the_window_is_refused(api, engine, at):
    response = api.post("/api/orders", order_json(at=at))
    assert response.status_code == 422 and "ordered_at" in response.json()["detail"]
    assert counts(engine) == NOTHING


def test_an_order_a_little_ahead_of_our_clock_or_months_old_is_booked(api, engine):
    assert api.post("/api/orders", order_json("O1", at=NOW + timedelta(minutes=5))).status_code == 200
    assert api.post("/api/orders", order_json("O2", at=NOW - timedelta(days=200))).status_code == 200


def test_an_order_in_another_currency_is_refused_not_booked_as_yuan(api, engine):
    response = api.post("/api/orders", {**order_json(), "currency": "USD"})
    assert response.status_code == 422 and "CNY" in response.json()["detail"]
    assert counts(engine) == NOTHING
    assert api.post("/api/orders", {**order_json(), "currency": "cny"}).status_code == 200


def _signed(body: bytes) -> dict[str, str]:
    stamp = int(NOW.timestamp())
    return {"X-GC-Timestamp": str(stamp), "X-GC-Signature": sign(SECRET, stamp, body)}
