"""Dialect helpers for the sales repositories: insert-if-absent that never raises on a duplicate."""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_if_absent(session: Session, table: Table, values: dict, key: str,
                     returning: str = "id") -> object | None:
    """Insert unless a row with the same unique `key` exists: the new row's `returning`, or None.

    ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike) instead of catching IntegrityError: a
    concurrent duplicate waits for the winner and then does nothing, and on PostgreSQL the
    transaction stays usable, so the loser can read the winner's row and answer as a replay.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(table).values(values)
        .on_conflict_do_nothing(index_elements=[key])
        .returning(table.c[returning])
    )
    return session.execute(statement).scalar()


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"
