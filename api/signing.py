"""Webhook signatures: hex HMAC-SHA256 of "{timestamp}.{raw body}" with the brand's webhook secret.

The timestamp is inside the signed text and must be within 5 minutes of our clock, so a captured
request cannot be replayed later with a new timestamp, nor an old one forever. Headers are checked
for their form before anything is computed or read: whatever a client sends in them (400 digits,
non-ASCII bytes) is a clear 401, never an exception.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime

from core.errors import ConfigError, NotAllowed

MAX_SKEW_SECONDS = 300
TIMESTAMP_HEADER = "X-GC-Timestamp"
SIGNATURE_HEADER = "X-GC-Signature"
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # unix seconds; twelve digits reach the year 33658
_SIGNATURE = re.compile(r"[0-9a-fA-F]{64}")  # hex SHA-256


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    """For clients, tests and the bench."""
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: sign(secret, timestamp, body),
            "Content-Type": "application/json"}


def check_headers(secret: str | None, timestamp: str | None, signature: str | None, now: datetime) -> None:
    """Everything that can be checked before the body is read: configuration, presence, form, clock."""
    if not secret:
        raise ConfigError("webhooks are disabled: set GC_API__WEBHOOK_SECRET")
    if not timestamp or not signature:
        raise NotAllowed(f"missing {TIMESTAMP_HEADER} or {SIGNATURE_HEADER} header")
    if not _TIMESTAMP.fullmatch(timestamp.strip()):
        raise NotAllowed(f"{TIMESTAMP_HEADER} must be unix seconds")
    if not _SIGNATURE.fullmatch(signature.strip()):
        raise NotAllowed(f"{SIGNATURE_HEADER} must be a hex HMAC-SHA256 (64 hex digits)")
    if abs(now.timestamp() - int(timestamp)) > MAX_SKEW_SECONDS:
        raise NotAllowed(f"{TIMESTAMP_HEADER} is more than 5 minutes away from our clock")


def verify(secret: str | None, timestamp: str | None, signature: str | None, body: bytes,
           now: datetime) -> None:
    check_headers(secret, timestamp, signature, now)
    expected = sign(secret, timestamp.strip(), body)
    if not hmac.compare_digest(expected, signature.strip().lower()):
        raise NotAllowed("bad signature")
