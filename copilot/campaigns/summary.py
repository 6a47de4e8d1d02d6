"""A short plain-words reading of a campaign report, and what to try in the next round."""
from __future__ import annotations

from copilot.campaigns.report import CampaignReport
from copilot.campaigns.stats import rate


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _pts(x: float) -> str:
    return f"{100 * x:+.1f}"


def summary(report: CampaignReport, language: str = "en") -> str:
    t, u = report.total, report.uplift
    zh = language == "zh"
    lines = [(f"{t.tasks:,} 位顾客分给导购：已联系 {t.contacted}（{_pct(rate(t.contacted, t.tasks))}），回复 {t.replied}，"
              f"购买 {t.converted}，业绩 {t.revenue:,.2f}，提成 {t.commission:,.2f}。") if zh else
             (f"{t.tasks:,} customers given to guides: {t.contacted} contacted ({_pct(rate(t.contacted, t.tasks))}), "
              f"{t.replied} replied, {t.converted} bought; {t.revenue:,.2f} in sales, {t.commission:,.2f} commission.")]
    if u is not None:
        verdict = ("显著" if u.significant else "尚不显著") if zh else ("significant" if u.significant else "not significant yet")
        lines.append(
            (f"转化率 {_pct(rate(u.treated_converted, u.treated))}，对照组 {_pct(rate(u.holdout_converted, u.holdout))}："
             f"提升 {_pts(u.diff)} 个百分点（95% 置信区间 {_pts(u.ci_low)} 至 {_pts(u.ci_high)}，"
             f"p={u.p_value:.3f}，{verdict}）。")
            if zh else
            (f"Conversion {_pct(rate(u.treated_converted, u.treated))} vs {_pct(rate(u.holdout_converted, u.holdout))} "
             f"in the holdout: {_pts(u.diff)} points (95% CI {_pts(u.ci_low)} to {_pts(u.ci_high)}, "
             f"p={u.p_value:.3f}, {verdict})."))
    lines.append(next_round(report, language))
    return "\n".join(lines)


def next_round(report: CampaignReport, language: str = "en") -> str:
    zh = language == "zh"
    tips = []
    if len(report.by_variant) > 1:
        best = max(report.by_variant.items(), key=lambda kv: kv[1].conversion())
        tips.append(f"全部使用文案 {best[0]}" if zh else f"use variant {best[0]} for everyone")
    slow = [name for name, f in report.by_guide.items() if f.tasks and f.contacted / f.tasks < 0.5]
    if slow:
        tips.append(("跟进完成率低于 50% 的导购：" if zh else "follow up guides below 50% completion: ") + ", ".join(slow))
    u = report.uplift
    if u is not None and not u.significant:
        tips.append("扩大人群或保留对照组再跑一轮" if zh else "run again on a larger segment, keeping a holdout")
    elif u is None:
        tips.append("下一轮保留 10% 对照组以衡量效果" if zh else "keep a 10% holdout next time to measure uplift")
    if not tips:
        tips.append("同样的方式推广到相似人群" if zh else "repeat on a similar segment")
    return ("下一轮建议：" if zh else "Next round: ") + ("；" if zh else "; ").join(tips) + ("。" if zh else ".")
