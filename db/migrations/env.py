"""Alembic environment: the URL and connection come from db.migrate, never from alembic.ini."""
from __future__ import annotations

from alembic import context

from db.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def _configure(**kwargs) -> None:
    # Batch mode lets ALTER work on SQLite, which rebuilds the table instead.
    context.configure(target_metadata=metadata, render_as_batch=True, compare_type=True, **kwargs)


if connection is not None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
else:
    _configure(url=config.get_main_option("sqlalchemy.url"))
    with context.begin_transaction():
        context.run_migrations()
