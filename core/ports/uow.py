"""The unit of work: one transaction holding every repository."""
from __future__ import annotations

from typing import Protocol, Self

from core.ports.campaigns import CampaignRepository
from core.ports.contacts import BasketRepository, GuideActionRepository, OutreachRepository, ScoringRepository
from core.ports.customers import ConversationRepository, GuideLinkRepository, ProductListRepository
from core.ports.delivery import OutboxRepository, WorkerRepository
from core.ports.master import (
    BulkWriter, ContentRepository, CustomerRepository, OrderRepository, ProductRepository, StaffRepository,
    StoreRepository,
)
from core.ports.sales import LedgerRepository, SalesRepository
from core.ports.staff import InviteRepository, StaffSettingsRepository, TelegramAccountRepository


class UnitOfWork(Protocol):
    """One transaction. Leaving the `with` block without `commit()` rolls everything back."""

    stores: StoreRepository
    staff: StaffRepository
    customers: CustomerRepository
    products: ProductRepository
    content: ContentRepository
    orders: OrderRepository
    bulk: BulkWriter
    sales: SalesRepository
    ledger: LedgerRepository
    invites: InviteRepository
    staff_settings: StaffSettingsRepository
    telegram_accounts: TelegramAccountRepository
    scoring: ScoringRepository
    outreach: OutreachRepository
    guide_actions: GuideActionRepository
    baskets: BasketRepository
    guide_links: GuideLinkRepository
    conversations: ConversationRepository
    product_lists: ProductListRepository
    outbox: OutboxRepository
    campaigns: CampaignRepository
    workers: WorkerRepository

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...
