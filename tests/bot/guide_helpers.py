"""Shortcuts for the guide-screen tests."""
from __future__ import annotations

import re

from bot.callbacks import CardAction, CardCb
from tests.bot.selling import customer_id


def staff_id(uow_factory, user) -> int:
    with uow_factory() as uow:
        return uow.staff.get_by_telegram(user.id).id


async def open_card(client, uow_factory, user, external_id: str, action: CardAction = CardAction.OPEN) -> None:
    """Press a card button as the guide would from /today (the payload /today renders)."""
    if user.id not in client.session.touched:
        await client.send(user, "/today")  # a callback needs a message to be pressed on
    data = CardCb(u=staff_id(uow_factory, user), c=customer_id(uow_factory, external_id), a=action).pack()
    await client.press_raw(user, data)


def today_names(text: str) -> list[str]:
    """Customer names of a /today screen, in order."""
    return [m.group(1) for line in text.splitlines() if (m := re.match(r"\d+\. <b>(.*?)</b>", line))]


def outreach(uow_factory, external_id: str) -> list[tuple]:
    from sqlalchemy import select

    from db.tables_ops import OutreachRow

    with uow_factory() as uow:
        rows = uow.session.execute(select(OutreachRow.channel, OutreachRow.text, OutreachRow.products)
                                   .where(OutreachRow.customer_id == customer_id(uow_factory, external_id)))
        return [tuple(r) for r in rows]
