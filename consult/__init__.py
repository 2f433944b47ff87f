"""consult — เวทีประชาคมออนไลน์: the application factory."""

from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from consult import cli, errors, jobs, metrics, models, urls, web  # noqa: F401  (models: every table in the metadata)
from consult.api.blueprint import api_blueprint
from consult.auth.blueprint import auth_blueprint
from consult.calendar.blueprint import calendar_blueprint
from consult.config import PROJECT_ROOT, engine_options, load_config
from consult.extensions import babel, csrf, db, limiter, login_manager, migrate
from consult.hearings.blueprint import hearing_staff_blueprint, hearings_blueprint
from consult.i18n import compile_catalogs, register_template_helpers, select_locale
from consult.inputs.blueprint import inputs_blueprint, staff_inputs_blueprint
from consult.main.blueprint import main_blueprint
from consult.review.blueprint import results_blueprint, review_blueprint, tagging_blueprint
from consult.revisions.blueprint import revisions_blueprint
from consult.web import DatabaseIdConverter

MIGRATIONS_DIR = str(Path(__file__).resolve().parent / "migrations")
BLUEPRINTS = (
    main_blueprint,
    hearings_blueprint,
    inputs_blueprint,
    staff_inputs_blueprint,
    review_blueprint,
    hearing_staff_blueprint,
    calendar_blueprint,
    revisions_blueprint,
    results_blueprint,
    tagging_blueprint,
    api_blueprint,
)


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_relative_config=True,
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(load_config(app.instance_path))
    app.config.update(overrides or {})
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    if hops := app.config["PROXY_HOPS"]:
        # Each trusted proxy appends the address it saw: only the last `hops` entries are believed.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    compile_catalogs(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=lambda: "Asia/Bangkok")
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    register_template_helpers(app)
    app.url_map.converters["int"] = DatabaseIdConverter
    app.json.ensure_ascii = False  # Thai text as UTF-8: readable and a third of the size

    app.register_blueprint(auth_blueprint)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    csrf.exempt(api_blueprint)
    errors.init_app(app)
    web.init_app(app)
    urls.init_app(app)
    cli.init_app(app)
    metrics.init_app(app)
    if app.config["TAG_WORKER_THREAD"] and not app.testing:
        jobs.start_tag_worker_thread(app)
    return app


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, connection_record):
    """WAL lets readers run beside the one writer; foreign keys are off by default in SQLite."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
