import asyncio
import json

import httpx

from api.signing import signed_headers
from tests.api.conftest import SECRET
from tests.integration.sales.brand import NOW, counts, ledger, order_json

TWO_LINES = (("CREAM", 2, "298.00"), ("TEE", 1, "129.00"))


def _order(api):
    assert api.post("/api/orders", order_json(lines=TWO_LINES, guide="G1")).status_code == 200


def test_a_partial_refund_by_lines_then_the_rest_by_amount_nets_the_commission_to_zero(api, engine):
    _order(api)
    first = api.post("/api/orders/O1/refund", {"refund_id": "R1", "lines": [{"sku": "TEE", "quantity": 1}]})
    assert first.status_code == 200
    assert first.json() == {"refund_id": "R1", "order_id": "O1", "amount": "129.00", "commission": "-3.87",
                            "ledger_month": "2026-10"}
    rest = api.post("/api/orders/O1/refund", {"refund_id": "R2", "amount": 596})
    assert rest.json()["commission"] == "-17.88"
    assert sum(e[4] for e in ledger(engine)) == 0


def test_a_replayed_refund_answers_the_same_and_changes_nothing(api, engine):
    _order(api)
    body = {"refund_id": "R1", "amount": "50.5"}
    first = api.post("/api/orders/O1/refund", body)
    before = ledger(engine)
    again = api.post("/api/orders/O1/refund", {"refund_id": "R1", "amount": "50.50"})
    assert again.status_code == 200 and again.json() == first.json() and again.headers["X-GC-Replay"] == "true"
    assert ledger(engine) == before


def test_refund_errors_are_clear_and_store_nothing(api, engine):
    _order(api)
    cases = [
        ("/api/orders/O9/refund", {"refund_id": "R1", "amount": "1"}, 404, "unknown order 'O9'"),
        ("/api/orders/O1/refund", {"refund_id": "R1"}, 422, "give either 'lines' or 'amount'"),
        ("/api/orders/O1/refund", {"refund_id": "R1", "amount": "-5"}, 422, "amount"),
        ("/api/orders/O1/refund", {"refund_id": "R1", "amount": "726"}, 409, "exceeds the 725.00"),
        ("/api/orders/O1/refund", {"refund_id": "R1", "lines": [{"sku": "COFFEE", "quantity": 1}]}, 422,
         "'COFFEE' is not on order O1"),
    ]
    for path, body, status, message in cases:
        response = api.post(path, body)
        assert (response.status_code, message in response.json()["detail"]) == (status, True), response.json()
    assert api.post("/api/orders/O1/refund", {"refund_id": "R1", "amount": "1"}, secret="x").status_code == 401
    assert counts(engine) == {"orders": 1, "commission_ledger": 1, "refunds": 0}


def test_a_refund_id_reused_with_a_different_body_is_a_conflict(api):
    _order(api)
    api.post("/api/orders/O1/refund", {"refund_id": "R1", "amount": "1"})
    assert api.post("/api/orders/O1/refund", {"refund_id": "R1", "amount": "2"}).status_code == 409


async def test_concurrent_duplicate_webhooks_through_the_app_store_one_order(api, engine):
    """Requests interleave in the event loop and run in the app's thread pool at the same time."""
    raw = json.dumps(order_json(guide="G1")).encode()
    headers = signed_headers(SECRET, int(NOW.timestamp()), raw)
    transport = httpx.ASGITransport(app=api.client.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        responses = await asyncio.gather(*(client.post("/api/orders", content=raw, headers=headers)
                                           for _ in range(10)))
    assert {r.status_code for r in responses} == {200}
    assert [r.headers["X-GC-Replay"] for r in responses].count("false") == 1
    assert len({r.text for r in responses}) == 1
    assert counts(engine) == {"orders": 1, "commission_ledger": 1, "refunds": 0}
