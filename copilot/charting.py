"""What every chart shares: matplotlib off-screen, a CJK font for Chinese labels, PNG bytes.

Charts use `matplotlib.figure.Figure` directly, never pyplot: pyplot keeps global figure state,
and the bot renders charts in worker threads. matplotlib is imported on first use (~0.5 s).
The set-up scripts install Debian's Noto CJK (fonts-noto-cjk); without a CJK font, Chinese labels
would render as boxes, so that is logged once as a warning.
"""
from __future__ import annotations

import io
import logging
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "Microsoft YaHei", "PingFang SC", "SimHei", "Droid Sans Fallback")
CJK_FILES = ("NotoSansCJK", "SourceHanSans", "wqy-zenhei", "DroidSansFallback")


@cache
def cjk_font() -> str | None:
    """The first installed CJK font, put first in matplotlib's sans-serif list (once per process)."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers
    from matplotlib import font_manager, rcParams

    found = _installed_cjk(font_manager)
    if found is None:
        # matplotlib caches the font list on first use: a font installed after that (the set-up
        # scripts install it after pip) is only found by looking at the system's fonts again.
        for path in font_manager.findSystemFonts():
            if any(part in path for part in CJK_FILES):
                font_manager.fontManager.addfont(path)
        found = _installed_cjk(font_manager)
    if found is None:
        log.warning("no CJK font installed (Debian: fonts-noto-cjk): Chinese chart labels will show as boxes")
        return None
    rcParams["font.sans-serif"] = [found, *rcParams["font.sans-serif"]]
    rcParams["axes.unicode_minus"] = False  # CJK fonts often lack the minus sign glyph
    return found


def _installed_cjk(font_manager) -> str | None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def figure(width: float, height: float, dpi: int = 110) -> Figure:
    cjk_font()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=dpi)


def money_axis(ax: Axes, currency: str) -> None:
    """A y axis of amounts: starts at 0, ticks like ¥12,000."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True, min_n_ticks=2))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{currency}{v:,.0f}"))


def count_axis(ax: Axes, top: float) -> None:
    """A y axis of counts: whole numbers from 0, never a negative range when everything is 0."""
    from matplotlib.ticker import MaxNLocator

    ax.set_ylim(0, max(top, 1) * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
