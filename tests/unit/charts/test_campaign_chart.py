"""The campaign report chart: labels in the manager's language, no negative axis without data."""
from datetime import UTC, datetime

from copilot.campaigns.chart import chart_png, report_figure
from copilot.campaigns.report import CampaignReport, Figures
from core.ports import Campaign

CAMPAIGN = Campaign(7, "首购未复购关怀", "first_to_second", "first_time_no_repeat", {}, "", [], 0.1, None, None,
                    datetime(2026, 11, 1, tzinfo=UTC), "open")


def _labels(ax) -> list[str]:
    return [tick.get_text() for tick in ax.get_xticklabels()]


def test_an_empty_report_has_axes_from_zero_and_says_there_is_no_data_yet():
    funnel, conversion = report_figure(CampaignReport(CAMPAIGN, Figures(), Figures()), "zh").axes
    assert funnel.get_ylim()[0] == 0 and funnel.get_ylim()[1] >= 1
    assert conversion.get_ylim()[0] == 0 and conversion.get_ylim()[1] > 0
    assert "还没有数据" in [t.get_text() for t in conversion.texts]


def test_labels_are_in_the_managers_language_with_the_funnel_counts_on_the_bars():
    report = CampaignReport(CAMPAIGN, Figures(tasks=100, contacted=60, replied=30, converted=20),
                            Figures(tasks=12, converted=1),
                            by_variant={"A": Figures(tasks=50, converted=12), "B": Figures(tasks=50, converted=8)})
    zh_funnel, zh_conversion = report_figure(report, "zh").axes
    assert _labels(zh_funnel) == ["任务", "已联系", "已回复", "已购买"]
    assert _labels(zh_conversion) == ["文案A", "文案B", "对照组"]
    assert [t.get_text() for t in zh_funnel.texts] == ["100", "60", "30", "20"]
    en_funnel, en_conversion = report_figure(report, "en").axes
    assert _labels(en_funnel) == ["tasks", "contacted", "replied", "bought"]
    assert en_conversion.get_title() == "Conversion % (95% CI)"
    assert [round(p.get_height()) for p in en_conversion.patches] == [24, 16, 8]
    assert chart_png(report, "zh").startswith(b"\x89PNG")
