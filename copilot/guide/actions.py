"""What a guide does with a customer from the bot: put them aside, or record a contact.

Every action authorizes the customer against the acting staff member first (copilot.access.authorize).
Contacts go through copilot.contacts.outreach.log_outreach, so opt-outs and fatigue hold for them too.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from copilot.access import authorize
from copilot.contacts.outreach import Channel, Source, log_outreach
from core.domain import Staff
from core.errors import Conflict, InvalidInput
from core.ports import ConversationMessage, UnitOfWork


class PutAside(StrEnum):
    SNOOZE = "snooze"
    NOT_INTERESTED = "not_interested"


SNOOZE_DAYS = (1, 7)
# "Not interested" is not an opt-out (only the customer can opt out): it rests them for a season,
# after which their own behaviour may have changed and they may rank again.
NOT_INTERESTED_DAYS = 90


def snooze(uow: UnitOfWork, staff: Staff, customer_id: int, now: datetime, days: int) -> datetime:
    if days not in SNOOZE_DAYS:
        raise InvalidInput(f"snooze for {days} days is not offered")
    return _put_aside(uow, staff, customer_id, now, PutAside.SNOOZE, days)


def not_interested(uow: UnitOfWork, staff: Staff, customer_id: int, now: datetime) -> datetime:
    return _put_aside(uow, staff, customer_id, now, PutAside.NOT_INTERESTED, NOT_INTERESTED_DAYS)


def _put_aside(uow: UnitOfWork, staff: Staff, customer_id: int, now: datetime, kind: PutAside,
               days: int) -> datetime:
    customer = authorize(uow, staff, customer_id)
    until = now + timedelta(days=days)
    uow.guide_actions.add(customer_id=customer.id, guide_id=staff.id, kind=kind.value, until=until,
                          created_at=now)
    return until


def lift_put_aside(uow: UnitOfWork, staff: Staff, customer_id: int, now: datetime) -> bool:
    """Undo a snooze or "not interested": the customer is back in /today at once. False when
    nothing hid them (a second press of Undo changes nothing)."""
    customer = authorize(uow, staff, customer_id)
    return uow.guide_actions.lift(customer.id, now) > 0


class AlreadyContacted(Conflict):
    """A second "contacted" for the same customer on the same day (e.g. "mark sent", then "mark
    contacted"): one conversation is one contact, for the guide's count and for fatigue caps."""

    code = "already_contacted"

    def __init__(self, message: str, *, at: datetime, channel: str) -> None:
        super().__init__(message)
        self.at, self.channel = at, channel


def hidden_customers(uow: UnitOfWork, staff: Staff, now: datetime) -> set[int]:
    return uow.guide_actions.hidden(staff.id, now)


def record_contact(uow: UnitOfWork, staff: Staff, customer_id: int, now: datetime, *, channel: Channel,
                   text: str = "", products: list[str] | None = None, day_start: datetime | None = None) -> int | None:
    """The guide contacted the customer (sent by the bot, or personally and marked).

    With `day_start` (the guide's local midnight), a contact already logged since then is the same
    conversation: marking it again raises AlreadyContacted; a message the bot really sends goes out
    and shows in the conversation, but is not counted a second time (returns None)."""
    customer = authorize(uow, staff, customer_id)
    last = uow.guide_actions.last_contact(customer.id) if day_start is not None else None
    again = last is not None and last[0] >= day_start
    if again and channel is not Channel.BOT:
        raise AlreadyContacted(f"customer {customer.id} was contacted at {last[0]:%H:%M} already",
                               at=last[0], channel=last[2])
    outreach_id = None if again else log_outreach(
        uow, customer_id=customer.id, guide_id=staff.id, source=Source.GUIDE, channel=channel, text=text,
        products=list(products or []), now=now)
    if channel is Channel.BOT and text:
        # The customer reads it in their chat with the brand bot, so the guide's conversation view
        # (and the suggested replies built from it) must show it too.
        uow.conversations.add_message(ConversationMessage(customer.id, staff.id, "out", text, now, None))
    return outreach_id
