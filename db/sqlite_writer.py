"""SQLite has one writer at a time: the threads of one process take turns on a lock, not on SQLite's.

A writer that finds the database locked waits in SQLite's busy handler, which sleeps in growing
steps (1, 2, 5, 10, 15, 20... ms) and so wakes long after the lock was freed: eight webhook threads
spent most of their time asleep. Here a connection takes the engine's lock just before the first
write of its transaction (readers never take it: WAL lets them read meanwhile) and gives it back
once the transaction's commit or rollback has returned, so the next writer starts the moment the
last one is done. Waiting is bounded by the same timeout as SQLite's own and ends in the same
"database is locked" error. SQLAlchemy's commit events fire before the commit, hence the wrapped
dialect methods.
"""
from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import Engine, event

_READS = ("SELECT", "PRAGMA", "EXPLAIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT")


def install(engine: Engine, timeout: float) -> None:
    lock = threading.Lock()
    holders: set = set()  # DBAPI connections in a write transaction

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):
        dbapi_connection = conn.connection.dbapi_connection
        if dbapi_connection not in holders and _writes(statement):
            if not lock.acquire(timeout=timeout):
                raise sqlite3.OperationalError("database is locked")
            holders.add(dbapi_connection)

    def _release(connection) -> None:
        dbapi_connection = getattr(connection, "dbapi_connection", connection)  # the pool's proxy, or the connection
        if dbapi_connection in holders:
            holders.discard(dbapi_connection)
            lock.release()

    def _after(method):
        def ended(dbapi_connection):
            try:
                method(dbapi_connection)
            finally:
                _release(dbapi_connection)
        return ended

    dialect = engine.dialect
    dialect.do_commit, dialect.do_rollback = _after(dialect.do_commit), _after(dialect.do_rollback)
    event.listen(engine, "invalidate", lambda dbapi_connection, *_: _release(dbapi_connection))


def _writes(statement: str) -> bool:
    words = statement.lstrip().split(None, 1)
    first = words[0].upper() if words else ""
    if first == "WITH":
        return any(verb in statement.upper() for verb in ("INSERT", "UPDATE", "DELETE", "REPLACE"))
    return first not in _READS
