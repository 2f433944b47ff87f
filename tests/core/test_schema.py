"""A database built by the migrations matches the models exactly, on both engines."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from consult.extensions import db
from consult.tagging.index import ENGINE_SPECIFIC_SEARCH


def test_migrated_schema_matches_the_models(app_context):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [d for d in compare_metadata(context, db.metadata)
                       if not (isinstance(d, tuple) and ("scheduler_job" in str(d) or any(name in str(d) for name in ENGINE_SPECIFIC_SEARCH)))]
    assert differences == []


def test_sqlite_runs_in_wal_mode(app_context):
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
