"""Settling stored orders: the path the CSV import takes, so CSV and webhook give the same ledger.

    with uow_factory() as uow:            # right after an orders import committed
        order_ids = uow.sales.unsettled_order_ids(since)  # or uow.bulk.ids("orders", external_ids)
        settled = settle_orders(uow, order_ids, now, timezone=settings.timezone)
        told = sale_notices(uow, settled)  # optional: importing history should not ping guides
        uow.commit()
    send(notifier, told)

A paid order gets its sale entry once. An order imported as refunded that had been credited gets a
reversing entry for what is left (key `refund:order:{order id}`); one never credited gets nothing.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from core.domain import Order, OrderStatus
from core.ports import UnitOfWork
from copilot.sales.ledger import Settlement, post_refund, sale_key, settle
from copilot.sales.policy import DEFAULT_TIMEZONE, SalesPolicy

_BATCH = 500


def settle_orders(uow: UnitOfWork, order_ids: Sequence[int], now: datetime, *,
                  timezone: str = DEFAULT_TIMEZONE) -> list[Settlement]:
    """Post ledger entries for stored orders (database ids). Safe to repeat: nothing is posted twice.
    Runs in the caller's unit of work; the caller commits."""
    policy = SalesPolicy.load(uow, timezone)
    stores = {s.id: s.external_id for s in uow.stores.list()}
    done: list[Settlement] = []
    for start in range(0, len(order_ids), _BATCH):
        for order in uow.sales.orders(list(order_ids[start : start + _BATCH])):
            if order.status == OrderStatus.PAID:
                done.append(settle_order(uow, order, now, policy, stores))
            else:
                _reverse_rest(uow, order, now, policy)
    return done


def settle_order(uow: UnitOfWork, order: Order, now: datetime, policy: SalesPolicy,
                 stores: dict[int, str] | None = None) -> Settlement:
    if stores is None:
        stores = {s.id: s.external_id for s in uow.stores.list()}
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
