from sqlalchemy import inspect

from db.base import Base
from db.migrate import downgrade, revisions, upgrade


def test_every_migration_upgrades_downgrades_and_upgrades_again(engine):
    """The stairway: each step must be reversible on both SQLite and PostgreSQL."""
    downgrade(engine, "base")
    assert "customers" not in inspect(engine).get_table_names()
    previous = "base"
    for revision in revisions(engine):
        upgrade(engine, revision)
        downgrade(engine, previous)
        upgrade(engine, revision)
        previous = revision
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_migrations_match_the_models_exactly(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
