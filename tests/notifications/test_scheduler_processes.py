"""Two real scheduler processes (`flask --app wsgi consult scheduler`) against one database:
one acts, the other stands by, every email arrives exactly once, and the standby takes over
when the active one stops."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

from consult.config import PROJECT_ROOT
from consult.extensions import db
from consult.hearings.registrations import register
from consult.notifications.operations import queue_email
from consult.timeutil import utcnow
from tests.hearings.helpers import add_hearing, set_email
from tests.notifications.smtp import running_smtp_server

INTERVAL_SECONDS = 1
PATIENCE_SECONDS = 90


def start_scheduler(database_url: str, smtp_port: int, log_path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "SMTP_STARTTLS": "0",
        "SMTP_USER": "",
        "MAIL_FROM": "consult <no-reply@consult.test>",
        "CONSULT_SCHEDULER_INTERVAL_SECONDS": str(INTERVAL_SECONDS),
        "CONSULT_BASE_URL": "https://consult.test",
    }
    with log_path.open("w") as log:  # the process writes to its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "consult", "scheduler"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_for(condition, seconds=PATIENCE_SECONDS):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def stop(process: subprocess.Popen, signum: int = signal.SIGINT) -> None:
    if process.poll() is None:
        process.send_signal(signum)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_two_schedulers_send_each_email_exactly_once(app, world, tmp_path):
    set_email(world, "official", "official@example.org")
    world["hearing"].status = "cancelled"  # only the hearing below is due for a reminder
    hearing = add_hearing(
        world,
        day=(utcnow() + timedelta(hours=20)).date(),
        starts="23:00",
        ends="23:30",
        capacity=10,
        title="เวทีประชาคมพรุ่งนี้",
    )
    hearing.starts_at = utcnow() + timedelta(hours=20)
    hearing.ends_at = hearing.starts_at + timedelta(hours=2)
    db.session.commit()
    for name in ("somchai", "somying", "sompong"):
        register(
            hearing,
            name=name,
            phone=None,
            email=f"{name}@example.org",
            consent=True,
            language="th",
            now=utcnow() - timedelta(days=2),
        )
    # Confirmations (3) and, once the schedulers run, 1-day reminders (3 attendees + the official).
    expected = {f"{name}@example.org" for name in ("somchai", "somying", "sompong")}
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    with running_smtp_server() as (inbox, port):
        processes = [start_scheduler(url, port, log) for log in logs]
        try:
            assert wait_for(lambda: len(inbox.messages) >= 7), [log.read_text() for log in logs]
            time.sleep(4 * INTERVAL_SECONDS)  # time enough for a duplicate to show up, if there were one
            sent = Counter((message["To"], message["Subject"]) for message in inbox.messages)
            assert set(sent.values()) == {1}, sent
            assert {to for to, _subject in sent} == expected | {"official@example.org"}
            assert sum(subject.startswith("พรุ่งนี้: ") for _to, subject in sent) == 4
            acting = [i for i, log in enumerate(logs) if "scheduler lock acquired" in log.read_text()]
            assert len(acting) == 1, [log.read_text() for log in logs]
            standby = 1 - acting[0]
            assert "standing by" in logs[standby].read_text()

            # The acting scheduler is stopped as systemd stops it (SIGTERM) and leaves cleanly; the
            # standby takes the lock and sends what comes next, once.
            stop(processes[acting[0]], signal.SIGTERM)
            assert processes[acting[0]].returncode == 0
            assert "scheduler stopped" in logs[acting[0]].read_text()
            queue_email("late@example.org", "ข้อความหลังสลับเครื่อง", "เนื้อความ", key="test:failover")
            db.session.commit()
            assert wait_for(lambda: any(m["To"] == "late@example.org" for m in inbox.messages)), logs[
                standby
            ].read_text()
            assert "scheduler lock acquired" in logs[standby].read_text()
            time.sleep(2 * INTERVAL_SECONDS)
            assert Counter(m["To"] for m in inbox.messages)["late@example.org"] == 1
        finally:
            for process in processes:
                stop(process)
