"""Two senders on one outbox (a bot replica and a cron `outbox send`): claims are fenced, leases are
renewed while a batch is worked on, so a slow or frozen sender never makes a message go out twice."""
from __future__ import annotations

import asyncio
from collections import Counter

from copilot.outbox import OutboxSender
from core.ports import DeliveryRetryAfter
from tests.integration.outbox.conftest import FakeMessenger
from tests.integration.outbox.test_sender import counts, enqueue


class SlowMessenger(FakeMessenger):
    """Each send takes `seconds` of the shared virtual clock and lets the other sender run meanwhile."""

    seconds: float = 2.0

    async def send(self, chat_id: int, payload: dict) -> None:
        self.clock.advance(self.seconds)
        await asyncio.sleep(0)
        await super().send(chat_id, payload)


async def test_two_senders_with_sends_slower_than_the_lease_deliver_every_message_exactly_once(uow_factory, clock):
    enqueue(uow_factory, clock, [(chat, f"m{chat}") for chat in range(1, 101)])
    first, second = SlowMessenger(clock), SlowMessenger(clock)

    async def work(messenger) -> None:
        sender = OutboxSender(uow_factory, messenger, clock, sleep=clock.sleep)  # the default limits
        while counts(uow_factory).get("sent", 0) < 100:
            await sender.run_once()
            await asyncio.sleep(0)

    await asyncio.wait_for(asyncio.gather(work(first), work(second)), 120)
    delivered = Counter(text for _, text, _ in first.delivered + second.delivered)
    assert delivered == {f"m{chat}": 1 for chat in range(1, 101)}  # 200 s of sending, leases of 120 s
    assert first.delivered and second.delivered  # both worked: the second was not just idle
    assert counts(uow_factory) == {"sent": 100}


async def test_a_sender_whose_lease_lapsed_sends_and_records_nothing_for_the_rows_another_took_over(
        uow_factory, clock):
    enqueue(uow_factory, clock, [(chat, f"m{chat}") for chat in range(1, 11)])
    frozen, asleep = asyncio.Event(), asyncio.Event()

    async def freeze(seconds: float) -> None:  # a stopped process, a long GC pause, a 45 s 429 and more
        clock.advance(seconds)
        asleep.set()
        await frozen.wait()

    stale = FakeMessenger(clock)
    stale.script.append(DeliveryRetryAfter(45))  # the first send is answered 429: wait 45 s, holding the rest
    paused = asyncio.create_task(OutboxSender(uow_factory, stale, clock, sleep=freeze).run_once())
    await asyncio.wait_for(asleep.wait(), 30)

    clock.advance(200)  # well past the 120 s lease
    fresh = FakeMessenger(clock)
    await OutboxSender(uow_factory, fresh, clock, sleep=clock.sleep).drain()
    frozen.set()
    report = await asyncio.wait_for(paused, 30)

    assert stale.delivered == []  # the lapsed sender sent nothing once it woke up
    assert report.lost == 9 and report.sent == 0
    assert Counter(text for _, text, _ in fresh.delivered) == {f"m{chat}": 1 for chat in range(1, 11)}
    assert counts(uow_factory) == {"sent": 10}  # and its late bookkeeping changed no row back


async def test_a_lapsed_claim_cannot_give_back_or_fail_a_row_another_claim_holds(uow_factory, clock):
    enqueue(uow_factory, clock, [(1, "only")])
    with uow_factory() as uow:
        [old] = uow.outbox.claim(clock.now(), limit=5, lease_seconds=10)
        uow.commit()
    clock.advance(11)
    with uow_factory() as uow:
        [new] = uow.outbox.claim(clock.now(), limit=5, lease_seconds=10)
        assert new.lease != old.lease
        assert uow.outbox.retry_at(old.id, old.lease, clock.now(), "late") is False
        assert uow.outbox.fail(old.id, old.lease, "late") is False
        assert uow.outbox.renew([old.id], old.lease, clock.now()) == set()
        assert uow.outbox.renew([new.id], new.lease, clock.now()) == {new.id}
        uow.commit()
    assert counts(uow_factory) == {"sending": 1}

