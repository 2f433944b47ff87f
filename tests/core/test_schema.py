"""The database runs as configured (the migrations and the models: test_migrations.py)."""

from sqlalchemy import text

from consult.extensions import db


def test_sqlite_runs_in_wal_mode(app_context):
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
