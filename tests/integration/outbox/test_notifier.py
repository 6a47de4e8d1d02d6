"""The Notifier port over the outbox: staff notices are queued once, for staff who have Telegram."""
from __future__ import annotations

from copilot.outbox import OutboxNotifier
from tests.integration.campaigns.conftest import FixedClock, seed


def test_a_notice_is_queued_once_even_when_a_replayed_event_repeats_it(engine, uow_factory):
    ids = seed(engine)
    notifier = OutboxNotifier(uow_factory, FixedClock())
    notifier.notify_staff(ids.staff["G1"], "张 购买了 ¥300 — 提成 +¥9")
    notifier.notify_staff(ids.staff["G1"], "张 购买了 ¥300 — 提成 +¥9")
    notifier.notify_staff(ids.staff["G9"], "G9 has no Telegram yet")
    with uow_factory() as uow:
        [item] = uow.outbox.claim(FixedClock().now(), limit=10, lease_seconds=1)
    assert (item.chat_id, item.payload) == (222, {"text": "张 购买了 ¥300 — 提成 +¥9"})


def test_the_container_exposes_the_outbox_notifier_for_the_api(tmp_path):
    from cli.container import Container
    from core.settings import Settings

    assert isinstance(Container(Settings(data_dir=tmp_path)).notifier, OutboxNotifier)
