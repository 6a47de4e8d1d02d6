"""The one interface both writers implement; the Drafter depends on this, not on a writer class."""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from copilot.drafting.models import Adjust, DraftRequest, Written


class Writer(Protocol):
    name: str

    async def write(
        self, request: DraftRequest, *, adjust: Adjust | None = None, n: int = 1
    ) -> list[Written]: ...

    def stream(self, request: DraftRequest, *, adjust: Adjust | None = None) -> AsyncIterator[str]: ...
