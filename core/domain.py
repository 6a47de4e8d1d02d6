"""Domain objects: what repositories return and the copilot works on. No ORM here.

Money is always `Decimal`; times are timezone-aware UTC `datetime`s; ids are the database's
integer ids, external ids are the brand's own codes (shown to people, used by importers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from core.person_names import greeting_name


class Role(StrEnum):
    GUIDE = "guide"
    MANAGER = "manager"
    ADMIN = "admin"


class Consent(StrEnum):
    UNKNOWN = "unknown"  # imported contact, reached by the guide personally
    GRANTED = "granted"  # started the brand bot and pressed the consent button
    REVOKED = "revoked"  # opted out: no outreach at all


class OrderStatus(StrEnum):
    PAID = "paid"
    REFUNDED = "refunded"


class ContentKind(StrEnum):
    ARTICLE = "article"
    SCRIPT = "script"
    BRIEF = "brief"


@dataclass(frozen=True, slots=True)
class Persona:
    display_name: str = ""
    tone: str = "warm"  # warm | formal | playful
    emoji: bool = True


@dataclass(frozen=True, slots=True)
class Store:
    external_id: str
    name: str
    city: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Staff:
    external_id: str
    name: str
    role: Role
    store_id: int | None = None
    telegram_user_id: int | None = None
    monthly_target: Decimal = Decimal("0")
    language: str = "zh"
    persona: Persona = Persona()
    daily_budget: int = 20
    active: bool = True
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Customer:
    external_id: str
    name: str
    owner_id: int | None = None
    store_id: int | None = None
    phone: str = ""
    gender: str = ""
    birthday: date | None = None
    language: str = "zh"
    tags: tuple[str, ...] = ()
    consent: Consent = Consent.UNKNOWN
    joined_at: datetime | None = None
    first_order_at: datetime | None = None
    last_order_at: datetime | None = None
    telegram_user_id: int | None = None
    id: int | None = None

    @property
    def first_name(self) -> str:
        """What a draft may call them (never the full name, phone or address); "" when the name's
        order is unclear, so the draft greets neutrally (core/person_names.py)."""
        return greeting_name(self.name, self.gender)


@dataclass(frozen=True, slots=True)
class Product:
    sku: str
    name: str
    category: str
    price: Decimal
    description: str = ""
    brand: str = ""
    currency: str = "CNY"
    language: str = "zh"
    tags: tuple[str, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)
    # Other languages: {"en": {"name": ..., "description": ...}}
    i18n: dict[str, dict[str, str]] = field(default_factory=dict)
    in_stock: bool = True
    active: bool = True
    usage_cycle_days: int | None = None  # None: not a consumable
    id: int | None = None

    def name_in(self, language: str) -> str:
        return self.i18n.get(language, {}).get("name") or self.name

    def description_in(self, language: str) -> str:
        return self.i18n.get(language, {}).get("description") or self.description

    @property
    def consumable(self) -> bool:
        return self.usage_cycle_days is not None


@dataclass(frozen=True, slots=True)
class ContentDoc:
    external_id: str
    kind: ContentKind
    title: str
    body: str
    language: str = "zh"
    tags: tuple[str, ...] = ()
    id: int | None = None


@dataclass(frozen=True, slots=True)
class OrderLine:
    sku: str
    quantity: int
    unit_price: Decimal
    product_id: int | None = None

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True, slots=True)
class Order:
    external_id: str
    customer_id: int
    ordered_at: datetime
    lines: tuple[OrderLine, ...] = ()
    store_id: int | None = None
    guide_id: int | None = None
    status: OrderStatus = OrderStatus.PAID
    total: Decimal = Decimal("0")
    id: int | None = None
