"""Webhook signatures: hex HMAC-SHA256 of "{timestamp}.{raw body}" with the brand's webhook secret.

The timestamp is inside the signed text and must be within 5 minutes of our clock, so a captured
request cannot be replayed later with a new timestamp, nor an old one forever.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from core.errors import ConfigError, NotAllowed

MAX_SKEW_SECONDS = 300
TIMESTAMP_HEADER = "X-GC-Timestamp"
SIGNATURE_HEADER = "X-GC-Signature"


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    """For clients, tests and the bench."""
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: sign(secret, timestamp, body),
            "Content-Type": "application/json"}


def verify(secret: str | None, timestamp: str | None, signature: str | None, body: bytes,
           now: datetime) -> None:
    if not secret:
        raise ConfigError("webhooks are disabled: set GC_API__WEBHOOK_SECRET")
    if not timestamp or not signature:
        raise NotAllowed(f"missing {TIMESTAMP_HEADER} or {SIGNATURE_HEADER} header")
    try:
        sent = int(timestamp)
    except ValueError:
        raise NotAllowed(f"{TIMESTAMP_HEADER} must be unix seconds") from None
    if abs(now.timestamp() - sent) > MAX_SKEW_SECONDS:
        raise NotAllowed(f"{TIMESTAMP_HEADER} is more than 5 minutes away from our clock")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature.strip().lower()):
        raise NotAllowed("bad signature")
