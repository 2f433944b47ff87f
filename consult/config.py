"""Settings read from the environment, with defaults that are safe for a developer's machine."""

import os
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-secret-key-do-not-use-in-production"
TIMEZONE = "Asia/Bangkok"


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def is_production() -> bool:
    return os.environ.get("FLASK_ENV") == "production" or _flag("CONSULT_PRODUCTION", "0")


def load_config(instance_path: str) -> dict:
    """Build the Flask config; refuses a production start without a real SECRET_KEY and the
    public address that every absolute link is built on."""
    production = is_production()
    secret_key = os.environ.get("SECRET_KEY")
    base_url = os.environ.get("CONSULT_BASE_URL", "").strip()
    if production:
        missing = [
            name for name, value in (("SECRET_KEY", secret_key), ("CONSULT_BASE_URL", base_url)) if not value
        ]
        if missing:
            raise RuntimeError(
                f"{' and '.join(missing)} must be set when FLASK_ENV=production or CONSULT_PRODUCTION=1"
            )
        if urlsplit(base_url).scheme not in ("http", "https") or not urlsplit(base_url).hostname:
            raise RuntimeError(
                f"CONSULT_BASE_URL must be an http(s) address such as "
                f"https://consult.example.go.th, not {base_url!r}"
            )
    database_url = os.environ.get("DATABASE_URL") or "sqlite:///" + os.path.join(
        instance_path, "consult.sqlite3"
    )
    return {
        "SECRET_KEY": secret_key or DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PRODUCTION": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "MAX_CONTENT_LENGTH": int(os.environ.get("CONSULT_MAX_BODY_BYTES", 2 * 1024 * 1024)),
        # The provincial committee's scanned minutes of approved revisions.
        "MINUTES_FOLDER": os.environ.get("CONSULT_MINUTES_FOLDER")
        or os.path.join(instance_path, "committee_minutes"),
        "BABEL_DEFAULT_LOCALE": "th",
        "BABEL_DEFAULT_TIMEZONE": TIMEZONE,
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LANGUAGES": ["th", "en"],
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", "1"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Input forms: strict per browser and hearing, generous per address (a hearing's crowd
        # shares one Wi-Fi), the same text at one hearing, hits of the hidden honeypot field.
        "INPUT_RATE_LIMIT": os.environ.get("CONSULT_INPUT_RATE_LIMIT", "6 per minute;40 per hour"),
        "INPUT_ADDRESS_RATE_LIMIT": os.environ.get(
            "CONSULT_INPUT_ADDRESS_RATE_LIMIT", "600 per minute;3000 per hour"
        ),
        "INPUT_REPEAT_RATE_LIMIT": os.environ.get("CONSULT_INPUT_REPEAT_RATE_LIMIT", "3 per hour"),
        "INPUT_HONEYPOT_RATE_LIMIT": "3 per hour",
        "API_INPUT_RATE_LIMIT": os.environ.get("CONSULT_API_INPUT_RATE_LIMIT", "20 per minute;200 per hour"),
        "KIOSK_HOURS": int(os.environ.get("CONSULT_KIOSK_HOURS", "12")),
        "LOGIN_RATE_LIMIT": os.environ.get("CONSULT_LOGIN_RATE_LIMIT", "10 per minute"),
        # A staff session ends after this long without a request, and this long after signing in.
        "STAFF_IDLE_MINUTES": int(os.environ.get("CONSULT_STAFF_IDLE_MINUTES", "60")),
        "STAFF_SESSION_HOURS": int(os.environ.get("CONSULT_STAFF_SESSION_HOURS", "12")),
        "REGISTRATION_RATE_LIMIT": os.environ.get(
            "CONSULT_REGISTRATION_RATE_LIMIT", "10 per minute;60 per hour"
        ),
        "DEMO_PASSWORD": os.environ.get("CONSULT_DEMO_PASSWORD"),
        "INPUT_MAX_CHARS": 5000,
        "INPUT_IMPORT_MAX_ROWS": int(os.environ.get("CONSULT_IMPORT_MAX_ROWS", "1000")),
        "TRACK_RATE_LIMIT": os.environ.get("CONSULT_TRACK_RATE_LIMIT", "60 per minute"),
        "TRACK_ADDRESS_RATE_LIMIT": os.environ.get("CONSULT_TRACK_ADDRESS_RATE_LIMIT", "600 per minute"),
        # PDPA: contact details given with input are removed this many days after they were given.
        "CONTACT_RETENTION_DAYS": int(os.environ.get("CONSULT_CONTACT_RETENTION_DAYS", "730")),
        "API_PAGE_SIZE": 50,
        "WTF_CSRF_TIME_LIMIT": None,
        # Outgoing mail; without SMTP_HOST messages are written to the log and kept in the outbox.
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "587")),
        "SMTP_USER": os.environ.get("SMTP_USER", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _flag("SMTP_STARTTLS", "1"),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "consult <no-reply@consult.localhost>"),
        # Every absolute link (emails, QR codes, og:url, calendars, the API) in production, and
        # the scheduler's links everywhere: it has no request to take the host from.
        "PUBLIC_BASE_URL": base_url or "http://127.0.0.1:5000",
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed; 0 trusts
        # none, so that nobody can choose the address the rate limits and the audit log see.
        "PROXY_HOPS": int(os.environ.get("CONSULT_PROXY_HOPS", "0")),
        # The tag worker (consult/inputs/queue.py): inputs per batch, how long a batch stays a
        # worker's before another may take it (longer than a batch ever takes), how often an idle
        # worker looks again, and whether `flask run` tags in a thread of its own (off in
        # production, where `flask consult tag-worker` runs as a service). A batch's writes hold
        # SQLite's one write lock (about 0.3 ms an input), which submissions wait for: smaller
        # batches there keep that wait short.
        "TAG_BATCH_SIZE": int(
            os.environ.get("CONSULT_TAG_BATCH_SIZE") or (100 if database_url.startswith("sqlite") else 500)
        ),
        "TAG_LEASE_SECONDS": float(os.environ.get("CONSULT_TAG_LEASE_SECONDS", "120")),
        "TAG_POLL_SECONDS": float(os.environ.get("CONSULT_TAG_POLL_SECONDS", "1")),
        "TAG_WORKER_NICE": int(os.environ.get("CONSULT_TAG_WORKER_NICE", "0")),
        "TAG_WORKER_THREAD": _flag("CONSULT_TAG_WORKER_THREAD", "0" if production else "1"),
        # Bearer token that /metrics answers (consult/metrics.py); without one there is no /metrics.
        "METRICS_TOKEN": os.environ.get("CONSULT_METRICS_TOKEN", ""),
        "SCHEDULER_INTERVAL_SECONDS": int(os.environ.get("CONSULT_SCHEDULER_INTERVAL_SECONDS", "300")),
        # Review: officials should record a hearing's minutes within this many days of holding it;
        # planners and officials are warned about coverage gaps this many days before the hearing
        # phase closes.
        "MINUTES_DUE_DAYS": int(os.environ.get("CONSULT_MINUTES_DUE_DAYS", "7")),
        "COVERAGE_WARNING_DAYS": int(os.environ.get("CONSULT_COVERAGE_WARNING_DAYS", "10")),
        # Input exports of more rows than this are written in the background (export_jobs.py),
        # well within a gunicorn worker's 30 s; EXPORT_FOLDER holds their files (default
        # instance/exports).
        "EXPORT_DIRECT_MAX_ROWS": int(os.environ.get("CONSULT_EXPORT_DIRECT_MAX_ROWS", "2000")),
        "EXPORT_FOLDER": os.environ.get("CONSULT_EXPORT_FOLDER", ""),
    }


def engine_options(database_url: str) -> dict:
    if database_url.startswith("sqlite"):
        # A SQLite connection reads the planner's statistics once, when it opens: recycled
        # hourly, connections pick up what the daily ANALYZE (consult.jobs) gathered.
        return {"connect_args": {"timeout": 30}, "pool_recycle": 3600}
    # A gunicorn sync worker serves one request at a time and holds one connection while it does;
    # a few spare cover a thread of the scheduler. Ten per worker, as before, let a handful of
    # servers use up PostgreSQL's default of 100 connections. Recycled after half an hour so that
    # a restarted database or a proxy's idle timeout never hands out a dead connection.
    return {
        "pool_size": int(os.environ.get("CONSULT_DB_POOL_SIZE", "3")),
        "max_overflow": int(os.environ.get("CONSULT_DB_MAX_OVERFLOW", "5")),
        "pool_timeout": 10,
        "pool_recycle": 1800,
        "pool_pre_ping": True,
    }
