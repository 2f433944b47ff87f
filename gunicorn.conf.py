"""gunicorn settings for consult, read by `gunicorn wsgi:app` when started from the repository
root (gunicorn reads ./gunicorn.conf.py by itself; elsewhere pass `-c /path/to/gunicorn.conf.py`).

The application is loaded once in the master process and warmed up there, before any worker is
forked: the Thai dictionaries and every open plan's tagger are built once (seconds), shared by
the workers copy-on-write, and no citizen's first submission waits for them. Command-line options
(-w, -b, --log-level …) still apply on top of these.
"""

import gc
import logging

preload_app = True

log = logging.getLogger("gunicorn.error")


def when_ready(server):
    """In the master, after the application is loaded and before the first worker is forked."""
    app = server.app.wsgi()
    if getattr(app, "import_name", None) == "consult":
        from consult.extensions import db
        from consult.tagging.operations import warm_up

        with app.app_context():
            try:
                done = warm_up()
            except Exception:  # noqa: BLE001  (a database not migrated yet: serve anyway, warm on use)
                log.exception("warm-up failed; taggers will be built on first use")
            else:
                log.info("warmed up: %(taggers)d taggers for %(plans)d plans in %(seconds).1f s", done)
            # No connection opened here may be shared by the forked workers.
            db.engine.dispose()
    # Objects alive now (the app, dictionaries, taggers) never become garbage: keep the collector
    # from scanning them on every full collection, and from touching (copying) their shared pages.
    gc.freeze()
