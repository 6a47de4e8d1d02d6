"""Who is talking to the bot: a staff member, a customer, or nobody we know."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from copilot.access import is_manager
from core.domain import Customer, Role, Staff
from core.ports import UnitOfWork


class Kind(StrEnum):
    STAFF = "staff"
    CUSTOMER = "customer"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Identity:
    telegram_user_id: int
    kind: Kind = Kind.UNKNOWN
    staff: Staff | None = None
    customer: Customer | None = None

    @property
    def role(self) -> Role | None:
        return self.staff.role if self.staff else None

    @property
    def is_manager(self) -> bool:
        return self.staff is not None and is_manager(self.staff)

    @property
    def language(self) -> str | None:
        person = self.staff or self.customer
        return person.language if person else None


def identify(uow: UnitOfWork, telegram_user_id: int) -> Identity:
    """Staff first (a staff member may also shop with the brand), then customers, else unknown."""
    staff = uow.staff.get_by_telegram(telegram_user_id)
    if staff is not None and staff.active:
        return Identity(telegram_user_id, Kind.STAFF, staff=staff)
    customer = uow.telegram_accounts.customer(telegram_user_id)
    if customer is not None:
        return Identity(telegram_user_id, Kind.CUSTOMER, customer=customer)
    return Identity(telegram_user_id)
