"""/goal: the month's target, sales so far, the gap, and the planner's suggested contacts."""
from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot import keyboards
from bot.features.formatting import money
from bot.filters import KindIs
from bot.sending import reply
from bot.texts import Texts
from copilot.database import Database
from copilot.guide.service import GuideService
from copilot.staff import Identity, Kind

def router() -> Router:
    r = Router(name="goal")
    r.message.filter(KindIs(Kind.STAFF))
    r.message.register(open_goal, Command("goal"))
    return r


async def open_goal(message: Message, identity: Identity, t: Texts, db: Database, guide: GuideService) -> None:
    staff = identity.staff
    g = await db.read(guide.goal, staff)
    lines = [t("goal.title")]
    if g.target <= 0:
        lines.append(t("goal.no_target"))
    # The gap is printed once, exactly; the plan names as many contacts as it counts, and its total
    # is the sum of the values listed (one money formatter for all of them).
    lines.append(t("goal.figures", target=money(g.target), sales=money(g.month_to_date), gap=money(g.gap)))
    if g.target > 0 and g.gap <= 0:
        lines.append(t("goal.reached"))
    if g.contacts:
        lines += ["", t("goal.plan", n=len(g.contacts), total=money(sum(c.value for c in g.contacts)))]
        lines += [t("goal.line", n=n, name=c.name, value=money(c.value), reason=c.reasons[0] if c.reasons else "")
                  for n, c in enumerate(g.contacts, 1)]
    elif g.gap > 0:
        lines.append(t("goal.nobody"))
    people = [(c.customer_id, f"{n}. {c.name}") for n, c in enumerate(g.contacts, 1)]
    await reply(message, "\n".join(lines), keyboards.contacts(t, staff.id, people) if people else None)
