"""Ports: what the copilot needs from the outside world, as Protocols, one module per area.

`db/`, `knowledge/` and the network adapters implement these; `copilot/` only ever sees the Protocols,
so it can be tested with the real SQLite/Chroma parts or run in a batch job alike. Import from
`core.ports`; the modules are an index for readers.
"""
from core.ports.master import Clock, StoreRepository, StaffRepository, CustomerRepository, ProductRepository, ContentRepository, OrderRepository, UpsertResult, BulkWriter
from core.ports.staff import StaffInvite, InviteRepository, StaffSettings, StaffSettingsRepository, TelegramAccountRepository
from core.ports.contacts import ScoringRepository, OutreachRepository, GuideActionRepository, BasketRepository
from core.ports.uow import UnitOfWork, UnitOfWorkFactory
from core.ports.knowledge import SearchFilters, ProductHit, ContentHit, KnowledgeSearch
from core.ports.sales import (
    Booked, CommissionRule, DatedAmount, GuideRef, LedgerEntry, LedgerLine, LedgerRepository, Notifier, OrderBalance,
    OrderContext, OrderQuery, Refund, SalesRepository, Touch,
)
from core.ports.delivery import DeliveryRetryAfter, DeliveryBlocked, DeliveryTransient, OutboxItem, Messenger, OutboxRepository, WorkerBeat, WorkerRepository
from core.ports.customers import GuideLinkRepository, NewCustomer, ConversationMessage, ConversationRepository, ProductListRecord, ProductListRepository
from core.ports.campaigns import OPEN_TASK_STATUSES, Campaign, CareTask, BrandKeys, CampaignRepository

__all__ = [
    "OPEN_TASK_STATUSES",
    "BasketRepository",
    "Booked",
    "BrandKeys",
    "BulkWriter",
    "Campaign",
    "CampaignRepository",
    "CareTask",
    "Clock",
    "CommissionRule",
    "ContentHit",
    "ContentRepository",
    "ConversationMessage",
    "ConversationRepository",
    "CustomerRepository",
    "DatedAmount",
    "DeliveryBlocked",
    "DeliveryRetryAfter",
    "DeliveryTransient",
    "GuideActionRepository",
    "GuideRef",
    "GuideLinkRepository",
    "InviteRepository",
    "KnowledgeSearch",
    "LedgerEntry",
    "LedgerLine",
    "LedgerRepository",
    "Messenger",
    "NewCustomer",
    "Notifier",
    "OrderBalance",
    "OrderContext",
    "OrderQuery",
    "OrderRepository",
    "OutboxItem",
    "OutboxRepository",
    "OutreachRepository",
    "ProductHit",
    "ProductListRecord",
    "ProductListRepository",
    "ProductRepository",
    "Refund",
    "SalesRepository",
    "ScoringRepository",
    "SearchFilters",
    "StaffInvite",
    "StaffRepository",
    "StaffSettings",
    "StaffSettingsRepository",
    "StoreRepository",
    "TelegramAccountRepository",
    "Touch",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "UpsertResult",
    "WorkerBeat",
    "WorkerRepository",
]
