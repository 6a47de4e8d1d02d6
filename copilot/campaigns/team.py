"""What managers see: their campaigns with progress, and the team leaderboard."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from copilot.access import require_manager, team_store
from copilot.campaigns.report import CONTACTED, REPLIED
from copilot.campaigns.stats import rate
from core.domain import Role, Staff
from core.ports import Campaign, UnitOfWork


@dataclass(frozen=True)
class Progress:
    campaign: Campaign
    tasks: int
    done: int


def campaign_progress(uow: UnitOfWork, manager: Staff, *, limit: int = 10) -> list[Progress]:
    require_manager(manager)
    out = []
    for campaign in uow.campaigns.list(limit=limit):
        tasks = [t for t in uow.campaigns.tasks(campaign_id=campaign.id) if not t.holdout]
        out.append(Progress(campaign, len(tasks), sum(t.status == "done" for t in tasks)))
    return out


@dataclass(frozen=True)
class TeamLine:
    guide: Staff
    done: int
    reply_rate: float  # replied / contacted
    conversion: float  # bought / contacted
    sales: Decimal  # this month's credited sales


def team_board(uow: UnitOfWork, manager: Staff, now: datetime, timezone: str, *, days: int = 30) -> list[TeamLine]:
    """The manager's guides (an admin's: everyone's), best sales first."""
    store = team_store(manager)
    month = now.astimezone(ZoneInfo(timezone)).strftime("%Y-%m")
    since = now - timedelta(days=days)
    lines = []
    for guide in uow.staff.list(store_id=store):
        if guide.role is not Role.GUIDE or not guide.active:
            continue
        done = [t for t in uow.campaigns.tasks(guide_id=guide.id, statuses=("done",))
                if t.completed_at and t.completed_at >= since]
        contacted = sum(t.outcome in CONTACTED for t in done)
        sales = sum((e.base_amount for e in uow.ledger.for_guide(guide.id, month)), Decimal(0))
        lines.append(TeamLine(guide, len(done), rate(sum(t.outcome in REPLIED for t in done), contacted),
                              rate(sum(t.outcome == "bought" for t in done), contacted), sales))
    return sorted(lines, key=lambda line: (-line.sales, -line.done, line.guide.id))
