"""Ports: what the copilot needs from the outside world, as Protocols.

`db/`, `knowledge/` and the network adapters implement these; `copilot/` only ever sees the Protocols,
so it can be tested with the real SQLite/Chroma parts or run in a batch job alike.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Protocol, Self

from core.domain import ContentDoc, Customer, Order, Product, Staff, Store


class Clock(Protocol):
    def now(self) -> datetime: ...


class StoreRepository(Protocol):
    def get_by_external(self, external_id: str) -> Store | None: ...
    def ids_by_external(self) -> dict[str, int]: ...
    def list(self) -> list[Store]: ...


class StaffRepository(Protocol):
    def get(self, staff_id: int) -> Staff | None: ...
    def get_by_external(self, external_id: str) -> Staff | None: ...
    def get_by_telegram(self, telegram_user_id: int) -> Staff | None: ...
    def ids_by_external(self) -> dict[str, int]: ...
    def list(self, *, store_id: int | None = None) -> list[Staff]: ...


class CustomerRepository(Protocol):
    def get(self, customer_id: int) -> Customer | None: ...
    def get_by_external(self, external_id: str) -> Customer | None: ...
    def ids_by_external(self) -> dict[str, int]: ...
    def list_for_owner(self, owner_id: int) -> list[Customer]: ...
    def count(self) -> int: ...


class ProductRepository(Protocol):
    def get_by_sku(self, sku: str) -> Product | None: ...
    def ids_by_sku(self) -> dict[str, int]: ...
    def list(self, *, active_only: bool = False) -> list[Product]: ...


class ContentRepository(Protocol):
    def list(self) -> list[ContentDoc]: ...


class OrderRepository(Protocol):
    def get_by_external(self, external_id: str) -> Order | None: ...
    def list_for_customer(self, customer_id: int) -> list[Order]: ...
    def count(self) -> int: ...


@dataclass(frozen=True, slots=True)
class UpsertResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


class BulkWriter(Protocol):
    """Idempotent bulk upserts by external key, used by importers and the demo loader."""

    def upsert(self, kind: str, rows: Sequence[dict]) -> UpsertResult: ...
    def insert(self, kind: str, rows: Sequence[dict]) -> UpsertResult: ...
    def ids(self, kind: str, keys: Sequence[object]) -> dict[object, int]: ...
    def refresh_derived(self) -> None: ...


@dataclass(frozen=True, slots=True)
class StaffInvite:
    """A one-time onboarding invite. Only a hash of the code is stored, never the code itself."""

    code_hash: str
    staff_id: int
    expires_at: datetime
    used_at: datetime | None = None


class InviteRepository(Protocol):
    def add(self, invite: StaffInvite) -> None: ...
    def get(self, code_hash: str) -> StaffInvite | None: ...
    def mark_used(self, code_hash: str, used_at: datetime) -> bool:
        """True only for the one caller that turned it from unused to used (no double redeem)."""
        ...


@dataclass(frozen=True, slots=True)
class StaffSettings:
    """What a staff member changes about themselves in the bot's settings screen."""

    language: str = "zh"
    persona_name: str = ""  # empty: the staff member's own name
    persona_tone: str = "warm"  # warm | formal | playful
    persona_emoji: bool = True
    daily_budget: int = 20
    quiet_start_hour: int = 21
    quiet_end_hour: int = 9


class StaffSettingsRepository(Protocol):
    def get(self, staff_id: int) -> StaffSettings | None: ...
    def save(self, staff_id: int, settings: StaffSettings) -> None: ...
    def bind_telegram(self, staff_id: int, telegram_user_id: int) -> None: ...


class TelegramAccountRepository(Protocol):
    """Who a Telegram user is on our side, beyond staff (see StaffRepository.get_by_telegram)."""

    def customer(self, telegram_user_id: int) -> Customer | None: ...


class ScoringRepository(Protocol):
    """Plain columns for contact scoring; `owner_id` narrows every read to one guide's customers."""

    def paid_orders(self, owner_id: int | None = None) -> list[tuple]: ...
    def profiles(self, owner_id: int | None = None) -> list[tuple]: ...
    def categories_bought(self, owner_id: int | None = None) -> list[tuple[int, str]]: ...
    def interactions_since(self, since: datetime, owner_id: int | None = None) -> list[tuple]: ...
    def outreach_since(self, since: datetime, owner_id: int | None = None) -> list[tuple]: ...
    def replace_snapshot(self, rows: list[dict]) -> None: ...
    def snapshot(self, owner_id: int | None = None) -> dict[int, tuple]: ...
    def snapshot_time(self) -> datetime | None: ...


