"""Keeps the nightly parts of a guide's scoring inputs in memory between their screens.

`/today` for a guide with thousands of contacts spent most of its time re-reading and JSON-decoding
the score snapshot (written once a night) and the categories each customer bought (not used for
ranking). Those two reads are kept per guide for `max_age`; everything that changes during the
day and must count at once (consent, tags, owner, outreach and fatigue, engagement) is still read
live on every call. Bounded to `max_owners` guides, least recently used dropped first.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any

from core.ports import UnitOfWork

CACHED = ("snapshot", "categories_bought")


class ScoringCache:
    def __init__(self, *, max_age: timedelta = timedelta(minutes=10), max_owners: int = 64) -> None:
        self._max_age, self._max_owners = max_age, max_owners
        self._entries: dict[str, OrderedDict[int | None, tuple[datetime, Any]]] = {n: OrderedDict() for n in CACHED}
        self._lock = threading.Lock()  # units of work run in worker threads

    def view(self, uow: UnitOfWork, now: datetime) -> UnitOfWork:
        """`uow` with its scoring reads of snapshot and categories served from the cache."""
        return _UowView(uow, _CachedScoring(uow.scoring, self, now))  # type: ignore[return-value]

    def get(self, name: str, owner_id: int | None, now: datetime, load) -> Any:
        entries = self._entries[name]
        with self._lock:
            hit = entries.get(owner_id)
            if hit is not None and now - hit[0] < self._max_age:
                entries.move_to_end(owner_id)
                return hit[1]
        value = load()  # outside the lock: two threads may both load once, never block each other
        with self._lock:
            entries[owner_id] = (now, value)
            entries.move_to_end(owner_id)
            while len(entries) > self._max_owners:
                entries.popitem(last=False)
        return value


class _CachedScoring:
    def __init__(self, inner, cache: ScoringCache, now: datetime) -> None:
        self._inner, self._cache, self._now = inner, cache, now

    def snapshot(self, owner_id: int | None = None, *, ids=None):
        if ids is not None:  # a few rows: read them
            return self._inner.snapshot(owner_id, ids=ids)
        return self._cache.get("snapshot", owner_id, self._now, lambda: self._inner.snapshot(owner_id))

    def categories_bought(self, owner_id: int | None = None, *, ids=None):
        if ids is not None:
            return self._inner.categories_bought(owner_id, ids=ids)
        return self._cache.get("categories_bought", owner_id, self._now,
                               lambda: self._inner.categories_bought(owner_id))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _UowView:
    def __init__(self, uow: UnitOfWork, scoring: _CachedScoring) -> None:
        self._uow, self.scoring = uow, scoring

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)
