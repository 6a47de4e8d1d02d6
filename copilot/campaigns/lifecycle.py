"""Reminders and expiry, run daily (and by the scheduler): each step idempotent via its outbox key.

A guide's not-started tasks of a campaign are reminded at 1/4 and 1/2 of the task window; at 3/4
the campaign's manager is told instead. At the due date open tasks expire with outcome "no_action"
and holdout tasks close, so the report has every task's final state.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from copilot.campaigns import messages
from copilot.outbox import enqueue_staff
from core.domain import Role
from core.ports import UnitOfWork

MAX_REMINDERS = 2
TOLD_MANAGER = MAX_REMINDERS + 1


@dataclass
class Upkeep:
    reminded: int = 0  # (campaign, guide) pairs reminded
    escalated: int = 0
    expired: int = 0
    closed: int = 0


def upkeep(uow: UnitOfWork, now: datetime) -> Upkeep:
    done = Upkeep()
    groups: dict[tuple[int, int], list] = defaultdict(list)
    for task in uow.campaigns.tasks(statuses=("open",)):
        if task.campaign_id and task.guide_id and task.due_at and task.due_at > now:
            groups[(task.campaign_id, task.guide_id)].append(task)
    for (campaign_id, guide_id), tasks in groups.items():
        step = _step_due(tasks[0], now)
        sent = min(t.reminders_sent for t in tasks)
        if step <= sent:
            continue
        campaign, guide = uow.campaigns.get(campaign_id), uow.staff.get(guide_id)
        if step <= MAX_REMINDERS:
            text = messages.reminder(len(tasks), messages.title(campaign.name, campaign.rule, guide.language),
                                    campaign.due_date, guide.language)
            enqueue_staff(uow, guide_id, messages.tasks_payload(text, guide_id, campaign_id, guide.language),
                          f"remind:{campaign_id}:{guide_id}:{step}", now)
            done.reminded += 1
        else:
            for manager in _managers(uow, campaign, guide):
                text = messages.escalation(guide.name, len(tasks),
                                            messages.title(campaign.name, campaign.rule, manager.language),
                                            manager.language)
                enqueue_staff(uow, manager.id, {"text": text}, f"escalate:{campaign_id}:{guide_id}:{manager.id}", now)
            done.escalated += 1
        uow.campaigns.update_tasks([t.id for t in tasks], reminders_sent=step)
    done.expired, done.closed = expire(uow, now)
    return done


def _step_due(task, now: datetime) -> int:
    """How many of (reminder 1, reminder 2, tell the manager) are due by now."""
    window = (task.due_at - task.created_at) / 4
    return min(TOLD_MANAGER, int((now - task.created_at) / window)) if window.total_seconds() > 0 else 0


def _managers(uow: UnitOfWork, campaign, guide) -> list:
    if campaign.created_by:
        return [uow.staff.get(campaign.created_by)]
    return [s for s in uow.staff.list(store_id=guide.store_id) if s.role is Role.MANAGER and s.active]


def expire(uow: UnitOfWork, now: datetime) -> tuple[int, int]:
    late = [t for t in uow.campaigns.tasks(statuses=("open", "started", "holdout")) if t.due_at and t.due_at <= now]
    expired = [t.id for t in late if not t.holdout]
    closed = [t.id for t in late if t.holdout]
    uow.campaigns.update_tasks(expired, status="expired", outcome="no_action", completed_at=now)
    uow.campaigns.update_tasks(closed, status="closed")
    return len(expired), len(closed)
