"""The bot's outbox sender against a database that is locked for a while: it must not die, must say
so in the log and in its heartbeat, back off, and deliver everything exactly once afterwards."""
from __future__ import annotations

import asyncio
import logging
from collections import Counter

from typer.testing import CliRunner

from cli.main import build_app
from copilot.outbox import OutboxSender
from tests.faults.conftest import locked
from tests.integration.outbox.conftest import FakeMessenger, VirtualClock
from tests.integration.outbox.test_sender import counts, enqueue


async def until(condition, timeout: float = 30.0) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), timeout)


async def test_the_sender_outlives_a_locked_database_backs_off_and_then_delivers_each_message_once(
        engine, impatient_uow, caplog):
    clock = VirtualClock()
    enqueue(impatient_uow, clock, [(chat, f"m{chat}") for chat in range(1, 4)])
    messenger = FakeMessenger(clock)
    sender = OutboxSender(impatient_uow, messenger, clock, sleep=clock.sleep)
    with caplog.at_level(logging.ERROR, logger="copilot.outbox"):
        with locked(engine, "outbox", "workers"):
            serving = asyncio.create_task(sender.serve(idle_seconds=1, name="outbox-sender@test"))
            await until(lambda: sender.health.failures >= 3)
        await until(lambda: len(messenger.delivered) == 3 and sender.health.ok)
    serving.cancel()

    assert Counter(text for _, text, _ in messenger.delivered) == {"m1": 1, "m2": 1, "m3": 1}
    assert counts(impatient_uow) == {"sent": 3}
    failures = [r for r in caplog.records if "round failed" in r.getMessage()]
    assert len(failures) >= 3 and failures[0].exc_info is not None  # logged, with the traceback
    assert clock.slept[:3] == [2, 4, 8]  # it backed off, longer each time
    with impatient_uow() as uow:
        [beat] = uow.workers.beats("outbox-sender")
    assert beat.failures == 0 and (clock.now() - beat.beat_at).total_seconds() <= 1  # alive again


def test_outbox_status_says_whether_a_sender_is_alive_and_exits_1_when_none_is(engine, uow_factory, tmp_path,
                                                                              monkeypatch):
    monkeypatch.setenv("GC_DATABASE__URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path))
    clock = VirtualClock()
    runner, app = CliRunner(), build_app()

    def status(seconds_later: int):
        at = clock.now().timestamp() + seconds_later
        return runner.invoke(app, ["--now", clock.now().fromtimestamp(at, clock.now().tzinfo).isoformat(),
                                   "outbox", "status"])

    nobody = status(0)
    assert nobody.exit_code == 1 and "no outbox sender has ever run" in nobody.output
    with uow_factory() as uow:
        uow.workers.beat("outbox-sender@host:1", clock.now(), started_at=clock.now(), failures=0)
        uow.outbox.enqueue(dedupe_key="k", chat_id=1, payload={"text": "x"}, now=clock.now())
        uow.commit()
    alive = status(5)
    assert alive.exit_code == 0, alive.output
    assert "queue: pending 1" in alive.output and "outbox-sender@host:1: alive, last round 5s ago" in alive.output
    with uow_factory() as uow:
        uow.workers.beat("outbox-sender@host:1", clock.now(), started_at=clock.now(), failures=2,
                         error="Unavailable: database busy: database is locked")
        uow.commit()
    failing = status(5)
    assert failing.exit_code == 1 and "failing" in failing.output and "database is locked" in failing.output
    assert status(300).exit_code == 1  # silent for five minutes: down
