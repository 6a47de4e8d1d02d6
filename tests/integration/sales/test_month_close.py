import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from core.errors import InvalidInput
from copilot.sales import close_month
from db.repositories.sales import SqlSalesRepository
from tests.integration.sales.brand import NOW, TZ, ledger, place, refund

NOVEMBER = NOW + timedelta(days=30)  # 2026-11-07


def _close(uow_factory, month, now=NOVEMBER) -> bool:
    with uow_factory() as uow:
        closed = close_month(uow, month, now, timezone=TZ)
        uow.commit()
    return closed


def _october(engine):
    return [e for e in ledger(engine) if e[5] == "2026-10"]


def test_a_refund_after_the_month_closed_lands_in_the_next_open_month(engine, ids, uow_factory):
    place(uow_factory, guide="G1")
    assert _close(uow_factory, "2026-10")
    october = _october(engine)
    refund(uow_factory, "O1", {"refund_id": "R1", "amount": "100"}, now=NOVEMBER)
    assert _october(engine) == october
    assert [e[2::3] for e in ledger(engine)] == [("sale", "2026-10"), ("refund", "2026-11")]


def test_a_late_order_for_a_closed_month_is_booked_in_the_current_month(engine, ids, uow_factory):
    assert _close(uow_factory, "2026-10")
    body = place(uow_factory, now=NOVEMBER, guide="G1").body  # ordered 2026-10-08
    assert body["ledger_month"] == "2026-11" and _october(engine) == []


def test_months_are_the_brands_local_calendar_months(engine, ids, uow_factory):
    last_evening = NOW.replace(day=31, hour=17)  # 2026-11-01 01:00 in Shanghai
    assert place(uow_factory, guide="G1", at=last_evening, now=NOVEMBER).body["ledger_month"] == "2026-11"


def test_a_month_that_has_not_started_cannot_be_closed_and_closing_twice_is_harmless(engine, ids, uow_factory):
    with pytest.raises(InvalidInput, match="has not started"):
        _close(uow_factory, "2026-12")
    with pytest.raises(InvalidInput, match="2026-10"):
        _close(uow_factory, "2026/10")
    assert _close(uow_factory, "2026-10") is True
    assert _close(uow_factory, "2026-10") is False


def test_an_order_read_before_a_concurrent_month_close_commits_is_booked_in_the_next_month(
        engine, ids, uow_factory, monkeypatch):
    """The close is under way (its transaction has closed October, not yet committed) when the
    order reads the closed months, and commits while the order is being written."""
    read = threading.Event()
    original = SqlSalesRepository.order_context

    def reading(self, query):
        context = original(self, query)
        read.set()
        return context

    monkeypatch.setattr(SqlSalesRepository, "order_context", reading)
    with uow_factory() as closing:
        assert close_month(closing, "2026-10", NOW, timezone=TZ)
        with ThreadPoolExecutor(1) as pool:
            booking = pool.submit(place, uow_factory, guide="G1")
            assert read.wait(30)
            closing.commit()
            body = booking.result(timeout=60).body
    assert body["ledger_month"] == "2026-11"
    assert [e[2::3] for e in ledger(engine)] == [("sale", "2026-11")]
