"""Real threads against the real database: SQLite serialises writers, PostgreSQL does not."""
import threading
from concurrent.futures import ThreadPoolExecutor

from core.errors import Conflict
from tests.integration.sales.brand import counts, ledger, place, refund

THREADS = 8


def _all_at_once(work):
    barrier = threading.Barrier(THREADS, timeout=30)

    def run(index):
        barrier.wait()
        try:
            return work(index)
        except Conflict as exc:
            return exc

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(run, range(THREADS)))


def test_concurrent_webhooks_for_one_order_store_one_order_and_one_ledger_entry(engine, ids, uow_factory):
    receipts = _all_at_once(lambda _: place(uow_factory, guide="G1"))
    assert counts(engine) == {"orders": 1, "commission_ledger": 1, "refunds": 0}
    assert [r.replay for r in receipts].count(False) == 1
    assert len({tuple(sorted(r.body.items())) for r in receipts}) == 1


def test_concurrent_refunds_of_one_order_never_give_back_more_than_was_paid(engine, ids, uow_factory):
    place(uow_factory, guide="G1")  # 596.00
    results = _all_at_once(lambda i: refund(uow_factory, "O1", {"refund_id": f"R{i}", "amount": "200"}))
    assert sum(not isinstance(r, Conflict) for r in results) == 2
    assert sum(e[3] for e in ledger(engine) if e[2] == "refund") == -400


def test_concurrent_replays_of_one_refund_post_one_reversing_entry(engine, ids, uow_factory):
    place(uow_factory, guide="G1")
    receipts = _all_at_once(lambda _: refund(uow_factory, "O1", {"refund_id": "R1", "amount": "50"}))
    assert [r.replay for r in receipts].count(False) == 1
    assert counts(engine) == {"orders": 1, "commission_ledger": 2, "refunds": 1}
