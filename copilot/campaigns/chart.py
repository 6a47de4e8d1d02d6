"""The report chart: the task funnel and conversion per variant against the holdout, as PNG bytes."""
from __future__ import annotations

import io

from copilot.campaigns.report import CampaignReport
from copilot.campaigns.stats import Z95, rate


CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC",
             "SimHei", "Droid Sans Fallback")


def _title(report: CampaignReport) -> str:
    """The campaign name; on a server without a CJK font, Chinese would print as boxes: use the id."""
    from matplotlib import font_manager, rcParams

    name = report.campaign.name
    if name.isascii():
        return name
    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = [f for f in CJK_FONTS if f in installed]
    if found:
        rcParams["font.sans-serif"] = [*found, *rcParams["font.sans-serif"]]
        return name
    return f"Campaign {report.campaign.id}"


def chart_png(report: CampaignReport) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; set before pyplot is imported
    from matplotlib import pyplot as plt

    t = report.total
    fig, (funnel, conv) = plt.subplots(1, 2, figsize=(9, 3.6), dpi=100)
    stages = [("tasks", t.tasks), ("contacted", t.contacted), ("replied", t.replied), ("bought", t.converted)]
    funnel.bar([s for s, _ in stages], [v for _, v in stages], color="#4C72B0")
    funnel.set_title("Funnel")
    groups = [(k, f.converted, f.tasks) for k, f in report.by_variant.items()]
    if report.holdout.tasks:
        groups.append(("holdout", report.holdout.converted, report.holdout.tasks))
    rates = [rate(x, n) for _, x, n in groups]
    errors = [Z95 * (r * (1 - r) / n) ** 0.5 if n else 0 for r, (_, _, n) in zip(rates, groups)]
    conv.bar([g for g, _, _ in groups], [100 * r for r in rates], yerr=[100 * e for e in errors], capsize=4,
             color=["#55A868"] * (len(groups) - bool(report.holdout.tasks)) + ["#C44E52"] * bool(report.holdout.tasks))
    conv.set_title("Conversion % (95% CI)")
    fig.suptitle(_title(report))
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()
