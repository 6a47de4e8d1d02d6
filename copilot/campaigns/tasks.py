"""A guide's care tasks: the list grouped by campaign, opening one, recording its outcome."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from copilot.campaigns import messages
from copilot.contacts.outreach import Channel, Source, log_outreach
from core.domain import Staff
from core.errors import InvalidInput, NotAllowed, NotFound
from core.ports import CareTask, UnitOfWork

OUTCOMES = ("contacted", "replied", "bought", "not_interested", "unreachable")
REACHED = ("contacted", "replied", "bought")  # these mean a message went out: logged as outreach
ACTIVE = ("open", "started")


class TaskClosed(InvalidInput):
    code = "task_closed"


@dataclass(frozen=True)
class TaskGroup:
    campaign_id: int
    name: str
    due: date | None
    open: int


def task_groups(uow: UnitOfWork, staff: Staff) -> list[TaskGroup]:
    counts: dict[int, int] = defaultdict(int)
    for task in uow.campaigns.tasks(guide_id=staff.id, statuses=ACTIVE):
        counts[task.campaign_id or 0] += 1
    groups = []
    for campaign_id, count in counts.items():
        campaign = uow.campaigns.get(campaign_id) if campaign_id else None
        name = messages.title(campaign.name, campaign.rule, staff.language) if campaign else ""
        groups.append(TaskGroup(campaign_id, name, campaign.due_date if campaign else None, count))
    return sorted(groups, key=lambda g: (g.due or date.max, g.campaign_id))


def campaign_tasks(uow: UnitOfWork, staff: Staff, campaign_id: int) -> list[CareTask]:
    """The guide's open tasks of one campaign, the customers worth most first (the nightly expected
    value, as /today ranks them): a guide who does only the first few does the best few."""
    tasks = [t for t in uow.campaigns.tasks(guide_id=staff.id, statuses=ACTIVE) if (t.campaign_id or 0) == campaign_id]
    value = uow.scoring.expected_values([t.customer_id for t in tasks])
    return sorted(tasks, key=lambda t: (-value.get(t.customer_id, 0.0), t.id))


def _mine(uow: UnitOfWork, staff: Staff, task_id: int) -> CareTask:
    task = uow.campaigns.task(task_id)
    if task is None:
        raise NotFound(f"task {task_id} not found")
    if task.guide_id != staff.id or task.holdout:
        raise NotAllowed(f"task {task_id} is not staff {staff.id}'s")
    return task


def open_task(uow: UnitOfWork, staff: Staff, task_id: int) -> CareTask:
    """The task with its draft; opening counts as starting it (no more reminders for it)."""
    task = _mine(uow, staff, task_id)
    if task.status == "open":
        uow.campaigns.update_task(task_id, status="started")
    return task


def complete_task(uow: UnitOfWork, staff: Staff, task_id: int, outcome: str, now: datetime, *,
                  channel: Channel = Channel.MANUAL, text: str | None = None) -> CareTask:
    """Record the outcome; a message that went out (contacted, replied, bought) is logged as outreach,
    with the text actually sent (`text`, when the guide edited the draft). A task done as "contacted"
    may later be told "replied" or "bought": that updates the outcome and logs nothing again."""
    if outcome not in OUTCOMES:
        raise InvalidInput(f"unknown outcome {outcome!r}; choose one of {', '.join(OUTCOMES)}")
    task = _mine(uow, staff, task_id)
    if task.status == "done" and _follows(task.outcome, outcome):
        uow.campaigns.update_task(task_id, outcome=outcome)
        return uow.campaigns.task(task_id)
    if task.status not in ACTIVE:
        raise TaskClosed(f"task {task_id} is {task.status} already", user_message="This task is closed already.")
    if outcome in REACHED:
        log_outreach(uow, customer_id=task.customer_id, guide_id=staff.id, source=Source.TASK, channel=channel,
                     text=task.draft if text is None else text, products=list(task.products), now=now,
                     task_id=task.id)
    uow.campaigns.update_task(task_id, status="done", outcome=outcome, completed_at=now)
    return uow.campaigns.task(task_id)


def _follows(recorded: str | None, outcome: str) -> bool:
    """contacted -> replied -> bought: a later step of the same conversation."""
    return recorded in REACHED and outcome in REACHED and REACHED.index(outcome) > REACHED.index(recorded)
