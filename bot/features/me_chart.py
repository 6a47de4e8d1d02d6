"""The month's progress as a PNG: sales so far by day, the target and the even pace towards it.

Labels are numbers and short English words: the server may have no CJK font, and a chart of boxes
helps nobody. matplotlib is imported on first use (it costs ~0.5 s), with the Agg backend (no display).
"""
from __future__ import annotations

import io

from copilot.guide.earnings import MyMonth


def progress_png(m: MyMonth) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 3.2), dpi=110)
    ax = fig.add_subplot()
    days = list(range(1, len(m.cumulative_sales) + 1))
    ax.plot(days, [float(v) for v in m.cumulative_sales], marker="o", markersize=3, label="sales")
    if m.target > 0:
        ax.axhline(float(m.target), linestyle="--", color="grey", label="target")
        ax.plot([0, m.days_in_month], [0, float(m.target)], linestyle=":", color="green", label="even pace")
    ax.set_xlim(0, m.days_in_month)
    ax.set_xlabel(m.today.strftime("%Y-%m") + ", day")
    ax.set_ylabel("¥")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
