"""Dialect helpers for the sales repositories: insert-if-absent that never raises on a duplicate."""
from __future__ import annotations

from sqlalchemy import Table, any_, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
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


def any_of(column, name: str, dialect: str):
    """`column` is one of the list bound as `name`. On PostgreSQL one array parameter: the SQL text
    stays the same for any number of values, so the driver can prepare it once."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))
