"""The month's progress as a chart: sales so far by the day of the sale, the target and the even
pace towards it, labelled in the guide's language (see copilot/charting.py for fonts)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.features.formatting import CURRENCY, month_name
from bot.texts import Texts
from copilot import charting
from copilot.guide.earnings import MyMonth

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def month_figure(m: MyMonth, t: Texts) -> Figure:
    fig = charting.figure(6, 3.6)
    ax = fig.add_subplot()
    days = list(range(1, len(m.cumulative_sales) + 1))
    sales = [float(v) for v in m.cumulative_sales]
    ax.plot(days, sales, marker="o", markersize=3, label=t("chart.me.sales"), color="#1f77b4")
    target = float(m.target)
    if target > 0:
        ax.axhline(target, linestyle="--", color="grey", label=t("chart.me.target"))
        ax.plot([0, m.days_in_month], [0, target], linestyle=":", color="green", label=t("chart.me.pace"))
    ax.axvline(m.today.day, color="#d62728", alpha=0.3, linewidth=1)
    ax.annotate(t("chart.me.today"), (m.today.day, 1), xycoords=("data", "axes fraction"), xytext=(3, -12),
                textcoords="offset points", fontsize=8, color="#d62728")
    top = max([target, *sales, 0.0])
    if top == 0:
        ax.text(m.days_in_month / 2, 0.5, t("chart.me.empty"), ha="center", va="center", color="grey")
    ax.set_ylim(0, top * 1.12 if top else 1)
    ax.set_xlim(0.5, m.days_in_month + 0.5)
    ax.set_xticks(sorted({1, 5, 10, 15, 20, 25, m.days_in_month}))
    charting.money_axis(ax, CURRENCY)
    if top == 0:
        ax.set_yticks([0])
    ax.set_title(t("chart.me.title", month=month_name(m.today, t.language)))
    ax.set_xlabel(t("chart.me.day"))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def progress_png(m: MyMonth, t: Texts) -> bytes:
    return charting.png(month_figure(m, t))
