"""Per-kind import rules: reference checks, in-file duplicate checks and the rows written."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from core.ports import UnitOfWork, UpsertResult
from copilot.importing.schemas import (
    ContentIn, CustomerIn, ProductIn, RowModel, StaffIn, StoreIn,
)

Problem = tuple[str, str, str]  # (column, value, reason)


@dataclass
class Handler:
    """Base: duplicate keys inside one file are rejected, the first occurrence wins."""

    language: str = "zh"
    seen: dict[int, int] = field(default_factory=dict)  # hash(key) -> first line
    refs: dict[str, dict[str, int]] = field(default_factory=dict)

    def prepare(self, uow: UnitOfWork) -> None:
        pass

    def key(self, item: RowModel) -> tuple:
        raise NotImplementedError

    def check(self, item: RowModel, line: int) -> list[Problem]:
        # Hashing keeps a 1M-row file's key set small; a 64-bit collision is vanishingly unlikely.
        digest = hash(self.key(item))
        first = self.seen.setdefault(digest, line)
        if first != line:
            return [(self.key_column, "/".join(map(str, self.key(item))), f"duplicate of line {first}")]
        return self.check_refs(item)

    key_column = ""

    def check_refs(self, item: RowModel) -> list[Problem]:
        return []

    def _ref(self, kind: str, column: str, value: str | None) -> list[Problem]:
        if value is None or value in self.refs[kind]:
            return []
        return [(column, value, f"unknown {kind[:-1] if kind != 'staff' else 'staff member'}")]

    def write(self, uow: UnitOfWork, items: Sequence[RowModel]) -> UpsertResult:
        raise NotImplementedError

    def reject(self, raw: dict[str, str]) -> None:
        """A row was rejected (with --skip-invalid the run goes on)."""

    def finish(self, uow: UnitOfWork) -> int:
        """Called once the whole file is written, before commit; returns the rows deleted."""
        return 0


class StoresHandler(Handler):
    key_column = "store_id"

    def key(self, item: StoreIn) -> tuple:
        return (item.store_id,)

    def write(self, uow, items):
        return uow.bulk.upsert("stores", [{"external_id": i.store_id, "name": i.name, "city": i.city} for i in items])


class StaffHandler(Handler):
    """Staff rows create the stores they name, so a brand can start from one staff file."""

    key_column = "staff_id"

    def key(self, item: StaffIn) -> tuple:
        return (item.staff_id,)

    def write(self, uow, items):
        stores = uow.stores.ids_by_external()
        missing = {i.store_id: i.store_name or i.store_id for i in items if i.store_id not in stores}
        if missing:
            uow.bulk.upsert("stores", [{"external_id": k, "name": v, "city": ""} for k, v in missing.items()])
            stores = uow.stores.ids_by_external()
        return uow.bulk.upsert("staff", [_staff_row(i, stores) for i in items])


def _staff_row(item: StaffIn, stores: dict[str, int]) -> dict:
    return {
        "external_id": item.staff_id, "name": item.name, "role": item.role,
        "store_id": stores[item.store_id], "telegram_user_id": item.telegram_user_id,
        "monthly_target": item.monthly_target, "language": item.language,
    }


class CustomersHandler(Handler):
    key_column = "customer_id"

    def prepare(self, uow):
        self.refs = {"stores": uow.stores.ids_by_external(), "staff": uow.staff.ids_by_external()}
        self.staff_store = {s.id: s.store_id for s in uow.staff.list()}

    def key(self, item: CustomerIn) -> tuple:
        return (item.customer_id,)

    def check_refs(self, item: CustomerIn) -> list[Problem]:
        return self._ref("staff", "guide_id", item.guide_id) + self._ref("stores", "store_id", item.store_id)

    def write(self, uow, items):
        return uow.bulk.upsert("customers", [self._row(i) for i in items])

    def _row(self, item: CustomerIn) -> dict:
        owner = self.refs["staff"].get(item.guide_id) if item.guide_id else None
        store = self.refs["stores"][item.store_id] if item.store_id else self.staff_store.get(owner)
        gender = {"f": "F", "female": "F", "女": "F", "m": "M", "male": "M", "男": "M"}.get(
            item.gender.lower() if item.gender.isascii() else item.gender, item.gender)
        return {
            "external_id": item.customer_id, "name": item.name, "owner_id": owner, "store_id": store,
            "phone": item.phone, "birthday": item.birthday, "gender": gender,
            "language": item.language or self.language, "tags": list(item.tags),
            "joined_at": item.joined_at,
        }


class ProductsHandler(Handler):
    key_column = "sku"

    def key(self, item: ProductIn) -> tuple:
        return (item.sku,)

    def write(self, uow, items):
        return uow.bulk.upsert("products", [self._row(i) for i in items])

    def _row(self, item: ProductIn) -> dict:
        language = item.language or self.language
        i18n = {
            lang: {"name": name, "description": desc}
            for lang, name, desc in (("en", item.name_en, item.description_en), ("zh", item.name_zh, item.description_zh))
            if name and lang != language
        }
        return {
            "sku": item.sku, "name": item.name, "category": item.category, "brand": item.brand,
            "price": item.price, "currency": item.currency, "description": item.description,
            "tags": list(item.tags), "i18n": i18n, "in_stock": item.in_stock, "active": item.active,
            "usage_cycle_days": item.usage_cycle_days, "language": language,
        }


class ContentHandler(Handler):
    key_column = "content_id"

    def key(self, item: ContentIn) -> tuple:
        return (item.content_id,)

    def write(self, uow, items):
        return uow.bulk.upsert("content", [
            {"external_id": i.content_id, "kind": i.kind, "title": i.title, "body": i.body,
             "language": i.language or self.language, "tags": list(i.tags)}
            for i in items
        ])


class CommissionRulesHandler(Handler):
    key_column = "scope_ref"

    def key(self, item) -> tuple:
        return (item.scope, item.scope_ref, item.kind)

    def write(self, uow, items):
        return uow.bulk.upsert("commission_rules", [
            {"scope": i.scope, "scope_ref": i.scope_ref, "kind": i.kind, "rate": i.rate, "amount": i.amount,
             "active": True}
            for i in items
        ])