class OutreachRepository(Protocol):
    def add(self, *, customer_id: int, guide_id: int | None, source: str, channel: str, text: str,
            products: list[str], sent_at: datetime, task_id: int | None = None) -> int: ...
    def last_for(self, customer_id: int) -> tuple | None: ...


class GuideActionRepository(Protocol):
    """A guide's snooze / not-interested decisions; they hide a customer from /today until `until`."""

    def add(self, *, customer_id: int, guide_id: int, kind: str, until: datetime, created_at: datetime) -> None: ...
    def hidden(self, owner_id: int, now: datetime) -> set[int]: ...
    def latest(self, customer_id: int, now: datetime) -> tuple[str, datetime] | None: ...
    def last_contact(self, customer_id: int) -> tuple | None: ...


class BasketRepository(Protocol):
    def pairs(self) -> list[tuple[int, str]]: ...
    def version(self) -> tuple[int, int]: ...


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

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


@dataclass(frozen=True, slots=True)
class SearchFilters:
    in_stock: bool | None = None
    category: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    language: str | None = None
    store: str | None = None


@dataclass(frozen=True, slots=True)
class ProductHit:
    sku: str
    score: float
    name: str = ""


@dataclass(frozen=True, slots=True)
class ContentHit:
    source_id: str
    title: str
    text: str
    score: float
    meta: dict = field(default_factory=dict)


class KnowledgeSearch(Protocol):
    def index_products(self, products: Iterable[Product]) -> int: ...
    def index_content(self, docs: Iterable[ContentDoc]) -> int: ...
    def search_products(
        self, query: str, *, top_k: int = 10, filters: SearchFilters | None = None
    ) -> list[ProductHit]: ...
    def search_content(self, query: str, *, top_k: int = 5) -> list[ContentHit]: ...


# --- Sales: orders from webhooks, attribution, the append-only commission ledger (copilot/sales) ---


@dataclass(frozen=True, slots=True)
class Touch:
    """Something a guide did that a customer acted on: an outreach sent or a product-list click."""

    kind: str  # outreach | list_click
    guide_id: int
    at: datetime
    campaign_id: int | None = None


@dataclass(frozen=True, slots=True)
class CommissionRule:
    scope: str  # brand | store | category | campaign
    ref: str  # "" for brand; store external id, category name or campaign id
    kind: str  # percent | fixed_per_item | campaign_bonus
    rate: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    entry_key: str
    order_id: int
    guide_id: int
    kind: str  # sale | refund
    base_amount: Decimal
    commission: Decimal
    month: str  # YYYY-MM, the accounting month (never a closed one at the time of writing)
    created_at: datetime
    campaign_id: int | None = None
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One ledger entry as exported: external ids, ready for a CSV row."""

    month: str
    guide_external_id: str
    guide_name: str
    order_external_id: str
    kind: str
    base_amount: Decimal
    commission: Decimal
    campaign: str
    attribution: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Refund:
    external_id: str
    order_id: int
    amount: Decimal
    request: dict
    created_at: datetime
    source: str = "webhook"


@dataclass(frozen=True, slots=True)
class OrderBalance:
    total: Decimal
    refunded: Decimal
    status: str


class SalesRepository(Protocol):
    def insert_order(self, row: dict) -> int | None:
        """The new order's id, or None when an order with that external id exists already."""
        ...
    def orders(self, ids: Sequence[int]) -> list[Order]: ...
    def unsettled_order_ids(self, since: datetime) -> list[int]: ...
    def refresh_customer(self, customer_id: int) -> None: ...
    def lock_order(self, order_id: int) -> OrderBalance: ...
    def set_refunded(self, order_id: int, refunded: Decimal, status: str) -> None: ...
    def insert_refund(self, refund: Refund) -> bool: ...
    def refund(self, external_id: str) -> Refund | None: ...
    def refunds_for_order(self, order_id: int) -> list[Refund]: ...
    def touches(self, customer_id: int, since: datetime, until: datetime) -> list[Touch]: ...
    def products(self, skus: Sequence[str]) -> dict[str, Product]: ...
    def categories(self, skus: Sequence[str]) -> dict[str, str]: ...
    def brand_config(self) -> dict: ...
    def campaign_names(self, ids: Sequence[int]) -> dict[int, str]: ...


