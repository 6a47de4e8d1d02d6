"""How /today reads: the day's budget and what is left of it, one line per customer (an open care
task marked 📋 with its campaign), ten to a page, the chosen filter kept on every button."""
from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot import keyboards
from bot.callbacks import SEGMENT_NAMES, Segment
from bot.features.formatting import tier
from bot.texts import Texts
from copilot.guide.day import DayItem, GuideDay
from copilot.scoring import Status

PER_PAGE = 10
TASK_NAME = 12  # characters of a campaign's name on a list line: a brief can be a paragraph


def day_screen(t: Texts, day: GuideDay, segment: Segment, page: int, owner: int) -> tuple[str, InlineKeyboardMarkup]:
    items, page, pages = day.page(page, PER_PAGE)
    first = page * PER_PAGE
    people = [(item.line.customer_id, _label(t, first + n, item)) for n, item in enumerate(items, 1)]
    return _text(t, day, segment, items, first, page, pages), keyboards.today_list(t, owner, people, page, pages,
                                                                                    segment)


def _text(t: Texts, day: GuideDay, segment: Segment, items: list[DayItem], first: int, page: int,
          pages: int) -> str:
    if segment is Segment.ALL:
        title = t("today.title", left=day.left, budget=day.budget, contacted=day.contacted)
    else:
        title = t("today.title_segment", segment=t(f"seg.{SEGMENT_NAMES[segment]}"), left=day.left)
    if pages > 1:
        title += "\n" + t("today.pages", page=page + 1, pages=pages)
    if not items:
        done = segment is Segment.ALL and day.contacted >= day.budget
        return title + "\n\n" + (t("today.done", budget=day.budget) if done else t("today.empty"))
    # Quiet hours hold for everyone at once: say it once, not as every line's reason.
    head = [title, t("today.quiet")] if any(i.line.status is Status.QUIET_HOURS for i in items) else [title]
    return "\n".join([*head, "", *(_line(t, first + n, item) for n, item in enumerate(items, 1))])


def _line(t: Texts, n: int, item: DayItem) -> str:
    line = item.line
    values = dict(n=n, name=line.name, tier=tier(t, line.tier), reason=_main_reason(item))
    if not item.task_id:
        return t("today.line", **values)
    name = item.task_name if len(item.task_name) <= TASK_NAME else item.task_name[:TASK_NAME] + "…"
    return t("today.task_line", task=name, **values)


def _label(t: Texts, n: int, item: DayItem) -> str:
    return t("today.task_label", n=n, name=item.line.name) if item.task_id else f"{n}. {item.line.name}"


def _main_reason(item: DayItem) -> str:
    line = item.line
    reasons = line.reasons[1:] if line.status is Status.QUIET_HOURS and len(line.reasons) > 1 else line.reasons
    return reasons[0] if reasons else ""
