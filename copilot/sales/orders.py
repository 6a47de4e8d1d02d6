"""An order pushed by the shop or POS: validated, stored once, attributed and posted to the ledger.

Idempotent by order id: the same order again is a replay (same answer, nothing changes); the same
id with different content is a conflict. Two requests racing with one order id meet at the unique
external id: one inserts, the other finds the winner's row and answers as a replay.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from core.domain import Customer, Order, OrderLine, Product, Staff, Store
from core.errors import Conflict, InvalidInput
from core.ports import LedgerEntry, Notifier, UnitOfWork, UnitOfWorkFactory
from copilot.sales import notices
from copilot.sales.ledger import sale_key, settle
from copilot.sales.policy import DEFAULT_TIMEZONE, SalesPolicy
from copilot.sales.schemas import OrderIn


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a webhook answers; `replay` is True when nothing new was stored."""

    body: dict
    replay: bool


@dataclass(frozen=True, slots=True)
class _Refs:
    customer: Customer
    store: Store
    guide: Staff | None
    products: dict[str, Product]


@dataclass(frozen=True, slots=True)
class Booking:
    """What booking an order did: the answer, and the notices to send once it is committed."""

    receipt: Receipt
    notices: list[notices.Notice]


def receive_order(uow_factory: UnitOfWorkFactory, incoming: OrderIn, now: datetime, *,
                  timezone: str = DEFAULT_TIMEZONE, notifier: Notifier | None = None) -> Receipt:
    """Book an order in its own unit of work, then tell the credited guide."""
    with uow_factory() as uow:
        booking = book_order(uow, incoming, now, timezone=timezone)
        uow.commit()
    notices.send(notifier, booking.notices)
    return booking.receipt


def book_order(uow: UnitOfWork, incoming: OrderIn, now: datetime, *,
               timezone: str = DEFAULT_TIMEZONE) -> Booking:
    """Validate, store, attribute and credit one order in the caller's unit of work (the caller
    commits, then sends the notices: a rolled-back sale must not have been announced)."""
    policy = SalesPolicy.load(uow, timezone)
    if incoming.currency and incoming.currency.upper() != policy.currency:
        raise InvalidInput(f"currency {incoming.currency!r}: this brand's books are in {policy.currency}")
    refs = _resolve(uow, incoming)
    header, lines = _rows(incoming, refs)
    existing = uow.orders.get_by_external(incoming.order_id)
    order_id = None if existing else uow.sales.insert_order(header)
    if order_id is None:  # seen before, or a concurrent request won the insert
        existing = existing or uow.orders.get_by_external(incoming.order_id)
        _check_same(existing, header, lines)
        return Booking(Receipt(order_result(uow, existing, uow.ledger.get(sale_key(existing))), replay=True), [])
    uow.bulk.insert("order_lines", [{**line, "order_id": order_id} for line in lines])
    uow.sales.refresh_customer(refs.customer.id)
    order = _order(order_id, header, lines)
    settlement = settle(uow, order, now, policy, store_code=refs.store.external_id,
                        owner_id=refs.customer.owner_id)
    told = notices.sale_notices(uow, [settlement], policy.currency)
    return Booking(Receipt(order_result(uow, order, settlement.entry), replay=False), told)


def order_result(uow: UnitOfWork, order: Order, entry: LedgerEntry | None) -> dict:
    """Built from what is stored (the order and its sale entry), so a replay answers the same."""
    guide = uow.staff.get(entry.guide_id) if entry else None
    campaign = uow.sales.campaign_names([entry.campaign_id]) if entry and entry.campaign_id else {}
    return {
        "order_id": order.external_id,
        "total": str(sum((line.amount for line in order.lines), Decimal("0.00"))),
        "guide_id": guide.external_id if guide else None,
        "attribution": entry.attribution if entry else "none",
        "campaign": campaign.get(entry.campaign_id) if entry else None,
        "commission": str(entry.commission if entry else Decimal("0.00")),
        "ledger_month": entry.month if entry else None,
    }


def _resolve(uow: UnitOfWork, incoming: OrderIn) -> _Refs:
    customer = uow.customers.get_by_external(incoming.customer_id)
    store = uow.stores.get_by_external(incoming.store_id)
    guide = uow.staff.get_by_external(incoming.guide_id) if incoming.guide_id else None
    known = uow.sales.products([line.sku for line in incoming.lines])
    products = {line.sku: known.get(line.sku) for line in incoming.lines}
    unknown = [f"customer_id {incoming.customer_id!r}"] if customer is None else []
    unknown += [f"store_id {incoming.store_id!r}"] if store is None else []
    unknown += [f"guide_id {incoming.guide_id!r}"] if incoming.guide_id and guide is None else []
    unknown += [f"sku {sku!r}" for sku, product in products.items() if product is None]
    if unknown:
        raise InvalidInput("unknown " + ", ".join(unknown))
    return _Refs(customer, store, guide, products)


def _rows(incoming: OrderIn, refs: _Refs) -> tuple[dict, list[dict]]:
    lines = [{"sku": line.sku, "product_id": refs.products[line.sku].id, "quantity": line.quantity,
              "unit_price": line.unit_price, "amount": line.unit_price * line.quantity} for line in incoming.lines]
    header = {
        "external_id": incoming.order_id, "customer_id": refs.customer.id, "store_id": refs.store.id,
        "guide_id": refs.guide.id if refs.guide else None, "ordered_at": incoming.ordered_at,
        "status": "paid", "total": sum((line["amount"] for line in lines), Decimal(0)),
        "refunded": Decimal(0), "source": "webhook",
    }
    return header, lines


def _order(order_id: int, header: dict, lines: list[dict]) -> Order:
    """The order just inserted, as the domain object (no need to read back what we wrote)."""
    return Order(
        external_id=header["external_id"], customer_id=header["customer_id"], ordered_at=header["ordered_at"],
        lines=tuple(OrderLine(line["sku"], line["quantity"], line["unit_price"], line["product_id"]) for line in lines),
        store_id=header["store_id"], guide_id=header["guide_id"], total=header["total"], id=order_id,
    )


def _check_same(existing: Order, header: dict, lines: list[dict]) -> None:
    differences = [name for name, old, new in (
        ("customer", existing.customer_id, header["customer_id"]),
        ("store", existing.store_id, header["store_id"]),
        ("guide", existing.guide_id, header["guide_id"]),
        ("ordered_at", existing.ordered_at, header["ordered_at"]),
        ("lines", sorted((line.sku, line.quantity, line.unit_price) for line in existing.lines),
         sorted((line["sku"], line["quantity"], line["unit_price"]) for line in lines)),
    ) if old != new]
    if differences:
        raise Conflict(f"order {existing.external_id} was already received with a different "
                       f"{', '.join(differences)}; an order cannot be changed, refund it instead")
