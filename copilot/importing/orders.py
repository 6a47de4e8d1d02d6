"""Order lines: one row per line; the lines of one order must agree on the order's header."""
from __future__ import annotations

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
        uow.bulk.upsert("orders", list(headers.values()))
        ids = uow.bulk.ids("orders", list(headers))
        return uow.bulk.upsert("order_lines", [
            {"order_id": ids[i.order_id], "sku": i.sku, "product_id": self.refs["products"][i.sku],
             "quantity": i.quantity, "unit_price": i.unit_price, "amount": i.unit_price * i.quantity}
            for i in items
        ])

    def _header(self, item: OrderLineIn) -> dict:
        return {
            "external_id": item.order_id, "customer_id": self.refs["customers"][item.customer_id],
            "ordered_at": item.ordered_at, "status": item.status,
            "store_id": self.refs["stores"].get(item.store_id) if item.store_id else None,
            "guide_id": self.refs["staff"].get(item.guide_id) if item.guide_id else None,
        }
