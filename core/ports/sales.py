"""Sales: orders from webhooks, attribution, the append-only commission ledger (copilot/sales)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from core.domain import Customer, Order, Product, Store


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
    order_id: int | None  # None only for the sale entry of an order stored together with it
    guide_id: int
    kind: str  # sale | refund
    base_amount: Decimal
    commission: Decimal
    month: str  # YYYY-MM, the accounting month (never a closed one at the time of writing)
    created_at: datetime
    campaign_id: int | None = None
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class DatedAmount:
    """A ledger entry as charts and day figures need it: when it happened, not when it was booked
    (an import books days of sales at once)."""

    happened_at: datetime
    kind: str  # sale | refund | ...
    base_amount: Decimal
    commission: Decimal


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


@dataclass(frozen=True, slots=True)
class GuideRef:
    """A guide as a sale names them: by external id in answers, in their language in notices."""

    id: int
    external_id: str
    language: str


@dataclass(frozen=True, slots=True)
class OrderQuery:
    """What an incoming order names, by external ids: all its booking reads are keyed on these."""

    order_id: str
    customer_id: str
    store_id: str
    guide_id: str | None
    skus: tuple[str, ...]
    ordered_at: datetime
    event_month: str  # the order's month in the brand's timezone: closed months from it on matter
    sale_key: str  # the ledger key of its sale entry


@dataclass(frozen=True, slots=True)
class OrderContext:
    """Everything booking one order reads, fetched at once. Unknown references are None / absent."""

    brand_config: dict
    customer: Customer | None
    store: Store | None
    guide: GuideRef | None  # the guide the order names
    products: dict[str, Product]  # by sku: id and category
    rules: list[CommissionRule]
    closed_months: set[str]  # from the order's month on
    touches: list[Touch]  # the customer's latest touches up to the order (not only those in the window), latest last
    guides: dict[int, GuideRef]  # every guide the sale could be credited to, and the stored sale's
    campaign_names: dict[int, str]
    existing: Order | None  # the order stored under this id before, with its lines
    existing_sale: LedgerEntry | None


@dataclass(frozen=True, slots=True)
class Booked:
    order_id: int | None  # None: an order with this id was stored first (a concurrent request)
    credited: bool  # False if the sale entry was given but not written: its month closed meanwhile


class SalesRepository(Protocol):
    def insert_order(self, row: dict) -> int | None:
        """The new order's id, or None when an order with that external id exists already."""
        ...
    def order_context(self, query: OrderQuery) -> OrderContext:
        """In one round trip: the customer's touches are the latest outreach, the latest list
        click and, when the order names a guide, that guide's latest campaign outreach."""
        ...
    def book_order(self, order: Order, sale: LedgerEntry | None, source: str) -> Booked:
        """Store a new paid order, its lines, the customer's first/last purchase and its sale entry
        (unless its month is closed by now) together; on PostgreSQL in one statement."""
        ...
    def orders(self, ids: Sequence[int]) -> list[Order]: ...
    def owners(self, customer_ids: Sequence[int]) -> dict[int, int | None]: ...
    def touches_of(self, customer_ids: Sequence[int], since: datetime, until: datetime) -> dict[int, list[Touch]]:
        """Every customer's touches in [since, until], latest last (a click after an outreach of
        the same moment, then by id)."""
        ...
    def unsettled_order_ids(self, since: datetime) -> list[int]: ...
    def drifted_order_ids(self, candidates: Sequence[int]) -> list[int]:
        """Those of `candidates` that are settled, paid, and whose total no longer matches their
        ledger (changed by a re-import)."""
        ...
    def refresh_customer(self, customer_id: int) -> None: ...
    def lock_order(self, order_id: int) -> OrderBalance: ...
    def set_refunded(self, order_id: int, refunded: Decimal, status: str) -> None: ...
    def insert_refund(self, refund: Refund) -> bool: ...
    def refund(self, external_id: str) -> Refund | None: ...
    def refunds_for_order(self, order_id: int) -> list[Refund]: ...
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
    def append_many(self, entries: Sequence[LedgerEntry]) -> set[str]:
        """The keys of the entries written; those whose key exists already are skipped."""
        ...
    def get(self, entry_key: str) -> LedgerEntry | None: ...
    def get_many(self, entry_keys: Sequence[str]) -> dict[str, LedgerEntry]: ...
    def for_order(self, order_id: int) -> list[LedgerEntry]: ...
    def for_guide(self, guide_id: int, month: str) -> list[LedgerEntry]: ...
    def commission_between(self, guide_id: int, since: datetime, until: datetime) -> Decimal:
        """Commission on what happened in [since, until): sales by purchase time, the rest when booked."""
        ...
    def dated_amounts(self, guide_id: int, month: str) -> list[DatedAmount]:
        """The month's entries of a guide, each dated when it happened (sales by purchase time)."""
        ...
    def lines(self, month: str) -> list[LedgerLine]: ...
    def tasks_done(self, guide_id: int, since: datetime, until: datetime) -> int: ...


class Notifier(Protocol):
    """Tells a staff member something at once (the bot's outbox implements it)."""

    def notify_staff(self, staff_id: int, text: str) -> None: ...
