"""Handover: a leaving guide's customers and open tasks move to other guides in bulk.

History stays where it happened: orders, outreach, ledger entries and finished tasks keep the old
guide, so past sales and commissions are still theirs; only ownership and open work move.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from copilot.access import may_manage
from copilot.outbox import enqueue_staff
from core.domain import Staff
from core.errors import InvalidInput, NotAllowed, NotFound
from core.ports import UnitOfWork


@dataclass(frozen=True)
class Handover:
    customers: dict[int, int]  # receiving guide -> customers
    tasks: int  # open tasks moved


def handover(uow: UnitOfWork, from_id: int, to_ids: list[int], now: datetime, *, acting: Staff | None = None) -> Handover:
    """`acting` None means an operator at the CLI; in the bot it must be a manager of the store."""
    leaving = uow.staff.get(from_id)
    if leaving is None:
        raise NotFound(f"staff {from_id} not found")
    if acting is not None and not may_manage(acting, leaving):
        raise NotAllowed(f"staff {acting.id} may not hand over staff {from_id}")
    receivers = [uow.staff.get(i) for i in dict.fromkeys(to_ids)]
    if not receivers or any(r is None or not r.active or r.id == from_id for r in receivers):
        raise InvalidInput("name one or more other active staff to receive the customers")
    customers = uow.customers.list_for_owner(from_id)
    open_tasks = uow.campaigns.tasks(guide_id=from_id, statuses=("open", "started"))
    # Round-robin by customer id: an even split that is the same if the command is run again.
    moves = {c.id: receivers[k % len(receivers)].id for k, c in enumerate(customers)}
    uow.campaigns.reassign_customers(from_id, moves)
    # Open tasks for customers the guide did not own (spread from the store's pool) move in turn too.
    others = [t for t in open_tasks if t.customer_id not in moves]
    for k, task in enumerate(others):
        uow.campaigns.update_task(task.id, guide_id=receivers[k % len(receivers)].id)
    moved_tasks = len(open_tasks)
    counts = Counter(moves.values())
    for receiver in receivers:
        if counts[receiver.id]:
            text = (f"你接手了 {leaving.name} 的 {counts[receiver.id]} 位顾客" if receiver.language == "zh" else
                    f"You now look after {counts[receiver.id]} customers from {leaving.name}")
            enqueue_staff(uow, receiver.id, {"text": text}, f"handover:{from_id}:{receiver.id}:{now.date()}", now)
    return Handover(dict(counts), moved_tasks)


def handover_by_external(uow: UnitOfWork, leaving: str, receiving: list[str], now: datetime, *,
                         acting: Staff | None = None) -> Handover:
    """The same, naming staff by their external ids (the CLI and /handover)."""
    ids = uow.staff.ids_by_external()
    wanted = [leaving.strip(), *(r.strip() for r in receiving)]
    missing = [x for x in wanted if x not in ids]
    if missing:
        raise NotFound(f"unknown staff {', '.join(missing)}", user_message="Unknown staff: " + ", ".join(missing))
    return handover(uow, ids[wanted[0]], [ids[x] for x in wanted[1:]], now, acting=acting)