class LedgerRepository(Protocol):
    def lock(self, *, exclusive: bool = False) -> None:
        """Serialise month close against appends (a no-op where writers are serialised anyway)."""
        ...
    def closed_months(self) -> set[str]: ...
    def close_month(self, month: str, at: datetime) -> bool: ...
    def rules(self) -> list[CommissionRule]: ...
    def append(self, entry: LedgerEntry) -> bool:
        """False when an entry with that key exists already: the ledger is append-only."""
        ...
    def get(self, entry_key: str) -> LedgerEntry | None: ...
    def for_order(self, order_id: int) -> list[LedgerEntry]: ...
    def for_guide(self, guide_id: int, month: str) -> list[LedgerEntry]: ...
    def lines(self, month: str) -> list[LedgerLine]: ...
    def tasks_done(self, guide_id: int, since: datetime, until: datetime) -> int: ...


class Notifier(Protocol):
    """Tells a staff member something at once (the bot's outbox implements it)."""

    def notify_staff(self, staff_id: int, text: str) -> None: ...


# --- Delivery: the outbox and the messenger behind it (copilot/outbox, bot/messenger.py) ---

from core.errors import ExternalServiceError  # noqa: E402  (kept next to the ports that raise them)


class DeliveryRetryAfter(ExternalServiceError):
    """The messenger asked us to slow down (Telegram 429): wait `retry_after` seconds."""

    code = "retry_after"

    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(message)
        self.retry_after = retry_after


class DeliveryBlocked(ExternalServiceError):
    """The recipient blocked the bot or the chat is gone (Telegram 403): never retry."""

    code = "blocked"


class DeliveryTransient(ExternalServiceError):
    """A network error or a 5xx: worth retrying later."""

    code = "transient"


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    dedupe_key: str
    chat_id: int
    payload: dict  # {"text": str, "buttons": [[{"text": str, "action": str, ...}]]}
    attempts: int  # including the current one once claimed


class Messenger(Protocol):
    async def send(self, chat_id: int, payload: dict) -> None:
        """Deliver one message; raises DeliveryRetryAfter, DeliveryBlocked or DeliveryTransient."""
        ...


class OutboxRepository(Protocol):
    def enqueue(self, *, dedupe_key: str, chat_id: int, payload: dict, now: datetime) -> bool:
        """False when a message with this key exists already (idempotent enqueue)."""
        ...
    def claim(self, now: datetime, *, limit: int, lease_seconds: float) -> list[OutboxItem]: ...
    def mark_sent(self, item_id: int, now: datetime) -> None: ...
    def retry_at(self, item_id: int, at: datetime, error: str, *, count_attempt: bool = True) -> None: ...
    def fail(self, item_id: int, error: str) -> None: ...
    def block_chat(self, chat_id: int, error: str) -> int: ...
    def unblock_chat(self, chat_id: int, now: datetime) -> int: ...
    def counts(self) -> dict[str, int]: ...
    def next_due(self) -> datetime | None: ...


# --- Customers in the conversation: guide links, consent, relayed messages, product-list pages ---


class GuideLinkRepository(Protocol):
    def code_for(self, staff_id: int) -> str | None: ...
    def add(self, staff_id: int, code: str, created_at: datetime) -> bool:
        """False when the staff member has a code already (a concurrent first call won)."""
        ...
    def staff_for(self, code: str) -> int | None: ...


@dataclass(frozen=True, slots=True)
class NewCustomer:
    external_id: str
    name: str
    owner_id: int
    store_id: int | None
    language: str
    telegram_user_id: int
    joined_at: datetime


@dataclass(frozen=True, slots=True)
class ConversationMessage:
    customer_id: int
    guide_id: int | None
    direction: str  # in (from the customer) | out (from the guide)
    text: str
    created_at: datetime
    telegram_message_id: int | None = None


