"""A user who blocked the bot and came back: any update from their chat lifts the outbox's block, so
new messages reach them again, while the ones held meanwhile expire unsent. The real Dispatcher, the
real outbox sender over the recording Bot session, the real database."""
from __future__ import annotations

from datetime import timedelta

from aiogram.exceptions import TelegramForbiddenError
from sqlalchemy import event, select

from bot.messenger import AiogramMessenger
from copilot.outbox import OutboxSender, enqueue_staff
from copilot.outbox.reachable import EXPIRED
from db.tables_ops import OutboxRow
from tests.bot.conftest import GUIDE, GUIDE_EN
from tests.bot.customer_steps import staff_by


def notify(brand, clock, external_id: str, text: str) -> None:
    with brand() as uow:
        enqueue_staff(uow, staff_by(brand, external_id).id, {"text": text}, text, clock.now())
        uow.commit()


async def send_outbox(client, brand, clock) -> None:
    async def sleep(seconds: float) -> None:
        clock.current += timedelta(seconds=seconds)  # the per-chat spacing passes without waiting

    await OutboxSender(brand, AiogramMessenger(client.bot), clock, sleep=sleep).drain()


def outbox(brand) -> dict[str, tuple[str, str]]:
    with brand() as uow:
        rows = uow.session.execute(select(OutboxRow.dedupe_key, OutboxRow.status, OutboxRow.error))
        return {key: (status, error) for key, status, error in rows}


async def block_the_bot(client, brand, clock) -> None:
    """The guide blocked the bot: the next delivery gets a 403 and a later message is held."""
    notify(brand, clock, "G1", "task reminder")
    client.session.fail_once("SendMessage", lambda m: TelegramForbiddenError(m, "Forbidden: bot was blocked"))
    await send_outbox(client, brand, clock)
    notify(brand, clock, "G1", "campaign notice")
    assert {s for s, _ in outbox(brand).values()} == {"blocked"}


async def test_a_user_who_writes_again_gets_new_messages_but_not_the_ones_held_while_blocked(client, brand, clock):
    await block_the_bot(client, brand, clock)
    await client.send(GUIDE, "/help")
    notify(brand, clock, "G1", "new task")
    await send_outbox(client, brand, clock)
    texts = client.texts(GUIDE)
    assert texts[-1] == "new task"
    assert not any(t in ("task reminder", "campaign notice") for t in texts)
    rows = outbox(brand)
    assert rows["task reminder"] == rows["campaign notice"] == ("expired", EXPIRED)
    assert rows["new task"][0] == "sent"


async def test_pressing_any_button_counts_as_coming_back_even_when_the_handler_refuses_it(client, brand, clock):
    await client.send(GUIDE, "/help")  # a message in the chat, for the button to sit on
    await block_the_bot(client, brand, clock)
    await client.press_raw(GUIDE, "zz:stale")  # refused, and its unit of work rolled back
    assert client.callback_answers()[-1].text
    assert {s for s, _ in outbox(brand).values()} == {"expired"}


async def test_a_chat_that_never_blocked_the_bot_costs_one_lookup_and_changes_nothing(client, brand, clock, engine):
    notify(brand, clock, "G1", "waiting for the sender")
    notify(brand, clock, "G2", "held for another guide")
    with brand() as uow:
        uow.outbox.block_chat(GUIDE_EN.id, "Forbidden: bot was blocked")
        uow.commit()
    before = outbox(brand)
    statements: list[str] = []

    def listener(conn, cursor, statement, *rest) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        await client.send(GUIDE, "/help")
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert [s.split()[0].upper() for s in statements if "outbox" in s.lower()] == ["SELECT"]
    assert "/today" in client.last(GUIDE).text  # /help answered as ever
    assert outbox(brand) == before  # the pending row still waits, and the other guide's block holds
    assert before["held for another guide"][0] == "blocked"
