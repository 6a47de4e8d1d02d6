"""A refund pushed by the shop or POS: by returned lines or by amount, full or partial.

Idempotent by refund id, like orders. The order row is locked while a refund is checked, so two
different refunds of one order cannot together give back more than was paid.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from decimal import Decimal

from core.domain import Order
from core.errors import Conflict, InvalidInput, NotFound
from core.ports import OrderBalance, Refund, UnitOfWork, UnitOfWorkFactory
from copilot.sales.commissions import cents
from copilot.sales.ledger import post_refund
from copilot.sales.orders import Receipt
from copilot.sales.policy import DEFAULT_TIMEZONE, SalesPolicy
from copilot.sales.schemas import RefundIn
from copilot.sales.settlement import settle_order


def receive_refund(uow_factory: UnitOfWorkFactory, order_external_id: str, incoming: RefundIn,
                   now: datetime, *, timezone: str = DEFAULT_TIMEZONE) -> Receipt:
    with uow_factory() as uow:
        receipt = book_refund(uow, order_external_id, incoming, now, timezone=timezone)
        uow.commit()
    return receipt


def book_refund(uow: UnitOfWork, order_external_id: str, incoming: RefundIn, now: datetime, *,
                timezone: str = DEFAULT_TIMEZONE) -> Receipt:
    """Check and book one refund in the caller's unit of work; the caller commits."""
    policy = SalesPolicy.load(uow, timezone)
    order = uow.orders.get_by_external(order_external_id)
    if order is None:
        raise NotFound(f"unknown order {order_external_id!r}")
    refund = Refund(incoming.refund_id, order.id, _amount(order, incoming), incoming.request(), now)
    # Lock the order before inserting the refund (whose foreign key would share-lock the row
    # and deadlock two refunds on PostgreSQL), and read the balance only after the insert,
    # which is when SQLite grants this transaction the write lock.
    uow.sales.lock_order(order.id)
    seen = uow.sales.refund(refund.external_id)
    if seen is not None or not uow.sales.insert_refund(refund):
        return _replay(uow, order, seen or uow.sales.refund(refund.external_id), refund)
    balance = uow.sales.lock_order(order.id)
    _check_room(uow, order, refund, balance)
    settle_order(uow, order, now, policy)  # an imported order never settled is credited first
    refunded = balance.refunded + refund.amount
    full = refunded >= balance.total
    uow.sales.set_refunded(order.id, refunded, "refunded" if full else "paid")
    if full:
        uow.sales.refresh_customer(order.customer_id)
    post_refund(uow, order, refund_key(refund.external_id), refund.amount, full, now, policy)
    return Receipt(refund_result(uow, order, refund), replay=False)


def refund_key(refund_id: str) -> str:
    return f"refund:{refund_id}"


def refund_result(uow: UnitOfWork, order: Order, refund: Refund) -> dict:
    entry = uow.ledger.get(refund_key(refund.external_id))
    return {
        "refund_id": refund.external_id, "order_id": order.external_id, "amount": str(refund.amount),
        "commission": str(entry.commission if entry else Decimal("0.00")),
        "ledger_month": entry.month if entry else None,
    }


def _amount(order: Order, incoming: RefundIn) -> Decimal:
    if incoming.amount is not None:
        return cents(incoming.amount)  # as stored, so the first answer and a replay's agree
    prices = {line.sku: line.unit_price for line in order.lines}
    missing = [line.sku for line in incoming.lines if line.sku not in prices]
    if missing:
        raise InvalidInput(f"sku {', '.join(map(repr, missing))} is not on order {order.external_id}")
    return sum((prices[line.sku] * line.quantity for line in incoming.lines), Decimal(0))


def _replay(uow: UnitOfWork, order: Order, seen: Refund, asked: Refund) -> Receipt:
    if seen.order_id != order.id or seen.request != asked.request:
        raise Conflict(f"refund {seen.external_id} was already received with different content; "
                       "use a new refund id for a new refund")
    return Receipt(refund_result(uow, order, seen), replay=True)


def _check_room(uow: UnitOfWork, order: Order, refund: Refund, balance: OrderBalance) -> None:
    left = Decimal(0) if balance.status == "refunded" else balance.total - balance.refunded
    if refund.amount > left:
        raise Conflict(f"refund {refund.external_id} of {refund.amount} exceeds the {left} "
                       f"still refundable on order {order.external_id}")
    if "lines" not in refund.request:
        return
    returned: Counter[str] = Counter()
    for earlier in uow.sales.refunds_for_order(order.id):
        if earlier.external_id != refund.external_id:
            returned.update(dict(earlier.request.get("lines", [])))
    bought = {line.sku: line.quantity for line in order.lines}
    for sku, quantity in refund.request["lines"]:
        if returned[sku] + quantity > bought[sku]:
            raise Conflict(f"refund {refund.external_id}: {returned[sku] + quantity} x {sku} returned "
                           f"but only {bought[sku]} bought on order {order.external_id}")
