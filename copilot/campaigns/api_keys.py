"""Per-brand API keys: only a SHA-256 of the key is stored; the key itself is shown once."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from core.errors import NotAllowed
from core.ports import UnitOfWork


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()  # keys are 256-bit random: no need for a slow hash


def new_api_key(uow: UnitOfWork, brand_code: str) -> str:
    key = "gc_" + secrets.token_urlsafe(32)
    uow.campaigns.keys.set_api_key_hash(_digest(key), brand_code)
    return key


def check_api_key(uow: UnitOfWork, key: str | None) -> None:
    stored = uow.campaigns.keys.api_key_hash()
    if not key or not stored or not hmac.compare_digest(stored, _digest(key)):
        raise NotAllowed("bad or missing API key", user_message="A valid API key is required.")
