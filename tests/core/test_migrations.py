"""The migrations are one line of self-contained revisions, and what they build is what the models
describe, on both engines."""

import ast
import re
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from consult import MIGRATIONS_DIR
from consult.extensions import db
from consult.geography.loader import load_geography

# Made by the migrations outside what metadata can describe: SQLite's FTS5 virtual table of the
# full-text index (and the shadow tables FTS5 keeps for it), PostgreSQL's GIN expression index in
# its place, and APScheduler's job table, which the scheduler creates and owns.
NOT_IN_METADATA = re.compile(r"input_search_fts|ix_input_search_text_document|scheduler_job")
# Tables that outlive `downgrade base`: Alembic's own, and the scheduler's.
NOT_MIGRATED = {"alembic_version", "scheduler_job"}


def test_the_revisions_form_one_line_in_numbered_order():
    script = ScriptDirectory(MIGRATIONS_DIR)
    assert len(script.get_heads()) == 1, f"more than one head: {script.get_heads()}"
    line = list(reversed(list(script.walk_revisions())))
    assert not [rev.revision for rev in line if rev.is_merge_point or rev.is_branch_point]
    assert [int(rev.revision[:4]) for rev in line] == list(range(1, len(line) + 1))


def _imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield str(node.args[0].value)


def test_no_migration_imports_the_application():
    """A revision must do forever what it did when written: editing a model or a helper of the
    application may not change it."""
    offenders = {}
    for path in Path(MIGRATIONS_DIR).rglob("*.py"):
        modules = [
            name
            for name in _imported_modules(ast.parse(path.read_text(encoding="utf-8")))
            if name.split(".")[0] == "consult" or name.startswith(".")
        ]
        if modules:
            offenders[path.name] = modules
    assert offenders == {}


def _schema_differences():
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return [
            difference
            for difference in compare_metadata(context, db.metadata)
            if not NOT_IN_METADATA.search(str(difference))
        ]


def test_migrated_schema_matches_the_models(app_context):
    assert _schema_differences() == []


def _schema_objects():
    inspector = inspect(db.engine)
    tables = {
        name: (
            sorted(column["name"] for column in inspector.get_columns(name)),
            sorted(index["name"] for index in inspector.get_indexes(name)),
        )
        for name in inspector.get_table_names()
    }
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "sqlite":
            routines = connection.execute(
                text("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')")
            ).all()
        else:
            routines = connection.execute(
                text(
                    "SELECT 'trigger', tgname FROM pg_trigger WHERE NOT tgisinternal UNION ALL "
                    "SELECT 'function', proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
                )
            ).all()
    return tables, sorted(tuple(row) for row in routines)


def test_downgrade_to_base_and_upgrade_again_rebuild_the_same_schema(app_context):
    db.session.remove()
    built = _schema_objects()
    try:
        downgrade(revision="base")
        tables, routines = _schema_objects()
        assert set(tables) <= NOT_MIGRATED
        assert routines == []
    finally:
        upgrade(revision="head")
        db.engine.dispose()  # pooled SQLite connections hold the statements prepared on the old tables
        load_geography()  # the reference data the rest of the session expects
    assert _schema_objects() == built
    assert _schema_differences() == []
