"""The background scheduler: one process acts at a time, guarded by a lock the database provides.
The jobs are the areas' own (each area's tasks.py); the calendar sweep, whose steps cross the
areas in an order that matters, is composed here.

Jobs are stored in the application database (APScheduler's SQLAlchemy job store). Each job works
out from the database what is due, so a scheduler that was down catches up on its first run, and
every email carries an idempotency key, so nothing is sent twice even if a job runs again.
"""

import contextlib
import fcntl
import logging
import threading
import time
from datetime import datetime
from pathlib import Path

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError

from consult.calendar import operations as calendar_operations
from consult.extensions import db
from consult.hearings import operations as hearing_operations
from consult.hearings import registrations, reminders
from consult.i18n import LOCAL_ZONE
from consult.inputs.tasks import expire_personal_data, retrain_taggers
from consult.notifications.tasks import send_outbox
from consult.review import digest
from consult.review.tasks import review_sweep
from consult.timeutil import utcnow

log = logging.getLogger("consult.scheduler")
tag_log = logging.getLogger("consult.tag_worker")
ADVISORY_LOCK_KEY = 0x636F6E73  # "cons": any constant shared by every scheduler process
MAX_STANDBY_POLL_SECONDS = 15
OUTBOX_INTERVAL_SECONDS = 60
PERSONAL_DATA_INTERVAL_SECONDS = 6 * 3600
STATISTICS_INTERVAL_SECONDS = 24 * 3600
RETRAIN_INTERVAL_SECONDS = 6 * 3600
JOB_TABLE = "scheduler_job"


def calendar_sweep(now: datetime | None = None) -> dict[str, int]:
    """Act on the calendar's boundaries: hearings that ended are held (their input windows run
    on by their own dates), phases that opened are announced, reminders and requests for
    minutes go out, on Mondays the planners' digest, and registrants' contact details are erased
    once their cycle has ended. Each step commits on its own."""
    now = now or utcnow()
    steps = {
        "held": hearing_operations.mark_finished_hearings_held,
        "phase_openings": calendar_operations.queue_phase_openings,
        "reminders": reminders.queue_due_reminders,
        "minutes_requests": reminders.queue_minutes_requests,
        "digests": digest.queue_weekly_digests,
        "erased_contacts": registrations.erase_contacts_after_cycle,
    }
    done = {}
    for name, step in steps.items():
        try:
            done[name] = step(now)
        except Exception:  # one failing step must not keep the others from running
            db.session.rollback()
            log.exception("calendar sweep step %s failed", name)
    log.info("calendar sweep: %s", done)
    return done


def refresh_statistics() -> dict[str, int]:
    """SQLite plans queries from statistics it gathers only when told to (ANALYZE); tables that
    grew from empty would keep the plans of an empty database, such as reading every tag row
    instead of the covering index. PostgreSQL's autovacuum keeps its statistics by itself."""
    if db.engine.dialect.name != "sqlite":
        return {"analyzed": 0}
    with db.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    return {"analyzed": 1}


JOBS = {
    "calendar_sweep": calendar_sweep,
    "send_outbox": send_outbox,
    "expire_personal_data": expire_personal_data,
    "refresh_statistics": refresh_statistics,
    "review_sweep": review_sweep,
    "retrain_taggers": retrain_taggers,
}
_scheduler_app = None


def run_job(name: str):
    """Entry point stored in the job table: a name, since the app itself cannot be pickled."""
    with _scheduler_app.app_context():
        try:
            return JOBS[name]()
        finally:
            db.session.remove()


@contextlib.contextmanager
def scheduler_lock(app, blocking: bool = True):
    """Yields once this process holds the lock: a PostgreSQL advisory lock, or on SQLite a file
    lock beside the database. A second scheduler waits here as a standby until the first stops."""
    poll = min(MAX_STANDBY_POLL_SECONDS, app.config["SCHEDULER_INTERVAL_SECONDS"])
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            while not connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
            ).scalar():
                connection.commit()
                if not blocking:
                    yield False
                    return
                log.info("another scheduler holds the lock; standing by")
                time.sleep(poll)
            connection.commit()
            try:
                yield True
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                connection.commit()
        return
    database = engine.url.database
    # One lock per database file: schedulers of different databases do not wait for each other.
    lock_path = (
        Path(f"{database}.scheduler-lock")
        if database and database != ":memory:"
        else Path(app.instance_path) / "scheduler.lock"
    )
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not blocking:
                yield False
                return
            log.info("another scheduler holds the lock; standing by")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _forget_retired_jobs(engine) -> None:
    """Jobs stored by an older version under names that no longer exist would fail at every run."""
    if not inspect(engine).has_table(JOB_TABLE):
        return
    with engine.begin() as connection:
        connection.execute(
            text(
                f"DELETE FROM {JOB_TABLE} WHERE id NOT IN ({', '.join(f':job{i}' for i in range(len(JOBS)))})"
            ),
            {f"job{i}": name for i, name in enumerate(JOBS)},
        )