class ConversationRepository(Protocol):
    """A customer's side of the relationship: binding, consent history, messages, engagement."""

    def create_customer(self, new: NewCustomer) -> int: ...
    def bind(self, customer_id: int, *, owner_id: int, telegram_user_id: int, store_id: int | None) -> None:
        """Owner and Telegram account; the account is taken off any other customer record first."""
        ...
    def find_by_phone(self, phone: str) -> list[Customer]: ...
    def set_phone(self, customer_id: int, phone: str) -> None: ...
    def merge(self, source_id: int, target_id: int) -> None:
        """Move everything of `source_id` (a record made at binding) onto `target_id`, then drop it."""
        ...
    def set_consent(self, customer_id: int, state: str, source: str, at: datetime) -> None:
        """The customer's consent now, plus an appended consent event (the history is never edited)."""
        ...
    def consent_events(self, customer_id: int) -> list[tuple[str, str, datetime]]: ...
    def close_open_tasks(self, customer_id: int, outcome: str, at: datetime) -> int: ...
    def add_message(self, message: ConversationMessage) -> int: ...
    def messages(self, customer_id: int, limit: int = 20) -> list[ConversationMessage]:
        """The latest `limit` messages, oldest first."""
        ...
    def add_interaction(self, customer_id: int, guide_id: int | None, kind: str, ref: str, at: datetime) -> None: ...
    def mark_latest_outreach_replied(self, customer_id: int, at: datetime) -> bool: ...


@dataclass(frozen=True, slots=True)
class ProductListRecord:
    token: str
    customer_id: int
    guide_id: int | None
    items: tuple[tuple[str, str], ...]  # (sku, reason)
    created_at: datetime
    expires_at: datetime


class ProductListRepository(Protocol):
    def add(self, record: ProductListRecord) -> None: ...
    def get(self, token: str) -> ProductListRecord | None: ...
    def latest_for(self, customer_id: int) -> ProductListRecord | None: ...


# --- Campaigns and care tasks (copilot/campaigns) ---

OPEN_TASK_STATUSES = ("open", "started", "holdout")  # a customer with one of these is busy until due


@dataclass(frozen=True, slots=True)
class Campaign:
    id: int
    name: str
    kind: str
    segment: str
    filters: dict
    brief: str
    variants: list  # [{"brief": str, "writer_variant": int}]
    holdout_share: float
    due_date: object  # datetime.date | None
    created_by: int | None
    created_at: datetime
    status: str
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class CareTask:
    id: int
    campaign_id: int | None
    customer_id: int
    guide_id: int | None
    kind: str
    variant: int
    holdout: bool
    status: str  # open | started | done | expired | holdout | closed
    outcome: str | None
    draft: str
    products: list
    due_at: datetime | None
    reminders_sent: int
    created_at: datetime
    completed_at: datetime | None
    customer_name: str = ""


class BrandKeys(Protocol):
    def api_key_hash(self) -> str | None: ...
    def set_api_key_hash(self, digest: str, brand_code: str) -> None: ...


class CampaignRepository(Protocol):
    keys: BrandKeys

    def add(self, values: dict) -> int: ...
    def get(self, campaign_id: int) -> Campaign | None: ...
    def list(self, *, limit: int = 20, created_by: int | None = None) -> list[Campaign]: ...
    def by_rule(self, rule: str, name: str) -> int | None: ...
    def busy_customers(self, now: datetime) -> set[int]: ...
    def recent_rule_customers(self, rule: str, since: datetime) -> set[int]: ...
    def add_tasks(self, rows: Sequence[dict]) -> int: ...
    def customers(self, ids: Sequence[int]) -> dict[int, Customer]: ...
    def orders_for(self, customer_ids: Sequence[int]) -> dict[int, list[Order]]: ...
    def task(self, task_id: int) -> CareTask | None: ...
    def tasks(self, *, campaign_id: int | None = None, guide_id: int | None = None,
              statuses: Sequence[str] | None = None, task_ids: Sequence[int] | None = None) -> list[CareTask]: ...
    def update_task(self, task_id: int, **values: object) -> None: ...
    def update_tasks(self, task_ids: Sequence[int], **values: object) -> int: ...
    def buyers(self, customer_ids: Sequence[int], since: datetime, until: datetime) -> set[int]: ...
    def ledger_entries(self, campaign_id: int) -> list[tuple[int, int, Decimal, Decimal]]: ...
    def reassign_customers(self, from_guide: int, moves: dict[int, int]) -> int: ...
