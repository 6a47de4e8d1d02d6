"""Creating a campaign: members → exclusions → owners → holdout and variants → tasks with drafts →
one outbox message per guide. Everything in the caller's unit of work: all of it or nothing."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

import numpy as np

from copilot.campaigns import messages
from copilot.campaigns.audience import assign, exclusions, select_members, split
from copilot.campaigns.memo import MemoCoPurchase
from copilot.campaigns.spec import CampaignSpec
from copilot.drafting import build_request
from copilot.outbox import enqueue_staff
from copilot.product_list import pick_products
from copilot.scoring import FatiguePolicy
from copilot.scoring.segments import named_segments
from core.domain import Role
from core.errors import InvalidInput
from core.ports import UnitOfWork


@dataclass
class Preview:
    customer_ids: list[int]
    guide_ids: list[int]
    excluded: dict[str, int] = field(default_factory=dict)

    @property
    def per_guide(self) -> dict[int, int]:
        return dict(Counter(self.guide_ids))


@dataclass
class CampaignResult:
    campaign_id: int
    created: int  # tasks handed to guides
    holdout: int  # customers deliberately left alone, to measure uplift
    per_guide: dict[int, int]
    excluded: dict[str, int]


class CampaignService:
    """`selling` is a copilot.drafting.selling.SellingContext (catalogue, co-purchase, drafter)."""

    def __init__(self, contacts, ranking, timezone: str, selling) -> None:
        self._contacts, self._ranking, self._tz, self._selling = contacts, ranking, ZoneInfo(timezone), selling
        self._policy = FatiguePolicy.from_settings(ranking)

    def preview(self, uow: UnitOfWork, spec: CampaignSpec, now: datetime, *, cooldown=(), members=None) -> Preview:
        """`members`: a mask function over the features, for automatic rules (else the named segment)."""
        _, f = self._contacts.features(uow, now)
        named = named_segments(now.astimezone(self._tz).date(), self._ranking.silent_days)
        if members is not None:
            named = {spec.segment: members}
        mask = select_members(f, spec.segment, spec.filters, named, uow.stores.ids_by_external(),
                              uow.staff.ids_by_external())
        left, excluded = exclusions(f, mask, self._policy, uow.campaigns.busy_customers(now), cooldown)
        guides = [s for s in uow.staff.list() if s.active and s.role is Role.GUIDE]
        by_store: dict[int, list[int]] = {}
        for g in guides:
            by_store.setdefault(g.store_id if g.store_id is not None else -1, []).append(g.id)
        customers, owners, orphans = assign(f, np.flatnonzero(left), by_store, {g.id for g in guides})
        if orphans:
            excluded["no_guide"] = orphans
        return Preview(customers, owners, excluded)

    def create(self, uow: UnitOfWork, spec: CampaignSpec, now: datetime, *, cooldown=(),
               members=None, chosen: Preview | None = None) -> CampaignResult:
        today = now.astimezone(self._tz).date()
        if spec.due < today:  # tasks born overdue: nobody could do them, reminders would fire at once
            raise InvalidInput(f"the due date {spec.due.isoformat()} is in the past (today is {today.isoformat()})")
        chosen = chosen or self.preview(uow, spec, now, cooldown=cooldown, members=members)
        due_at = datetime.combine(spec.due, time(23, 59, 59), self._tz)
        campaign_id = uow.campaigns.add(dict(
            name=spec.name, kind=spec.kind, segment=spec.segment, filters=dict(spec.filters), brief=spec.brief,
            variants=spec.variant_list(), holdout_share=spec.holdout, due_date=spec.due,
            created_by=spec.created_by, created_at=now, status="active", rule=spec.rule))
        rows = self._task_rows(uow, campaign_id, spec, chosen, now, due_at)
        uow.campaigns.add_tasks(rows)
        per_guide = dict(Counter(r["guide_id"] for r in rows if not r["holdout"]))
        self._notify(uow, campaign_id, spec, per_guide, now)
        return CampaignResult(campaign_id, sum(per_guide.values()), sum(r["holdout"] for r in rows),
                              per_guide, chosen.excluded)

    def local_date(self, now: datetime):
        return now.astimezone(self._tz).date()

    def _task_rows(self, uow, campaign_id, spec, chosen: Preview, now, due_at) -> list[dict]:
        self._selling.refresh(uow, now)
        customers = uow.campaigns.customers(chosen.customer_ids)
        orders = uow.campaigns.orders_for(chosen.customer_ids)
        staff = {s.id: s for s in uow.staff.list()}
        variants = spec.variant_list()
        # The products the audience owns, co-purchase rows computed at once (set-based) rather than
        # one sparse product per customer.
        self._selling.copurchase.warm({line.sku for owned in orders.values() for o in owned for line in o.lines})
        copurchase = MemoCoPurchase(self._selling.copurchase)
        catalogue = list(self._selling.catalogue.values())
        rows = []
        for customer_id, guide_id in zip(chosen.customer_ids, chosen.guide_ids):
            holdout, variant = split(campaign_id, customer_id, spec.holdout, spec.variants)
            row = dict(campaign_id=campaign_id, customer_id=customer_id, guide_id=guide_id, kind=spec.kind,
                       variant=variant, holdout=holdout, status="holdout" if holdout else "open",
                       draft="", products=[], due_at=due_at, reminders_sent=0, created_at=now)
            if not holdout:
                row["draft"], row["products"] = self._draft(customers[customer_id], staff[guide_id],
                                                            orders.get(customer_id, []), variants[variant], spec, now,
                                                            catalogue, copurchase)
            rows.append(row)
        return rows

    def _draft(self, customer, guide, orders, variant: dict, spec: CampaignSpec, now, catalogue,
               copurchase) -> tuple[str, list[str]]:
        ctx = self._selling
        # No knowledge search per customer: the brief is the same for everyone in the campaign.
        picks = pick_products(customer, orders, catalogue, copurchase, now, brief=variant["brief"])
        request = build_request(spec.kind, customer, guide, picks=picks, orders=orders, catalogue=ctx.catalogue,
                                now=now, brief=variant["brief"])
        draft = ctx.drafter.offline_draft(request, variant=variant["writer_variant"])
        return draft.message, [sku for sku, _ in draft.products]

    def _notify(self, uow, campaign_id: int, spec: CampaignSpec, per_guide: dict[int, int], now) -> None:
        for guide_id, count in per_guide.items():
            guide = uow.staff.get(guide_id)
            text = messages.new_tasks(count, messages.title(spec.name, spec.rule, guide.language), spec.due,
                                      guide.language)
            enqueue_staff(uow, guide_id, messages.tasks_payload(text, guide_id, campaign_id, guide.language),
                          f"campaign:{campaign_id}:guide:{guide_id}", now)
