"""Settling stored orders: the path the CSV import takes, so CSV and webhook give the same ledger.

    with uow_factory() as uow:            # right after an orders import committed
        order_ids = uow.sales.unsettled_order_ids(since)  # or uow.bulk.ids("orders", external_ids)
        settled = settle_orders(uow, order_ids, now, timezone=settings.timezone)
        told = sale_notices(uow, settled)  # optional: importing history should not ping guides
        uow.commit()
    send(notifier, told)

A paid order gets its sale entry once. An order imported as refunded that had been credited gets a
reversing entry for what is left (key `refund:order:{order id}`); one never credited gets nothing.
A credited paid order whose lines a re-import changed gets an adjusting entry (`adjust_orders`).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from core.domain import Order, OrderStatus
from core.ports import LedgerEntry, UnitOfWork
from copilot.sales.ledger import Settlement, post_adjustment, post_refund, sale_key, settle
from copilot.sales.policy import DEFAULT_TIMEZONE, SalesPolicy

_BATCH = 500


def settle_orders(uow: UnitOfWork, order_ids: Sequence[int], now: datetime, *,
                  timezone: str = DEFAULT_TIMEZONE) -> list[Settlement]:
    """Post ledger entries for stored orders (database ids). Safe to repeat: nothing is posted twice.
    Runs in the caller's unit of work; the caller commits."""
    policy, stores = SalesPolicy.load(uow, timezone), _store_codes(uow)
    done: list[Settlement] = []
    for order in _orders(uow, order_ids):
        if order.status == OrderStatus.PAID:
            done.append(settle_order(uow, order, now, policy, stores))
        else:
            _reverse_rest(uow, order, now, policy)
    return done


def adjust_orders(uow: UnitOfWork, order_ids: Sequence[int], now: datetime, *,
                  timezone: str = DEFAULT_TIMEZONE) -> list[LedgerEntry]:
    """Adjusting entries for credited paid orders whose lines no longer match their sale entry
    (`uow.sales.drifted_order_ids(re-imported order ids)`). Safe to repeat; the caller commits."""
    policy, stores = SalesPolicy.load(uow, timezone), _store_codes(uow)
    posted: list[LedgerEntry] = []
    for order in _orders(uow, order_ids):
        if order.status == OrderStatus.PAID:
            entry = post_adjustment(uow, order, now, policy, store_code=stores.get(order.store_id, ""))
            if entry is not None:
                posted.append(entry)
    return posted


def _orders(uow: UnitOfWork, order_ids: Sequence[int]) -> Iterator[Order]:
    for start in range(0, len(order_ids), _BATCH):
        yield from uow.sales.orders(list(order_ids[start : start + _BATCH]))


def _store_codes(uow: UnitOfWork) -> dict[int, str]:
    return {s.id: s.external_id for s in uow.stores.list()}


def settle_order(uow: UnitOfWork, order: Order, now: datetime, policy: SalesPolicy,
                 stores: dict[int, str] | None = None) -> Settlement:
    if stores is None:
        stores = _store_codes(uow)
    customer = uow.customers.get(order.customer_id)
    return settle(uow, order, now, policy, store_code=stores.get(order.store_id, ""),
                  owner_id=customer.owner_id if customer else None)


def _reverse_rest(uow: UnitOfWork, order: Order, now: datetime, policy: SalesPolicy) -> None:
    if uow.ledger.get(sale_key(order)) is None:
        return
    balance = uow.sales.lock_order(order.id)
    rest = balance.total - balance.refunded
    if rest > 0:
        post_refund(uow, order, f"refund:order:{order.external_id}", rest, True, now, policy)
        uow.sales.set_refunded(order.id, balance.total, OrderStatus.REFUNDED.value)
