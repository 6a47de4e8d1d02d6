"""Row -> domain object conversions; repositories hand out domain objects, never rows."""
from __future__ import annotations

from core.domain import (
    Consent, ContentDoc, ContentKind, Customer, Order, OrderLine, OrderStatus, Persona, Product,
    Role, Staff, Store,
)
from db.tables import ContentRow, CustomerRow, OrderLineRow, OrderRow, ProductRow, StaffRow, StoreRow


def store(row: StoreRow) -> Store:
    return Store(external_id=row.external_id, name=row.name, city=row.city, id=row.id)


def staff(row: StaffRow) -> Staff:
    return Staff(
        external_id=row.external_id, name=row.name, role=Role(row.role), store_id=row.store_id,
        telegram_user_id=row.telegram_user_id, monthly_target=row.monthly_target,
        language=row.language, daily_budget=row.daily_budget, active=row.active, id=row.id,
        persona=Persona(row.persona_name or row.name, row.persona_tone, row.persona_emoji),
    )


def customer(row: CustomerRow) -> Customer:
    return Customer(
        external_id=row.external_id, name=row.name, owner_id=row.owner_id, store_id=row.store_id,
        phone=row.phone, gender=row.gender, birthday=row.birthday, language=row.language,
        tags=tuple(row.tags or ()), consent=Consent(row.consent), joined_at=row.joined_at,
        first_order_at=row.first_order_at, last_order_at=row.last_order_at,
        telegram_user_id=row.telegram_user_id, id=row.id,
    )


def product(row: ProductRow) -> Product:
    return Product(
        sku=row.sku, name=row.name, category=row.category, price=row.price,
        description=row.description, brand=row.brand, currency=row.currency,
        language=row.language, tags=tuple(row.tags or ()), attributes=dict(row.attributes or {}),
        i18n=dict(row.i18n or {}), in_stock=row.in_stock, active=row.active,
        usage_cycle_days=row.usage_cycle_days, id=row.id,
    )


def content(row: ContentRow) -> ContentDoc:
    return ContentDoc(
        external_id=row.external_id, kind=ContentKind(row.kind), title=row.title, body=row.body,
        language=row.language, tags=tuple(row.tags or ()), id=row.id,
    )


def order(row: OrderRow, lines: list[OrderLineRow]) -> Order:
    return Order(
        external_id=row.external_id, customer_id=row.customer_id, ordered_at=row.ordered_at,
        lines=tuple(
            OrderLine(sku=line.sku, quantity=line.quantity, unit_price=line.unit_price, product_id=line.product_id)
            for line in lines
        ),
        store_id=row.store_id, guide_id=row.guide_id, status=OrderStatus(row.status),
        total=row.total, id=row.id,
    )
