"""Run the daily rules: each enabled rule becomes one campaign per day through the same path as a
manager's campaign (same exclusions and fatigue caps), then reminders and expiry run.

Idempotent per day: a rule's campaign is named after the brand's local date and not made twice.
Each rule commits on its own, so one failing rule does not undo the others.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from copilot.campaigns import CampaignService, CampaignSpec, upkeep
from copilot.rules.catalog import configured, members
from core.errors import GuideCopilotError
from core.ports import UnitOfWorkFactory

log = logging.getLogger(__name__)


@dataclass
class RuleRun:
    rule: str
    status: str  # created | nobody | already_ran | disabled | failed
    campaign_id: int | None = None
    created: int = 0
    excluded: dict[str, int] = field(default_factory=dict)


def run_rules(uow_factory: UnitOfWorkFactory, service: CampaignService, now: datetime) -> list[RuleRun]:
    today = service.local_date(now)
    with uow_factory() as uow:
        rules = configured(uow.sales.brand_config())
    runs = []
    for rule, params in rules.items():
        if not params.get("enabled", True):
            runs.append(RuleRun(rule, "disabled"))
            continue
        try:
            runs.append(_run_one(uow_factory, service, rule, params, today, now))
        except GuideCopilotError as exc:  # a misconfigured rule must not stop the others
            log.error("rule %s failed: %s", rule, exc)
            runs.append(RuleRun(rule, "failed"))
    with uow_factory() as uow:
        upkeep(uow, now)
        uow.commit()
    return runs


def _run_one(uow_factory, service, rule: str, params: dict, today, now) -> RuleRun:
    name = f"{rule} {today.isoformat()}"
    with uow_factory() as uow:
        existing = uow.campaigns.by_rule(rule, name)
        if existing is not None:
            return RuleRun(rule, "already_ran", existing)
        spec = CampaignSpec(name=name, segment=f"rule:{rule}", kind=params["kind"], brief=params.get("brief", ""),
                            due=today + timedelta(days=int(params["due_days"])), rule=rule,
                            holdout=float(params.get("holdout", 0.0)))
        cooldown = uow.campaigns.recent_rule_customers(rule, now - timedelta(days=int(params["cooldown_days"])))
        chosen = service.preview(uow, spec, now, cooldown=cooldown, members=members(rule, params, today))
        if not chosen.customer_ids:  # no empty campaign a day per rule in the managers' list
            return RuleRun(rule, "nobody", excluded=chosen.excluded)
        result = service.create(uow, spec, now, chosen=chosen)
        uow.commit()
    return RuleRun(rule, "created", result.campaign_id, result.created, result.excluded)
