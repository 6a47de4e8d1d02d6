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

Set-based: per batch of orders, one read each for their sale entries, owners, touches and
categories, and one insert of all new entries; rules, stores and closed months are read once.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from core.domain import Order, OrderStatus
from core.ports import CommissionRule, LedgerEntry, UnitOfWork
from copilot.sales.credit import SaleFacts, attribution_of, sale_entry, sale_key
from copilot.sales.ledger import Settlement, post_adjustment, post_refund
from copilot.sales.policy import DEFAULT_TIMEZONE, SalesPolicy

_BATCH = 500


@dataclass(frozen=True, slots=True)
class _Books:
    """What every order of a run is settled against."""

    stores: dict[int, str]  # store id -> store code (commission rules name stores by code)
    rules: list[CommissionRule]
    closed_months: set[str]

    @classmethod
    def read(cls, uow: UnitOfWork) -> _Books:
        # The lock comes before reading closed months, so a close running concurrently is either
        # seen here or waits for these entries to commit first.
        uow.ledger.lock()
        return cls({s.id: s.external_id for s in uow.stores.list()}, uow.ledger.rules(), uow.ledger.closed_months())


def settle_orders(uow: UnitOfWork, order_ids: Sequence[int], now: datetime, *,
                  timezone: str = DEFAULT_TIMEZONE) -> list[Settlement]:
    """Post ledger entries for stored orders (database ids). Safe to repeat: nothing is posted twice.
    Runs in the caller's unit of work; the caller commits."""
    policy = SalesPolicy.load(uow, timezone)
    books = _Books.read(uow) if order_ids else None
    done: list[Settlement] = []
    for orders in _batches(uow, order_ids):
        # Runs of paid orders are settled together; in between, refunded ones in their turn, so
        # entries are written in the order of the orders, as one by one.
        for paid, run in groupby(orders, key=lambda o: o.status == OrderStatus.PAID):
            if paid:
                done += _settle_paid(uow, list(run), now, policy, books)
            else:
                for order in run:
                    _reverse_rest(uow, order, now, policy)
    return done


def settle_order(uow: UnitOfWork, order: Order, now: datetime, policy: SalesPolicy) -> Settlement:
    """One stored order, e.g. an imported one being refunded before it was ever settled."""
    (settlement,) = _settle_paid(uow, [order], now, policy, _Books.read(uow))
    return settlement


def adjust_orders(uow: UnitOfWork, order_ids: Sequence[int], now: datetime, *,
                  timezone: str = DEFAULT_TIMEZONE) -> list[LedgerEntry]:
    """Adjusting entries for credited paid orders whose lines no longer match their sale entry
    (`uow.sales.drifted_order_ids(re-imported order ids)`). Safe to repeat; the caller commits."""
    policy = SalesPolicy.load(uow, timezone)
    stores = {s.id: s.external_id for s in uow.stores.list()}
    posted: list[LedgerEntry] = []
    for orders in _batches(uow, order_ids):
        for order in orders:
            if order.status == OrderStatus.PAID:
                entry = post_adjustment(uow, order, now, policy, store_code=stores.get(order.store_id, ""))
                if entry is not None:
                    posted.append(entry)
    return posted


def _settle_paid(uow: UnitOfWork, orders: list[Order], now: datetime, policy: SalesPolicy,
                 books: _Books) -> list[Settlement]:
    if not orders:
        return []
    stored = uow.ledger.get_many([sale_key(o.external_id) for o in orders])
    todo = [o for o in orders if sale_key(o.external_id) not in stored]
    customers = sorted({o.customer_id for o in todo})
    owners = uow.sales.owners(customers)
    touches = uow.sales.touches_of(customers, min((o.ordered_at for o in todo), default=now) - policy.window,
                                   max((o.ordered_at for o in todo), default=now))
    categories = uow.sales.categories(sorted({line.sku for o in todo for line in o.lines}))
    credited = {}
    for order in todo:
        facts = SaleFacts(touches.get(order.customer_id, []), owners.get(order.customer_id),
                          books.stores.get(order.store_id, ""), categories, books.rules, books.closed_months)
        credited[order.id] = sale_entry(order, facts, policy, now)
    new = uow.ledger.append_many([entry for _, entry in credited.values() if entry is not None])
    # A concurrent settlement may have written some of them first: those answer as stored.
    raced = uow.ledger.get_many([e.entry_key for _, e in credited.values() if e and e.entry_key not in new])
    done = []
    for order in orders:
        if sale_key(order.external_id) in stored:
            entry = stored[sale_key(order.external_id)]
            done.append(Settlement(order, attribution_of(entry, policy), entry, new=False))
            continue
        credit, entry = credited[order.id]
        if entry is not None and entry.entry_key not in new:
            entry = raced[entry.entry_key]
        done.append(Settlement(order, credit, entry, new=entry is not None and entry.entry_key in new))
    return done


def _batches(uow: UnitOfWork, order_ids: Sequence[int]) -> Iterator[list[Order]]:
    for start in range(0, len(order_ids), _BATCH):
        yield uow.sales.orders(list(order_ids[start : start + _BATCH]))


def _reverse_rest(uow: UnitOfWork, order: Order, now: datetime, policy: SalesPolicy) -> None:
    if uow.ledger.get(sale_key(order.external_id)) is None:
        return
    balance = uow.sales.lock_order(order.id)
    rest = balance.total - balance.refunded
    if rest > 0:
        post_refund(uow, order, f"refund:order:{order.external_id}", rest, True, now, policy)
        uow.sales.set_refunded(order.id, balance.total, OrderStatus.REFUNDED.value)
