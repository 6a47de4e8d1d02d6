"""The guide's use cases behind one service: today, goal, card, actions, drafts and earnings.

Each method takes the unit of work first, so the bot runs it as one short transaction in a worker
thread (`await db.read(guide.card, staff, customer_id)`) and the CLI or a test calls it directly.
The service holds what outlives one update: the contacts ranking, the selling context (catalogue,
co-purchase statistics, the drafter), the nightly scoring cache, the clock and the brand's settings.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

from copilot.access import authorize
from copilot.contacts import ContactsService, TodayPage
from copilot.contacts.cache import ScoringCache
from copilot.contacts.outreach import Channel
from copilot.drafting import Adjust, DraftEvent, DraftRequest
from copilot.guide import actions, card, drafts, earnings
from copilot.guide.goal import Goal, goal
from copilot.drafting.selling import SellingContext
from copilot.campaigns.tasks import complete_task
from copilot.guide.day import GuideDay, guide_day
from copilot.campaigns.task_card import TaskCard, task_card
from copilot.guide.today import today
from core.domain import Customer, Order, Product, Staff
from core.ports import CareTask, Clock, UnitOfWork
from core.settings import Settings


class GuideService:
    def __init__(self, contacts: ContactsService, selling: SellingContext, *, clock: Clock, settings: Settings,
                 cache: ScoringCache | None = None) -> None:
        self.contacts, self.selling, self.clock, self.settings = contacts, selling, clock, settings
        self._cache = cache or ScoringCache()

    def today(self, uow: UnitOfWork, staff: Staff, *, segment: str | None = None, page: int = 0,
              per_page: int = 10) -> TodayPage:
        return today(self.contacts, uow, staff, self.clock.now(), segment=segment, page=page, per_page=per_page)

    def day(self, uow: UnitOfWork, staff: Staff, *, segment: str | None = None) -> GuideDay:
        """Today's budget of contacts with the open tasks merged in (what /today shows)."""
        now = self.clock.now()
        return guide_day(self.contacts, uow, staff, now, day_start=self.day_start(now), segment=segment)

    def day_start(self, now: datetime) -> datetime:
        """The brand's local midnight before `now`: what counts as "today" for counts and contacts."""
        return now.astimezone(self.settings.tz).replace(hour=0, minute=0, second=0, microsecond=0)

    def goal(self, uow: UnitOfWork, staff: Staff) -> Goal:
        return goal(self.contacts, uow, staff, self.clock.now(), timezone=self.settings.timezone, cache=self._cache)

    def card(self, uow: UnitOfWork, staff: Staff, customer_id: int) -> card.Card:
        now = self.clock.now()
        return card.card(uow, staff, customer_id, now, catalogue=self._selling(uow, now).catalogue,
                         vip_spend=self.settings.ranking.vip_spend)

    def history(self, uow: UnitOfWork, staff: Staff, customer_id: int) -> tuple[Customer, list[Order]]:
        return card.history(uow, staff, customer_id)

    def products(self, uow: UnitOfWork, staff: Staff, customer_id: int) -> tuple[Customer, list]:
        now = self.clock.now()
        return drafts.product_picks(uow, staff, customer_id, now, self._selling(uow, now))

    def customer(self, uow: UnitOfWork, staff: Staff, customer_id: int) -> Customer:
        """The customer, if this staff member may see them (else NotAllowed)."""
        return authorize(uow, staff, customer_id)

    def snooze(self, uow: UnitOfWork, staff: Staff, customer_id: int, days: int) -> datetime:
        return actions.snooze(uow, staff, customer_id, self.clock.now(), days)

    def not_interested(self, uow: UnitOfWork, staff: Staff, customer_id: int) -> datetime:
        return actions.not_interested(uow, staff, customer_id, self.clock.now())

    def lift_put_aside(self, uow: UnitOfWork, staff: Staff, customer_id: int) -> bool:
        return actions.lift_put_aside(uow, staff, customer_id, self.clock.now())

    def record_contact(self, uow: UnitOfWork, staff: Staff, customer_id: int, *, channel: Channel, text: str = "",
                       products: list[str] | None = None) -> int:
        """Logs the contact; a second one of the same customer today raises actions.AlreadyContacted."""
        now = self.clock.now()
        return actions.record_contact(uow, staff, customer_id, now, channel=channel, text=text,
                                      products=products, day_start=self.day_start(now))

    def prepare_draft(self, uow: UnitOfWork, staff: Staff,
                      customer_id: int) -> tuple[Customer, DraftRequest, dict[str, str] | None]:
        """The customer, the request to write from, and the products' reasons in the guide's language
        when it is not the customer's (see drafts.reasons_for_guide)."""
        now, ctx = self.clock.now(), self._selling(uow, self.clock.now())
        customer, request = drafts.prepare_draft(uow, staff, customer_id, now, ctx,
                                                 silent_days=self.settings.ranking.silent_days)
        return customer, request, drafts.reasons_for_guide(uow, staff, customer, now, ctx)

    def task_card(self, uow: UnitOfWork, staff: Staff, task_id: int) -> TaskCard:
        now = self.clock.now()
        return task_card(uow, staff, task_id, now, self._selling(uow, now))

    def finish_task(self, uow: UnitOfWork, staff: Staff, task_id: int, outcome: str, *,
                    channel: Channel = Channel.MANUAL, text: str | None = None) -> CareTask:
        """The task's outcome; a message that went out is logged once, with the text really sent."""
        return complete_task(uow, staff, task_id, outcome, self.clock.now(), channel=channel, text=text)

    def deliverable(self, uow: UnitOfWork, staff: Staff, customer_id: int) -> Customer:
        return drafts.deliverable(uow, staff, customer_id)

    def my_month(self, uow: UnitOfWork, staff: Staff) -> earnings.MyMonth:
        return earnings.my_month(uow, staff, self.clock.now(), timezone=self.settings.timezone)

    def draft_events(self, request: DraftRequest, *, adjust: Adjust | None = None,
                     variant: int = 0) -> AsyncIterator[DraftEvent]:
        """The draft as it is written (an LLM call: never inside a unit of work)."""
        return drafts.draft_events(self.selling.drafter, request, adjust=adjust, variant=variant)

    @property
    def llm_enabled(self) -> bool:
        return self.selling.drafter is not None and self.selling.drafter.llm_enabled

    @property
    def catalogue(self) -> dict[str, Product]:
        """The catalogue as last loaded (refreshed by the use cases above at most every few minutes)."""
        return self.selling.catalogue

    def _selling(self, uow: UnitOfWork, now: datetime) -> SellingContext:
        self.selling.refresh(uow, now)
        return self.selling
