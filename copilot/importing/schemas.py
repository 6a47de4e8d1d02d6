"""One schema per import kind. Column aliases (lower-case, spaces as underscores) are documented in
the README; the schema field names are the canonical column names."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from core.fields import Code, Flag, Language, Money, RowModel, Tags, Text, Timestamp


class StoreIn(RowModel):
    store_id: Code
    name: Text
    city: str = ""


class StaffIn(RowModel):
    staff_id: Code
    name: Text
    role: Literal["guide", "manager", "admin"]
    store_id: Code
    store_name: str = ""
    telegram_user_id: int | None = Field(None, gt=0)
    monthly_target: Money = Decimal(0)
    language: Language = "zh"


class CustomerIn(RowModel):
    customer_id: Code
    name: Text
    guide_id: Code | None = None
    store_id: Code | None = None
    phone: str = Field("", max_length=32, pattern=r"^[0-9+\- ()]*$")
    birthday: date | None = None
    gender: Literal["F", "M", "f", "m", "female", "male", "女", "男", ""] = ""
    language: Language | None = None
    tags: Tags = ()
    joined_at: Timestamp | None = None


class ProductIn(RowModel):
    sku: Code
    name: Text
    category: Text
    price: Money
    description: str = ""
    in_stock: Flag = True
    active: Flag = True
    usage_cycle_days: int | None = Field(None, gt=0, le=3650)
    language: Language | None = None
    tags: Tags = ()
    brand: str = ""
    currency: str = Field("CNY", pattern=r"^[A-Z]{3}$")
    name_en: str = ""
    description_en: str = ""
    name_zh: str = ""
    description_zh: str = ""


class OrderLineIn(RowModel):
    order_id: Code
    customer_id: Code
    ordered_at: Timestamp
    sku: Code
    quantity: int = Field(gt=0, le=100_000)
    unit_price: Money
    store_id: Code | None = None
    guide_id: Code | None = None
    status: Literal["paid", "refunded"] = "paid"


class ContentIn(RowModel):
    content_id: Code
    title: Text
    body: str = Field(min_length=1)
    kind: Literal["article", "script", "brief"] = "article"
    language: Language | None = None
    tags: Tags = ()


class CommissionRuleIn(RowModel):
    """percent: `rate` of the line amount; fixed_per_item: `amount` per item; campaign_bonus:
    `amount` per order and/or `rate` of the order, on sales credited to campaign `scope_ref`."""

    scope: Literal["brand", "store", "category", "campaign"]
    scope_ref: str = ""
    kind: Literal["percent", "fixed_per_item", "campaign_bonus"]
    rate: Decimal | None = Field(None, ge=0, le=1, decimal_places=6)
    amount: Money | None = None

    @model_validator(mode="after")
    def _complete(self) -> CommissionRuleIn:
        if self.kind == "percent" and self.rate is None:
            raise ValueError("a percent rule needs a rate (0.03 = 3%)")
        if self.kind == "fixed_per_item" and self.amount is None:
            raise ValueError("a fixed_per_item rule needs an amount")
        if self.kind == "campaign_bonus" and self.rate is None and self.amount is None:
            raise ValueError("a campaign_bonus rule needs an amount or a rate")
        if (self.scope == "brand") != (self.scope_ref == ""):
            raise ValueError("scope_ref names the store, category or campaign (empty for brand)")
        return self


# Header aliases -> canonical names, per kind (applied after lower-casing the header).
ALIASES: dict[str, dict[str, str]] = {
    "stores": {"id": "store_id", "store": "store_id", "store_name": "name"},
    "staff": {"id": "staff_id", "guide_id": "staff_id", "employee_id": "staff_id", "store": "store_id",
              "target": "monthly_target", "telegram_id": "telegram_user_id", "lang": "language"},
    "customers": {"id": "customer_id", "member_id": "customer_id", "owner_id": "guide_id",
                  "guide": "guide_id", "staff_id": "guide_id", "store": "store_id", "mobile": "phone",
                  "sex": "gender", "lang": "language", "birth_date": "birthday", "joined": "joined_at"},
    "products": {"product_id": "sku", "item_code": "sku", "title": "name", "unit_price": "price",
                 "stock": "in_stock", "cycle_days": "usage_cycle_days", "lang": "language"},
    "orders": {"order_no": "order_id", "member_id": "customer_id", "date": "ordered_at",
               "order_date": "ordered_at", "product_id": "sku", "qty": "quantity", "price": "unit_price",
               "staff_id": "guide_id", "store": "store_id"},
    "commission_rules": {"type": "kind", "ref": "scope_ref", "percent": "rate"},
    "content": {"id": "content_id", "external_id": "content_id", "text": "body", "type": "kind",
                "lang": "language"},
}
SCHEMAS = {"stores": StoreIn, "staff": StaffIn, "customers": CustomerIn, "products": ProductIn,
           "orders": OrderLineIn, "content": ContentIn,
           "commission_rules": CommissionRuleIn}
