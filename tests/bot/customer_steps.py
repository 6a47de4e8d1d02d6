"""Steps shared by the customer bot tests: a guide's link, joining through it, reading the database."""
from __future__ import annotations

from datetime import UTC, datetime

from aiogram.types import Chat, Contact, Message, Update
from sqlalchemy import insert, select

from copilot import customers
from db.tables_ops import CareTaskRow
from tests.bot.client import TgUser
from tests.bot.conftest import NOW

LILY = TgUser(7001, "Lily", "en")
MEI = TgUser(7002, "Mei", "zh")


def staff_by(uow_factory, external_id):
    with uow_factory() as uow:
        return uow.staff.get_by_external(external_id)


def link_for(uow_factory, external_id="G1") -> str:
    with uow_factory() as uow:
        code = customers.link_code(uow, uow.staff.get_by_external(external_id), NOW)
        uow.commit()
    return customers.link_payload(code)


def customer_of(uow_factory, user: TgUser):
    with uow_factory() as uow:
        return uow.telegram_accounts.customer(user.id)


async def join_via_link(client, brand, user: TgUser, guide="G1"):
    await client.send(user, f"/start {link_for(brand, guide)}")
    await client.click(user, "✅ Agree and start" if user.language_code == "en" else "✅ 同意并开始")


def open_task(uow_factory, customer_id: int) -> None:
    with uow_factory() as uow:
        uow.session.execute(insert(CareTaskRow).values(customer_id=customer_id, kind="care", created_at=NOW))
        uow.commit()


def task_state(uow_factory, customer_id: int) -> tuple[str, str | None]:
    with uow_factory() as uow:
        row = uow.session.execute(select(CareTaskRow.status, CareTaskRow.outcome)
                                  .where(CareTaskRow.customer_id == customer_id)).one()
    return tuple(row)


async def share_contact(client, user: TgUser, phone: str, owner_id: int) -> None:
    message = Message(message_id=90_000 + owner_id % 1000, date=datetime.now(UTC), from_user=user.as_user(),
                      chat=Chat(id=user.id, type="private"),
                      contact=Contact(phone_number=phone, first_name=user.first_name, user_id=owner_id))
    await client.dp.feed_update(client.bot, Update(update_id=90_000 + owner_id % 1000, message=message))
