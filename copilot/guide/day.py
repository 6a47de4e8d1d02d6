"""The guide's day: today's budget of contacts, the manager's open tasks merged in, worth most first.

/today shows this list, not the whole ranking: a guide with 455 eligible customers and a budget of
20 sees the 20 worth most today, and the count says how many are left; it goes down with every
contact the guide makes. Open care tasks always make the list (a manager pushed them, with a due
date) and are marked; the best ranked contacts fill the rest of the budget.
"""
from __future__ import annotations

from dataclasses import dataclass

from copilot.contacts import ContactLine
from copilot.scoring import Status

# Quiet hours only delay a message: such a customer is still one of today's contacts.
TODAYS = (Status.OK, Status.QUIET_HOURS)


@dataclass(frozen=True, slots=True)
class DayItem:
    line: ContactLine
    task_id: int | None = None  # an open care task for this customer
    task_name: str = ""  # its campaign, as the guide reads it


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


def plan_day(ranked: list[ContactLine], tasks: list[tuple[ContactLine, int, str]], *, budget: int,
             contacted: int) -> GuideDay:
    """`ranked`: the guide's list in priority order; `tasks`: (line, task id, campaign) per open task."""
    room = max(budget - contacted, 0)
    tasked = {line.customer_id for line, _, _ in tasks}
    chosen = [DayItem(line, task_id, name) for line, task_id, name in tasks]
    fill = [DayItem(line) for line in ranked if line.customer_id not in tasked and line.status in TODAYS]
    items = chosen + fill[: max(room - len(chosen), 0)]
    return GuideDay(sorted(items, key=lambda item: -item.line.value), budget, contacted)
