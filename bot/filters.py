"""Router filters on who is talking (see middlewares.IdentityMiddleware)."""
from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject

from copilot.staff import Identity, Kind


class KindIs(Filter):
    """Staff routers use KindIs(Kind.STAFF): customers and strangers never reach their handlers."""

    def __init__(self, *kinds: Kind) -> None:
        self.kinds = kinds

    async def __call__(self, event: TelegramObject, identity: Identity | None = None) -> bool:
        return identity is not None and identity.kind in self.kinds
