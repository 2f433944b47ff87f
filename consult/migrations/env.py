"""Alembic's environment under Flask-Migrate: the app's engine and metadata (for autogenerate).
The revisions themselves import nothing of the application (tests/core/test_migrations.py)."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
# Keep the loggers the app made already (mail, scheduler): by default fileConfig silences them.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db
config.set_main_option(
    "sqlalchemy.url", target_db.engine.url.render_as_string(hide_password=False).replace("%", "%%")
)


def render_project_types(type_, obj, autogen_context):
    """Project column types are stored as plain SQL types; migrations must not import them."""
    if type_ == "type" and obj.__class__.__name__ == "UTCDateTime":
        return "sa.DateTime()"
    return False


def include_project_objects(name, type_, parent_names):
    # APScheduler creates and owns its job table. The full-text index is engine-specific, which
    # the models cannot describe: SQLite's FTS5 tables, PostgreSQL's GIN expression index.
    if type_ == "table":
        return not (name == "scheduler_job" or name.startswith("input_search_fts"))
    return not (type_ == "index" and name == "ix_input_search_text_document")


def skip_empty_autogenerate(context, revision, directives):
    """`flask db migrate` writes no revision when the models and the schema agree."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline():
    """SQL script output (`flask db upgrade --sql`), without connecting."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=target_db.metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    conf_args = current_app.extensions["migrate"].configure_args
    conf_args.setdefault("process_revision_directives", skip_empty_autogenerate)
    conf_args.setdefault("render_item", render_project_types)
    conf_args.setdefault("include_name", include_project_objects)
    with target_db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
