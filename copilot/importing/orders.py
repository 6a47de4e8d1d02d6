"""Order lines: one row per line; the lines of one order must agree on the order's header."""
from __future__ import annotations

from core.ports import UpsertResult
from copilot.importing.kinds import Handler, Problem
from copilot.importing.schemas import OrderLineIn


class OrdersHandler(Handler):
    key_column = "order_id"

    def prepare(self, uow):
        self.refs = {
            "customers": uow.customers.ids_by_external(), "products": uow.products.ids_by_sku(),
            "stores": uow.stores.ids_by_external(), "staff": uow.staff.ids_by_external(),
        }
        self.headers: dict[str, tuple[int, int]] = {}  # order id -> (hash of header, first line)

    def key(self, item: OrderLineIn) -> tuple:
        return (item.order_id, item.sku)

    def check_refs(self, item: OrderLineIn) -> list[Problem]:
        problems = (
            self._ref("customers", "customer_id", item.customer_id)
            + self._ref("products", "sku", item.sku)
            + self._ref("stores", "store_id", item.store_id)
            + self._ref("staff", "guide_id", item.guide_id)
        )
        return problems or self._check_header(item)

    def _check_header(self, item: OrderLineIn) -> list[Problem]:
        header = hash((item.customer_id, item.ordered_at, item.store_id, item.guide_id, item.status))
        known = self.headers.setdefault(item.order_id, (header, -1))
        if known[0] != header:
            return [("order_id", item.order_id,
                     "customer, time, store, guide or status differ from another line of this order")]
        return []

    def write(self, uow, items):
        headers = {i.order_id: self._header(i) for i in items}
        existed = uow.bulk.ids("orders", list(headers))
        # Lines of an order that did not exist before are all new: skip the per-row comparison.
        fresh = [h for key, h in headers.items() if key not in existed]
        uow.bulk.insert("orders", fresh)
        uow.bulk.upsert("orders", [h for key, h in headers.items() if key in existed])
        ids = {**existed, **uow.bulk.ids("orders", [h["external_id"] for h in fresh])}
        lines = [self._line(i, ids[i.order_id]) for i in items]
        new = uow.bulk.insert("order_lines", [l for l, i in zip(lines, items) if i.order_id not in existed])
        old = uow.bulk.upsert("order_lines", [l for l, i in zip(lines, items) if i.order_id in existed])
        return UpsertResult(new.inserted + old.inserted, old.updated, old.unchanged)

    def _line(self, item: OrderLineIn, order_id: int) -> dict:
        return {"order_id": order_id, "sku": item.sku, "product_id": self.refs["products"][item.sku],
                "quantity": item.quantity, "unit_price": item.unit_price,
                "amount": item.unit_price * item.quantity}

    def _header(self, item: OrderLineIn) -> dict:
        return {
            "external_id": item.order_id, "customer_id": self.refs["customers"][item.customer_id],
            "ordered_at": item.ordered_at, "status": item.status,
            "store_id": self.refs["stores"].get(item.store_id) if item.store_id else None,
            "guide_id": self.refs["staff"].get(item.guide_id) if item.guide_id else None,
        }
