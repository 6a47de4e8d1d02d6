"""A guide's answer through the relay is a contact like any other for /today's fatigue caps."""
from datetime import timedelta

from sqlalchemy import update

from copilot import customers
from copilot.scoring import Status
from copilot.scoring.reasons import STATUS_TEXT
from db.tables import CustomerRow
from tests.integration.contacts.conftest import NOW


def _bind(uow, customer_id: int) -> None:
    """The customer has opened the guide's link: the relay can reach them."""
    uow.session.execute(update(CustomerRow).where(CustomerRow.id == customer_id)
                        .values(telegram_user_id=900_000 + customer_id, consent="granted"))


def test_a_customer_who_got_a_relayed_reply_today_is_pushed_below_everyone_eligible_with_the_reason(
        scored, service):
    with scored() as uow:
        guide = uow.staff.get_by_external("G01")
        top = service.today(uow, guide, NOW).lines[0]
        _bind(uow, top.customer_id)
        customers.guide_says(uow, guide, top.customer_id, "Yes, it is back in stock.", NOW - timedelta(hours=2))
        lines = service.today(uow, guide, NOW, per_page=1000).lines
    moved = next(line for line in lines if line.customer_id == top.customer_id)
    assert moved.status is Status.RECENTLY_CONTACTED
    rest = STATUS_TEXT[Status.RECENTLY_CONTACTED][guide.language]
    assert moved.reasons[0] == rest.format(d=1)  # today reads "1 day ago", never "0 days"
    assert lines.index(moved) == sum(line.status is Status.OK for line in lines)


def test_a_customer_nobody_answered_keeps_their_place(scored, service):
    with scored() as uow:
        guide = uow.staff.get_by_external("G01")
        first = service.today(uow, guide, NOW).lines[0]
        _bind(uow, first.customer_id)
        again = service.today(uow, guide, NOW).lines[0]
    assert (again.customer_id, again.status) == (first.customer_id, Status.OK)
