"""`Notifier` over the outbox: a staff notice becomes an outbox row, sent by the sender later."""
from __future__ import annotations

import hashlib

from core.ports import Clock, UnitOfWork, UnitOfWorkFactory


def enqueue_staff(uow: UnitOfWork, staff_id: int, payload: dict, dedupe_key: str, now) -> bool:
    """Queue a message for a staff member; False if they have no Telegram yet or it was queued before."""
    staff = uow.staff.get(staff_id)
    if staff is None or staff.telegram_user_id is None:
        return False
    return uow.outbox.enqueue(dedupe_key=dedupe_key, chat_id=staff.telegram_user_id, payload=payload, now=now)


class OutboxNotifier:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory, self._clock = uow_factory, clock

    def notify_staff(self, staff_id: int, text: str) -> None:
        # The port carries no key, so the text is the key: a replayed webhook's notice is not sent twice.
        digest = hashlib.sha256(text.encode()).hexdigest()[:32]
        with self._uow_factory() as uow:
            enqueue_staff(uow, staff_id, {"text": text}, f"notify:{staff_id}:{digest}", self._clock.now())
            uow.commit()
