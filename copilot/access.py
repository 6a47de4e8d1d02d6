"""Who may see or do what: the one place that decides it.

Guides see and act on their own customers; a store manager on their store's customers and guides;
an admin on everything. Every use case asks here, so a forged button or API call is refused the same
way everywhere. A missing record is refused like a foreign one, so ids cannot be probed.
"""
from __future__ import annotations

from core.domain import Consent, Customer, Role, Staff
from core.errors import NotAllowed
from core.ports import UnitOfWork

MANAGING_ROLES = (Role.MANAGER, Role.ADMIN)


def is_manager(staff: Staff) -> bool:
    return staff.role in MANAGING_ROLES


def require_manager(staff: Staff | None) -> Staff:
    if staff is None or not is_manager(staff):
        raise NotAllowed(f"staff {staff.id if staff else None} is not a manager")
    return staff


def team_store(manager: Staff) -> int | None:
    """The store whose guides a manager answers for; None for an admin or a manager of no store (all)."""
    require_manager(manager)
    return None if manager.role is Role.ADMIN else manager.store_id


def may_manage(acting: Staff, other: Staff) -> bool:
    """A manager manages their store's staff; an admin everyone."""
    return is_manager(acting) and (acting.role is Role.ADMIN or acting.store_id == other.store_id)


def may_see(staff: Staff, customer: Customer) -> bool:
    if customer.owner_id == staff.id or staff.role is Role.ADMIN:
        return True
    return staff.role is Role.MANAGER and staff.store_id is not None and customer.store_id == staff.store_id


def authorize(uow: UnitOfWork, staff: Staff, customer_id: int) -> Customer:
    """The customer, if `staff` may see them (else NotAllowed)."""
    customer = uow.customers.get(customer_id)
    if customer is not None and may_see(staff, customer):
        return customer
    raise NotAllowed(f"staff {staff.id} may not see customer {customer_id}")


def can_message(customer: Customer) -> bool:
    """The bot can only write to customers who started it and agreed to messages."""
    return customer.telegram_user_id is not None and customer.consent is Consent.GRANTED
