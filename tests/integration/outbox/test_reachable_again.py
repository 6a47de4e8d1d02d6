"""A chat that blocked the bot and came back: new messages go out again, the held ones expire unsent.
The real database (SQLite and PostgreSQL), the real sender, a recording messenger."""
from __future__ import annotations

from sqlalchemy import inspect, select

from copilot.outbox import Limits, OutboxSender
from copilot.outbox.reachable import EXPIRED, chat_is_back
from core.ports import DeliveryBlocked
from db.tables_ops import OutboxRow


def enqueue(uow_factory, clock, chat: int, *texts: str) -> None:
    with uow_factory() as uow:
        for text in texts:
            uow.outbox.enqueue(dedupe_key=text, chat_id=chat, payload={"text": text}, now=clock.now())
        uow.commit()


def statuses(uow_factory) -> dict[str, tuple[str, str]]:
    with uow_factory() as uow:
        rows = uow.session.execute(select(OutboxRow.dedupe_key, OutboxRow.status, OutboxRow.error))
        return {key: (status, error) for key, status, error in rows}


def come_back(uow_factory, chat: int) -> int:
    with uow_factory() as uow:
        expired = chat_is_back(uow, chat)
        uow.commit()
    return expired


async def block_by_sending(uow_factory, clock, messenger, chat: int, text: str) -> None:
    enqueue(uow_factory, clock, chat, text)
    messenger.script.append(DeliveryBlocked("Forbidden: bot was blocked by the user"))
    report = await OutboxSender(uow_factory, messenger, clock, limits=Limits(), sleep=clock.sleep).drain()
    assert report.blocked == 1


async def test_a_chat_that_comes_back_gets_new_messages_and_never_the_held_ones(uow_factory, clock, messenger):
    await block_by_sending(uow_factory, clock, messenger, 7, "reminder")
    enqueue(uow_factory, clock, 7, "campaign notice")
    assert statuses(uow_factory)["campaign notice"][0] == "blocked"
    assert come_back(uow_factory, 7) == 2
    enqueue(uow_factory, clock, 7, "fresh news")
    await OutboxSender(uow_factory, messenger, clock, limits=Limits(), sleep=clock.sleep).drain()
    assert [text for _, text, _ in messenger.delivered] == ["fresh news"]
    kept = statuses(uow_factory)
    assert kept["reminder"] == kept["campaign notice"] == ("expired", EXPIRED)
    assert kept["fresh news"][0] == "sent"


async def test_a_chat_that_never_blocked_the_bot_is_left_exactly_as_it_was(uow_factory, clock, messenger):
    await block_by_sending(uow_factory, clock, messenger, 8, "to someone else")
    enqueue(uow_factory, clock, 7, "waiting")
    before = statuses(uow_factory)
    assert come_back(uow_factory, 7) == 0
    assert statuses(uow_factory) == before  # and chat 8's block holds: only its own update lifts it
    assert before["to someone else"][0] == "blocked"


async def test_coming_back_twice_expires_nothing_more(uow_factory, clock, messenger):
    await block_by_sending(uow_factory, clock, messenger, 7, "reminder")
    assert come_back(uow_factory, 7) == 1
    assert come_back(uow_factory, 7) == 0
    assert statuses(uow_factory)["reminder"][0] == "expired"


def test_whether_a_chat_is_blocked_is_answered_by_an_index_on_chat_and_status(engine):
    indexes = {tuple(ix["column_names"]) for ix in inspect(engine).get_indexes("outbox")}
    assert ("chat_id", "status") in indexes