def build_scheduler(app) -> BlockingScheduler:
    global _scheduler_app
    _scheduler_app = app
    with app.app_context():
        _forget_retired_jobs(db.engine)
        store = SQLAlchemyJobStore(engine=db.engine, tablename=JOB_TABLE)
    scheduler = BlockingScheduler(
        jobstores={"default": store},
        timezone="Asia/Bangkok",
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    interval = app.config["SCHEDULER_INTERVAL_SECONDS"]
    # Both run at once on start, which is when a scheduler that was down catches up.
    first_run = datetime.now(LOCAL_ZONE)
    for name, seconds in (
        ("calendar_sweep", interval),
        ("send_outbox", min(interval, OUTBOX_INTERVAL_SECONDS)),
        ("expire_personal_data", PERSONAL_DATA_INTERVAL_SECONDS),
        ("refresh_statistics", STATISTICS_INTERVAL_SECONDS),
        ("review_sweep", interval),
        ("retrain_taggers", RETRAIN_INTERVAL_SECONDS),
    ):
        scheduler.add_job(
            "consult.jobs:run_job",
            "interval",
            seconds=seconds,
            args=[name],
            id=name,
            name=name,
            replace_existing=True,
            next_run_time=first_run,
        )
    return scheduler


def run_scheduler(app) -> None:
    with scheduler_lock(app) as acquired:
        if acquired:
            log.info("scheduler lock acquired; running jobs")
            build_scheduler(app).start()


def run_tag_worker(app, *, stop: threading.Event | None = None, until_empty: bool = False) -> int:
    """Tag and index queued inputs in batches until `stop` is set (or, with until_empty, until
    nothing is left to claim); returns how many inputs it finished. Any number may run, on any
    number of machines: the queue hands each a batch of its own (consult/inputs/queue.py). A
    database that is down or restarting is waited for, not fatal."""
    # The segmenter and the tagger load here, in the worker, and not where this module is
    # imported: the web workers import it through create_app and the command group.
    from consult.inputs.tag_worker import process_batch
    from consult.tagging.operations import warm_up  # (as above: the tagger's dictionaries)

    stop = stop or threading.Event()
    batch, lease, poll = (
        app.config[name] for name in ("TAG_BATCH_SIZE", "TAG_LEASE_SECONDS", "TAG_POLL_SECONDS")
    )
    with app.app_context():
        try:
            tag_log.info("warmed up: %(taggers)d taggers for %(plans)d plans in %(seconds).1f s", warm_up())
        finally:
            db.session.remove()
    done = 0
    while not stop.is_set():
        with app.app_context():
            try:
                finished = process_batch(batch, lease_seconds=lease)
            except OperationalError as error:
                db.session.rollback()
                tag_log.warning("database unavailable, trying again in %s s: %s", poll, error.orig)
                finished = 0
            except Exception:  # e.g. a planner tagged an input meanwhile: the batch's lease retries it
                db.session.rollback()
                tag_log.exception("a batch failed; its inputs are taken again once their lease runs out")
                finished = 0
            finally:
                db.session.remove()
        done += finished
        if finished:
            tag_log.info("tagged and indexed %d inputs", finished)
        elif until_empty:
            break
        else:
            stop.wait(poll)
    return done


def start_tag_worker_thread(app) -> None:
    """For `flask run` alone (the embedded SQLite default, no other service): the server process
    tags in a thread of its own, started with the first request it serves, so that commands
    creating the app (flask consult …) start none. Production runs `flask consult tag-worker`."""
    started = threading.Lock()
    # app.extensions["consult_tag_worker"]: the thread once started, and the event that stops it
    state = app.extensions.setdefault("consult_tag_worker", {"thread": None, "stop": threading.Event()})

    def start_once():
        if state["thread"] is None and started.acquire(blocking=False):
            state["thread"] = threading.Thread(
                target=run_tag_worker,
                args=(app,),
                kwargs={"stop": state["stop"]},
                name="consult-tag-worker",
                daemon=True,
            )
            state["thread"].start()

    app.before_request(start_once)
