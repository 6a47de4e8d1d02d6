"""Shared fixtures. Database tests run twice: on SQLite and on PostgreSQL.

PostgreSQL comes from GC_TEST_POSTGRES_URL (.ci/postgres.sh starts one). Without it those cases
are skipped locally, but fail under CI=true, so CI can never silently test SQLite only.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

import db.schema  # noqa: F401  (registers every table on Base.metadata)
from copilot.database import Database
from db.base import Base
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWorkFactory

# GC_TEST_BACKENDS=sqlite runs the SQLite cases only (CI's run with the date moved ahead does).
BACKENDS = tuple(os.environ.get("GC_TEST_BACKENDS", "sqlite,postgres").split(","))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """Migrated once; each test copies the file, which is much faster than migrating again."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    url = os.environ.get("GC_TEST_POSTGRES_URL")
    if "postgres" not in BACKENDS:
        pytest.skip("GC_TEST_BACKENDS leaves PostgreSQL out")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL cases: GC_TEST_POSTGRES_URL is not set")
        pytest.skip("GC_TEST_POSTGRES_URL not set")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    yield engine
    engine.dispose()


def truncate_all(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        # A transaction left open elsewhere would make TRUNCATE wait forever: fail instead.
        conn.execute(text("SET LOCAL lock_timeout = '20s'"))
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def assert_no_open_transactions(engine: Engine) -> None:
    """Fails the test that left a transaction open, rather than hanging a later test's TRUNCATE."""
    with engine.connect() as conn:
        open_ = conn.execute(text(
            "SELECT left(query, 120) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'")).scalars().all()
    assert not open_, f"a transaction was left open; its last statement: {open_}"


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path) -> Iterator[Engine]:
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        sqlite = make_engine(f"sqlite:///{path}")
        yield sqlite
        sqlite.dispose()
    else:
        pg = request.getfixturevalue("postgres_engine")
        truncate_all(pg)
        yield pg
        assert_no_open_transactions(pg)


@pytest.fixture
def uow_factory(engine) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(make_session_factory(engine))


@pytest.fixture
def database(uow_factory) -> Iterator[Database]:
    """What the API and the bot get: units of work in worker threads."""
    db = Database(uow_factory)
    yield db
    db.close()
