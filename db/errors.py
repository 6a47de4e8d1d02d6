"""Which database errors mean "busy or unreachable for now" (retry later) rather than a bug.

The unit of work turns those into `core.errors.Unavailable`, which the edges answer as such (the
API with 503 and Retry-After, the bot with "busy, try again", the outbox sender by backing off);
every other database error stays what it is.
"""
from __future__ import annotations

import sqlite3

from sqlalchemy import exc as sa_exc

from core.errors import Unavailable

# SQLite: another connection holds the write lock past the busy timeout, or the file is gone.
_SQLITE_TRANSIENT = ("database is locked", "database table is locked", "database is busy",
                     "unable to open database", "disk i/o error")
# PostgreSQL SQLSTATE classes and codes: connection (08), serialization and deadlock (40),
# out of resources (53), statement/lock timeouts and shutdowns (57), lock not available (55P03).
_PG_TRANSIENT_CLASSES = ("08", "40", "53", "57")
_PG_TRANSIENT_CODES = ("55P03",)


def unavailable(error: BaseException) -> Unavailable | None:
    """The `Unavailable` to raise instead of `error`, or None when `error` is not transient."""
    if isinstance(error, sa_exc.TimeoutError):  # no pooled connection came free in time
        return Unavailable(f"database connection pool exhausted: {error}")
    if not isinstance(error, sa_exc.DBAPIError):
        return None
    orig = error.orig
    if isinstance(orig, sqlite3.OperationalError):
        text = str(orig).lower()
        if any(marker in text for marker in _SQLITE_TRANSIENT):
            return Unavailable(f"database busy: {orig}")
        return None
    if error.connection_invalidated:
        return Unavailable(f"database connection lost: {orig}")
    state = getattr(orig, "sqlstate", "") or ""
    if isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError)) and (
            not state or state[:2] in _PG_TRANSIENT_CLASSES or state in _PG_TRANSIENT_CODES):
        return Unavailable(f"database unavailable: {orig}".strip())
    return None
