"""The report chart: the task funnel and conversion per variant against the holdout, in the
manager's language (copilot/ cannot reach bot/texts, so the few labels live here)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from copilot import charting
from copilot.campaigns.messages import title
from copilot.campaigns.report import CampaignReport
from copilot.campaigns.stats import Z95, rate

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LABELS = {
    "zh": {"funnel": "任务进展（位顾客）", "tasks": "任务", "contacted": "已联系", "replied": "已回复",
           "bought": "已购买", "conversion": "转化率 %（95% 置信区间）", "variant": "文案{name}",
           "holdout": "对照组", "no_holdout": "（无对照组）", "empty": "还没有数据"},
    "en": {"funnel": "Progress (customers)", "tasks": "tasks", "contacted": "contacted", "replied": "replied",
           "bought": "bought", "conversion": "Conversion % (95% CI)", "variant": "copy {name}",
           "holdout": "holdout", "no_holdout": " (no holdout)", "empty": "no data yet"},
}


def report_figure(report: CampaignReport, language: str = "en") -> Figure:
    words = LABELS["zh" if language == "zh" else "en"]
    fig = charting.figure(9, 3.6, dpi=100)
    funnel, conv = fig.subplots(1, 2)
    t = report.total
    stages = [(words[k], v) for k, v in (("tasks", t.tasks), ("contacted", t.contacted), ("replied", t.replied),
                                         ("bought", t.converted))]
    bars = funnel.bar([s for s, _ in stages], [v for _, v in stages], color="#4C72B0")
    funnel.bar_label(bars, fmt="{:,.0f}", fontsize=8)
    charting.count_axis(funnel, max(v for _, v in stages))
    funnel.set_title(words["funnel"])
    groups = [(words["variant"].format(name=k), f.converted, f.tasks) for k, f in report.by_variant.items()]
    if report.holdout.tasks:
        groups.append((words["holdout"], report.holdout.converted, report.holdout.tasks))
    _conversion(conv, groups, bool(report.holdout.tasks), words)
    fig.suptitle(title(report.campaign.name, report.campaign.rule, language))
    fig.tight_layout()
    return fig


def _conversion(ax, groups: list[tuple[str, int, int]], with_holdout: bool, words: dict[str, str]) -> None:
    rates = [rate(x, n) for _, x, n in groups]
    errors = [Z95 * (r * (1 - r) / n) ** 0.5 if n else 0 for r, (_, _, n) in zip(rates, groups)]
    colours = ["#55A868"] * (len(groups) - with_holdout) + ["#C44E52"] * with_holdout
    ax.bar([g for g, _, _ in groups], [100 * r for r in rates], yerr=[100 * e for e in errors], capsize=4,
           color=colours)
    # Percentages from 0: an empty report must not show an axis of -0.04 to 0.04.
    top = max([100 * (r + e) for r, e in zip(rates, errors)] + [0])
    ax.set_ylim(0, min(100, max(top * 1.15, 5)))
    if not groups:
        ax.text(0.5, 0.5, words["empty"], ha="center", va="center", color="grey", transform=ax.transAxes)
        ax.set_xticks([])
    title = words["conversion"] + ("" if with_holdout else words["no_holdout"])
    ax.set_title(title)


def chart_png(report: CampaignReport, language: str = "en") -> bytes:
    return charting.png(report_figure(report, language))
