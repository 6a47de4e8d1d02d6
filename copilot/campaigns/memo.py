"""Co-purchase answers memoised for one campaign run.

`related(owned)` costs a sparse product over every basket; in a campaign thousands of customers own
the same one or two products, so one answer per distinct owned set removes most of that work (and
the part that grows with the number of customers).
"""
from __future__ import annotations

from collections.abc import Iterable


class MemoCoPurchase:
    def __init__(self, inner) -> None:
        self._inner = inner
        self._related: dict[tuple, list] = {}
        self._popular: dict[int, list[str]] = {}

    def related(self, owned: Iterable[str], **options) -> list:
        key = (frozenset(owned), tuple(sorted(options.items())))
        if key not in self._related:
            self._related[key] = self._inner.related(key[0], **options)
        return self._related[key]

    def popular(self, top_k: int = 20) -> list[str]:
        if top_k not in self._popular:
            self._popular[top_k] = self._inner.popular(top_k)
        return self._popular[top_k]

    def __getattr__(self, name: str):
        return getattr(self._inner, name)
