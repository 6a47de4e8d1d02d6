"""Operations: care tasks, campaigns, outreach, conversations, consent, engagement, commissions,
score snapshots, staff invites and the outbox. Append-only where history matters (ledger, consent)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy import Float
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.types import Money, Rate, UTCDateTime


class CampaignRow(Base):
    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    segment: Mapped[str] = mapped_column(String(64))
    filters: Mapped[dict] = mapped_column(JSON, default=dict)
    brief: Mapped[str] = mapped_column(Text, default="")
    variants: Mapped[list] = mapped_column(JSON, default=list)
    holdout_share: Mapped[float] = mapped_column(Float, default=0.0)
    due_date: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="active")
    rule: Mapped[str | None] = mapped_column(String(64))  # set when an automatic rule made it


class CareTaskRow(Base):
    __tablename__ = "care_tasks"
    __table_args__ = (Index("ix_care_tasks_guide_status", "guide_id", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(32))
    variant: Mapped[int] = mapped_column(Integer, default=0)
    holdout: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open")
    outcome: Mapped[str | None] = mapped_column(String(16))
    draft: Mapped[str] = mapped_column(Text, default="")
    products: Mapped[list] = mapped_column(JSON, default=list)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutreachRow(Base):
    """One outreach to a customer, whoever caused it: the fatigue caps count these rows."""

    __tablename__ = "outreach"
    __table_args__ = (Index("ix_outreach_customer_time", "customer_id", "sent_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("care_tasks.id"))
    source: Mapped[str] = mapped_column(String(16))  # guide | task | automation
    channel: Mapped[str] = mapped_column(String(16))  # bot | manual
    text: Mapped[str] = mapped_column(Text, default="")
    products: Mapped[list] = mapped_column(JSON, default=list)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ConversationMessageRow(Base):
    __tablename__ = "conversation_messages"
    __table_args__ = (Index("ix_conversation_customer_time", "customer_id", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    direction: Mapped[str] = mapped_column(String(8))  # in | out
    text: Mapped[str] = mapped_column(Text)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ConsentEventRow(Base):
    __tablename__ = "consent_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InteractionRow(Base):
    """Engagement signals for ranking: replies, product-list views and clicks."""

    __tablename__ = "interactions"
    __table_args__ = (Index("ix_interactions_customer_time", "customer_id", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(16))  # reply | list_view | list_click
    ref: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProductListRow(Base):
    __tablename__ = "product_lists"
    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    items: Mapped[list] = mapped_column(JSON, default=list)  # [{"sku", "reason"}]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CommissionRuleRow(Base):
    __tablename__ = "commission_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))  # brand | store | category | campaign
    scope_ref: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(24))  # percent | fixed_per_item | campaign_bonus
    rate: Mapped[Decimal | None] = mapped_column(Rate)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class LedgerEntryRow(Base):
    """Append-only: a refund adds a reversing entry, nothing is updated in place.
    `entry_key` is unique so replayed webhooks and imports cannot add an entry twice."""

    __tablename__ = "commission_ledger"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_key: Mapped[str] = mapped_column(String(128), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"))
    kind: Mapped[str] = mapped_column(String(16))  # sale | refund | bonus
    base_amount: Mapped[Decimal] = mapped_column(Money)
    commission: Mapped[Decimal] = mapped_column(Money)
    month: Mapped[str] = mapped_column(String(7), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Which attribution rule gave the guide this sale: order | outreach | list_click | owner.
    attribution: Mapped[str | None] = mapped_column(String(16))


class RefundRow(Base):
    """One refund per `external_id`, so a replayed refund webhook is recognised and changes nothing.
    `request` keeps what was asked (lines or an amount) to tell a replay from a conflicting reuse."""

    __tablename__ = "refunds"
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    request: Mapped[dict] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(16), default="webhook")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ClosedMonthRow(Base):
    __tablename__ = "closed_months"
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScoreSnapshotRow(Base):
    __tablename__ = "score_snapshots"
    __table_args__ = (Index("ix_score_snapshots_rank", "rank"),)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    p_purchase: Mapped[float] = mapped_column(Float)
    expected_value: Mapped[float] = mapped_column(Float)
    features: Mapped[dict] = mapped_column(JSON, default=dict)
    # The nightly priority order over all customers (1 = best): a guide's list is its own rows in this
    # order, so /today reads the top few and applies only the live state (fatigue, snoozes) to them.
    rank: Mapped[int | None] = mapped_column(Integer)
    segments: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # bit k: SEGMENTS[k]


class StaffInviteRow(Base):
    __tablename__ = "staff_invites"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxRow(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next", "status", "next_attempt_at"),
                      # "is this chat blocked?" is asked on every update and every enqueue
                      Index("ix_outbox_chat_status", "chat_id", "status"))
    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(128), unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # see db/repositories/outbox.py
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(Text, default="")
    # The fencing token of the claim holding a 'sending' row: only that claim may renew, mark or
    # give it back, so a sender whose lease lapsed (and whose row another sender took) changes nothing.
    lease: Mapped[str | None] = mapped_column(String(32))


class WorkerRow(Base):
    """Heartbeats of background workers (the outbox sender): a health check reads them."""

    __tablename__ = "workers"
    name: Mapped[str] = mapped_column(String(128), primary_key=True)  # e.g. outbox-sender@host:pid
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failed loops
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
