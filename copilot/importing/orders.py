"""Order lines: one row per line; the lines of one order must agree on the order's header.

A re-imported order becomes exactly its lines in the file: stored lines the file no longer has are
deleted. They can only be told apart once the whole file is read (an order's lines may be spread
over batches), so each batch notes the stored lines it did not match and `finish` deletes those
still unmatched at the end. With --skip-invalid an order with a rejected line is incomplete in the
file: its valid lines are written, but none of its stored lines is deleted.
"""
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
        self.unmatched: dict[int, tuple[int, str]] = {}  # stored line id -> (hash of key, order id)
        self.incomplete: set[str] = set()  # order ids with a rejected line
        self.reimported: set[int] = set()  # stored orders the file has again: only these can drift
        self.written: set[int] = set()  # every order of the file: their totals follow their lines

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

    def reject(self, raw):
        self.incomplete.add((raw.get("order_id") or "").strip())

    def finish(self, uow):
        # `seen` holds the hash of every (order id, sku) of the file, so it tells which of the
        # lines unmatched by their own batch a later batch matched after all.
        gone = [line for line, (key, order) in self.unmatched.items()
                if key not in self.seen and order not in self.incomplete]
        return uow.bulk.delete("order_lines", gone)

    def write(self, uow, items):
        headers = {i.order_id: self._header(i) for i in items}
        existed = uow.bulk.ids("orders", list(headers))
        # Lines of an order that did not exist before are all new: skip the per-row comparison.
        fresh = [h for key, h in headers.items() if key not in existed]
        uow.bulk.insert("orders", fresh)
        uow.bulk.upsert("orders", [h for key, h in headers.items() if key in existed])
        ids = {**existed, **uow.bulk.ids("orders", [h["external_id"] for h in fresh])}
        lines = [self._line(i, ids[i.order_id]) for i in items]
        new = uow.bulk.insert("order_lines", [line for line, i in zip(lines, items) if i.order_id not in existed])
        absent: list[dict] = []
        old = uow.bulk.upsert("order_lines", [line for line, i in zip(lines, items) if i.order_id in existed],
                              absent=absent)
        self._note_unmatched(absent, {v: k for k, v in existed.items()})
        self.reimported.update(existed.values())
        self.written.update(ids.values())
        return UpsertResult(new.inserted + old.inserted, old.updated, old.unchanged)

    def _note_unmatched(self, absent: list[dict], external: dict[int, str]) -> None:
        for line in absent:
            order = external[line["order_id"]]
            self.unmatched[line["id"]] = (hash((order, line["sku"])), order)

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
