"""PostgreSQL COPY for bulk inserts: psycopg's executemany costs a round trip per row, and a
multi-row INSERT with thousands of placeholders spends its time in query parsing."""
from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import JSON, Table
from sqlalchemy.orm import Session


def copy_rows(session: Session, table: Table, rows: Sequence[dict]) -> None:
    columns = [c for c in table.c if not c.primary_key]
    dialect = session.get_bind().dialect
    encoders = [_encoder(c, dialect) for c in columns]
    defaults = [_default(c) for c in columns]
    names = ", ".join(f'"{c.name}"' for c in columns)
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([
                encode(row[c.name] if c.name in row else default())
                for c, encode, default in zip(columns, encoders, defaults)
            ])


def _encoder(column, dialect):
    if isinstance(column.type, JSON):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    process = column.type.bind_processor(dialect)
    return process or (lambda v: v)


def _default(column):
    default = column.default
    if default is None:
        return lambda: None
    if default.is_callable:
        return lambda: default.arg(None)
    return lambda: default.arg
