"""The guide's day: today's budget of contacts, the manager's open tasks merged in, worth most first.

/today shows this list, not the whole ranking: a guide with 455 eligible customers and a budget of
20 sees the 20 worth most today, and the count says how many are left; it goes down with every
contact the guide makes. Open care tasks are merged in and marked: they take up to half of the day
(worth most first; the rest of a campaign follows on the next days), tasks due today all make it,
and the best ranked contacts fill the rest of the budget.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from copilot.campaigns.messages import title
from copilot.campaigns.tasks import ACTIVE
from copilot.contacts import ContactLine, ContactsService
from copilot.guide.actions import hidden_customers
from copilot.scoring import Status
from core.domain import Staff
from core.ports import UnitOfWork

# Quiet hours only delay a message: such a customer is still one of today's contacts.
TODAYS = (Status.OK, Status.QUIET_HOURS)
TASK_SHARE = 0.5  # of a day's contacts that open tasks may take, unless they are due today


@dataclass(frozen=True, slots=True)
class DayItem:
    line: ContactLine
    task_id: int | None = None  # an open care task for this customer
    task_name: str = ""  # its campaign, as the guide reads it
    due_today: bool = False  # the task is due by the end of today (or overdue)


@dataclass(frozen=True, slots=True)
class GuideDay:
    items: list[DayItem]  # what is left of today's list, worth most first
    budget: int  # contacts a day, from the guide's settings
    contacted: int  # customers contacted today so far

    @property
    def left(self) -> int:
        return len(self.items)

    def page(self, page: int, per_page: int) -> tuple[list[DayItem], int, int]:
        """(items, page, pages) of one page; a page past the end shows the last one."""
        pages = max(1, -(-len(self.items) // per_page))
        page = min(max(page, 0), pages - 1)
        return self.items[page * per_page : (page + 1) * per_page], page, pages


def plan_day(ranked: list[ContactLine], tasks: list[DayItem], *, budget: int, contacted: int) -> GuideDay:
    """`ranked`: the guide's list in priority order; `tasks`: one item per customer with an open task."""
    room = max(budget - contacted, 0)
    tasked = {task.line.customer_id for task in tasks}
    due = [task for task in tasks if task.due_today]
    later = sorted((task for task in tasks if not task.due_today), key=lambda task: -task.line.value)
    share = max(math.ceil(room * TASK_SHARE) - len(due), 0)
    fill = [DayItem(line) for line in ranked if line.customer_id not in tasked and line.status in TODAYS]
    items = due + later[:share]
    items += fill[: max(room - len(items), 0)]
    items += later[share:][: max(room - len(items), 0)]  # few contacts left to rank: more tasks today
    return GuideDay(sorted(items, key=lambda item: -item.line.value), budget, contacted)


def guide_day(contacts: ContactsService, uow: UnitOfWork, staff: Staff, now: datetime, *, day_start: datetime,
              segment: str | None = None) -> GuideDay:
    """Today's list for the guide; `day_start` is their local midnight (what counts as today).
    A segment filter narrows the ranked contacts (tasks are their own list in /tasks then). The
    list reads in the ranker's order (expected value, ties to the better tier)."""
    contacted = uow.outreach.contacted_since(staff.id, day_start)
    room = max(staff.daily_budget - contacted, 0)
    ranked = []
    if room:
        hidden = hidden_customers(uow, staff, now)
        ranked = contacts.today(uow, staff, now, segment=segment, per_page=room, hidden=hidden).lines
    tasks = [] if segment else task_items(contacts, uow, staff, now, day_start + timedelta(days=1))
    day = plan_day(ranked, tasks, budget=staff.daily_budget, contacted=contacted)
    chosen = {item.line.customer_id: item for item in day.items}
    ordered = contacts.lines_for(uow, staff, now, list(chosen))
    return GuideDay([replace(chosen[line.customer_id], line=line) for line in ordered], day.budget, day.contacted)


def task_items(contacts: ContactsService, uow: UnitOfWork, staff: Staff, now: datetime,
               day_end: datetime) -> list[DayItem]:
    """One item per customer with an open task (the task due first when several)."""
    first: dict[int, object] = {}
    for task in sorted(uow.campaigns.tasks(guide_id=staff.id, statuses=ACTIVE),
                       key=lambda t: (t.due_at or datetime.max.replace(tzinfo=now.tzinfo), t.id)):
        first.setdefault(task.customer_id, task)
    names: dict[int | None, str] = {}
    for task in first.values():
        if task.campaign_id not in names:
            campaign = uow.campaigns.get(task.campaign_id) if task.campaign_id else None
            names[task.campaign_id] = title(campaign.name, campaign.rule, staff.language) if campaign else ""
    items = []
    for line in contacts.lines_for(uow, staff, now, list(first)):
        task = first[line.customer_id]
        items.append(DayItem(line, task.id, names[task.campaign_id], task.due_at is not None and task.due_at < day_end))
    return items
