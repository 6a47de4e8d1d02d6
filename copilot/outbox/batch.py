"""One claimed batch, in sending order: the row whose chat is free soonest goes first, so one busy
chat (one message a second) never holds up the others."""
from __future__ import annotations

import heapq

from copilot.outbox.limits import ChatSpacing
from core.ports import OutboxItem


class Batch:
    def __init__(self, items: list[OutboxItem], chats: ChatSpacing) -> None:
        self._chats = chats
        self._queue = [(chats.ready_at(item.chat_id), item.id, item) for item in items]
        heapq.heapify(self._queue)
        self._gone: set[int] = set()  # ids no longer ours (blocked chat, lease taken over)
        self.lost = 0  # rows another sender took over
        self.lease = items[0].lease if items else ""

    def next(self) -> OutboxItem | None:
        while self._queue:
            ready, _, item = heapq.heappop(self._queue)
            if item.id in self._gone:
                continue
            if self._chats.ready_at(item.chat_id) > ready:  # its chat was sent to since: requeue behind others
                heapq.heappush(self._queue, (self._chats.ready_at(item.chat_id), item.id, item))
                continue
            return item
        return None

    def waiting(self) -> list[int]:
        """Ids still to send, whose leases are renewed along with the next one sent."""
        return [item.id for _, _, item in self._queue if item.id not in self._gone]

    def keep_only(self, held: set[int]) -> None:
        lost = [i for i in self.waiting() if i not in held]
        self._gone.update(lost)
        self.lost += len(lost)

    def drop_chat(self, chat_id: int) -> None:
        self._gone.update(item.id for _, _, item in self._queue if item.chat_id == chat_id)
