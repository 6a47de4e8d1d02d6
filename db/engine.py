"""Engine construction: SQLite gets the pragmas that make it a safe embedded default.

Both backends wait a bounded time for a lock someone else holds (`lock_timeout` seconds: SQLite's
busy timeout, PostgreSQL's lock_timeout), then fail with an error the unit of work reports as
`Unavailable` ("busy, try again"), never a hang and never a 500.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from db import sqlite_writer

DEFAULT_LOCK_TIMEOUT = 10.0


def make_engine(url: str, *, echo: bool = False, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"timeout": lock_timeout})
        event.listen(engine, "connect", _sqlite_pragmas)
        sqlite_writer.install(engine, timeout=lock_timeout)
        return engine
    options = f"-c lock_timeout={int(lock_timeout * 1000)}"
    return create_engine(url, echo=echo, pool_pre_ping=True, connect_args={"options": options})


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL: readers never wait for the writer, nor the writer for readers; only writers queue,
    # each for at most the busy timeout set when connecting.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # close_resets_only=False: a repository used after its unit of work ended raises instead of
    # silently opening a new transaction that nobody ends (it held locks and hung a TRUNCATE in CI).
    return sessionmaker(engine, expire_on_commit=False, autoflush=False, close_resets_only=False)
