"""gunicorn settings for consult, read by `gunicorn wsgi:app` when started from the repository
root (gunicorn reads ./gunicorn.conf.py by itself; elsewhere pass `-c /path/to/gunicorn.conf.py`).

The application is loaded once in the master process, before any worker is forked, and shared by
the workers copy-on-write. The web workers neither segment Thai text nor run the tagger (the tag
worker does, `flask consult tag-worker`), so nothing else needs warming here. Command-line options
(-w, -b, --log-level …) still apply on top of these.
"""

import gc
import os

preload_app = True


def when_ready(server):
    """In the master, after the application is loaded and before the first worker is forked."""
    # Objects alive now (the app, its modules) never become garbage: keep the collector from
    # scanning them on every full collection, and from touching (copying) their shared pages.
    gc.freeze()


def child_exit(server, worker):
    """A worker that exits leaves its request counts for /metrics to add up, but not its live
    gauges (consult/metrics.py: prometheus_client's multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
