"""The campaign report (check, then act): outcomes per guide and variant, sales credited by the
ledger, conversion against the holdout, and a plain-words summary with a next round to try.

Conversion is measured from orders (a paid order between launch and the due date), the same way for
treated and holdout customers; treated means every customer given to a guide (intention to treat),
so guides skipping tasks lowers the measured uplift instead of hiding it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from copilot.campaigns.stats import Uplift, rate, uplift
from core.errors import NotFound
from core.ports import Campaign, UnitOfWork
from core.spreadsheet import SafeDictWriter

CONTACTED = ("contacted", "replied", "bought")
REPLIED = ("replied", "bought")
VARIANT_NAMES = "ABC"


@dataclass
class Figures:
    tasks: int = 0
    done: int = 0
    contacted: int = 0
    replied: int = 0
    bought: int = 0  # as the guide recorded it
    converted: int = 0  # customers with a paid order in the window
    revenue: Decimal = Decimal(0)
    commission: Decimal = Decimal(0)

    def conversion(self) -> float:
        return rate(self.converted, self.tasks)


@dataclass
class CampaignReport:
    campaign: Campaign
    total: Figures
    holdout: Figures
    by_guide: dict[str, Figures] = field(default_factory=dict)  # guide name -> figures
    by_variant: dict[str, Figures] = field(default_factory=dict)  # "A", "B", "C"
    uplift: Uplift | None = None


def campaign_report(uow: UnitOfWork, campaign_id: int, now: datetime) -> CampaignReport:
    campaign = uow.campaigns.get(campaign_id)
    if campaign is None:
        raise NotFound(f"campaign {campaign_id} not found")
    tasks = uow.campaigns.tasks(campaign_id=campaign_id)
    end = min([now, *[t.due_at for t in tasks if t.due_at]])
    buyers = uow.campaigns.buyers([t.customer_id for t in tasks], campaign.created_at, end)
    names = {s.id: s.name for s in uow.staff.list()}
    report = CampaignReport(campaign, Figures(), Figures())
    by_guide: dict[str, Figures] = defaultdict(Figures)
    by_variant: dict[str, Figures] = defaultdict(Figures)
    variant_of = {}
    for t in tasks:
        if t.holdout:
            _count(report.holdout, t, buyers)
            continue
        variant_of[t.customer_id] = VARIANT_NAMES[t.variant]
        for figures in (report.total, by_guide[names.get(t.guide_id, "-")], by_variant[VARIANT_NAMES[t.variant]]):
            _count(figures, t, buyers)
    for guide_id, customer_id, base, commission in uow.campaigns.ledger_entries(campaign_id):
        targets = [report.total, by_guide[names.get(guide_id, "-")]]
        if customer_id in variant_of:
            targets.append(by_variant[variant_of[customer_id]])
        for figures in targets:
            figures.revenue += base
            figures.commission += commission
    report.by_guide, report.by_variant = dict(sorted(by_guide.items())), dict(sorted(by_variant.items()))
    report.uplift = uplift(report.total.converted, report.total.tasks, report.holdout.converted, report.holdout.tasks)
    return report


def _count(figures: Figures, task, buyers: set[int]) -> None:
    figures.tasks += 1
    figures.done += task.status == "done"
    figures.contacted += task.outcome in CONTACTED
    figures.replied += task.outcome in REPLIED
    figures.bought += task.outcome == "bought"
    figures.converted += task.customer_id in buyers


CSV_FIELDS = ("scope", "key", "tasks", "done", "contacted", "replied", "bought", "converted", "conversion",
              "revenue", "commission")


def report_rows(report: CampaignReport) -> list[dict]:
    groups = [("total", "all", report.total), ("holdout", "holdout", report.holdout)]
    groups += [("guide", k, f) for k, f in report.by_guide.items()]
    groups += [("variant", k, f) for k, f in report.by_variant.items()]
    return [dict(scope=scope, key=key, tasks=f.tasks, done=f.done, contacted=f.contacted, replied=f.replied,
                 bought=f.bought, converted=f.converted, conversion=f"{f.conversion():.4f}",
                 revenue=f"{f.revenue:.2f}", commission=f"{f.commission:.2f}") for scope, key, f in groups]


def write_csv(report: CampaignReport, handle) -> int:
    writer = SafeDictWriter(handle, fieldnames=CSV_FIELDS)  # guide and variant keys are imported text
    writer.writeheader()
    rows = report_rows(report)
    writer.writerows(rows)
    return len(rows)
