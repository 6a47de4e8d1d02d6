"""Faults injected into real parts: the database locked by another connection (SQLite's write
lock, a PostgreSQL table lock) for as long as a test says, with engines whose lock wait is short so
a test takes seconds, not the production default."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, text

from db.engine import make_engine, make_session_factory
from db.uow import SqlUnitOfWorkFactory

LOCK_WAIT = 0.3  # seconds a statement waits for a lock in these tests before "busy"


@pytest.fixture
def impatient_engine(engine) -> Iterator[Engine]:
    """The same database as `engine`, for the code under test: gives up on a lock after LOCK_WAIT."""
    other = make_engine(engine.url.render_as_string(hide_password=False), lock_timeout=LOCK_WAIT)
    yield other
    other.dispose()


@pytest.fixture
def impatient_uow(impatient_engine) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(make_session_factory(impatient_engine))


@contextmanager
def locked(engine: Engine, *tables: str) -> Iterator[None]:
    """Hold the database's write lock (SQLite) or an exclusive lock on `tables` (PostgreSQL), as a
    long import or a migration would, until the block ends."""
    if engine.dialect.name == "sqlite":
        holder = sqlite3.connect(engine.url.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    with engine.connect() as conn:
        conn.execute(text(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE"))
        try:
            yield
        finally:
            conn.rollback()
