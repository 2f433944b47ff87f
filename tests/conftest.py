"""Fixtures shared by the whole suite. Tests that use `app` run once on SQLite and once on
PostgreSQL; each PostgreSQL run gets a database of its own, so parallel runs never collide."""

import os
import re
import threading
import uuid
from datetime import datetime, time, timedelta

import psycopg
import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import delete
from sqlalchemy.engine import make_url

from consult import create_app
from consult.extensions import db

POSTGRES_URL = os.environ.get(
    "CONSULT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REFERENCE_TABLES = {"province_cluster", "province", "district", "subdistrict", "alembic_version"}
PASSWORD = "correct-horse-battery"


def _postgres_database():
    """Create a throw-away database next to the configured one; returns its URL and a dropper."""
    base = make_url(POSTGRES_URL)
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"consult_test_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        message = f"PostgreSQL not reachable at {base.render_as_string()}: {error}"
        if os.environ.get("CONSULT_REQUIRE_POSTGRES") == "1":
            pytest.fail(message + " (CONSULT_REQUIRE_POSTGRES=1 makes it mandatory)")
        pytest.skip(message)

    def drop():
        with psycopg.connect(admin_dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return base.set(database=name).render_as_string(hide_password=False), drop


def drain_tag_queue(application) -> int:
    """What a tag worker does, done now: every queued input tagged and indexed by the worker's
    own code (consult.inputs.tag_worker), in an app context of its own; returns how many."""
    from consult.inputs.models import QueuedInput
    from consult.inputs.tag_worker import drain
    from tests.perf.querycount import not_counted

    with application.app_context(), not_counted():
        try:
            if db.session.scalar(db.select(QueuedInput.input_id).limit(1)) is None:
                return 0
            return drain()
        finally:
            db.session.remove()


class IsolatedClient(FlaskClient):
    """Runs each request in a thread of its own, so that it gets a fresh app context (database
    session, signed-in user, locale) as on a real server, even while the test holds one.

    After each request it drains the tag queue as a tag worker would (drain_tag_queue), so that
    tests see an input's tags and search words once its submission has answered; a test of the
    queue itself sets drains_tag_queue = False."""

    drains_tag_queue = True

    def open(self, *args, **kwargs):
        if has_app_context():
            db.session.commit()  # end the test's transaction so the request sees fresh data
        outcome = {}

        def run():
            try:
                outcome["response"] = FlaskClient.open(self, *args, **kwargs)
                if self.drains_tag_queue:
                    drain_tag_queue(self.application)
            except BaseException as error:  # re-raised in the test's thread
                outcome["error"] = error

        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["response"]


def _build_app(database: str, folder):
    """An application on a new database of that kind, with the schema and the geography; returns
    it and the function that drops its database."""
    drop = None
    if database == "sqlite":
        url = "sqlite:///" + str(folder / "consult.sqlite3")
    else:
        url, drop = _postgres_database()
    application = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "consult.test",
            "MINUTES_FOLDER": str(folder / "committee_minutes"),
        }
    )
    application.test_client_class = IsolatedClient
    from consult.cli import ensure_schema
    from consult.geography.loader import load_geography

    with application.app_context():
        ensure_schema()
        load_geography()

    def close():
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
        if drop:
            drop()

    return application, close


@pytest.fixture(scope="session")
def _applications(tmp_path_factory):
    """Each database's application, built on first use and kept until the session ends. pytest
    tears a parametrised session fixture down whenever the next test has the other parameter,
    which happens again and again when pytest-xdist hands out tests; this keeps both alive."""
    built, closers = {}, []

    def application_for(database: str):
        if database not in built:
            try:
                application, close = _build_app(database, tmp_path_factory.mktemp(database))
            except pytest.skip.Exception as skipped:  # PostgreSQL unreachable: say so once, skip the rest
                built[database] = skipped
            else:
                built[database] = application
                closers.append(close)
        if isinstance(built[database], pytest.skip.Exception):
            pytest.skip(str(built[database]))
        return built[database]

    yield application_for
    for close in closers:
        close()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def app(request, _applications):
    return _applications(request.param)


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Every test starts with the geography only."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        db.session.rollback()
        tables = [
            table for table in reversed(db.metadata.sorted_tables) if table.name not in REFERENCE_TABLES
        ]
        if db.engine.dialect.name == "postgresql":
            # One round trip for all the tables instead of one each: 10 ms instead of 100 after
            # every test (TRUNCATE is slower still on tables this small).
            db.session.connection().exec_driver_sql(
                "; ".join(f'DELETE FROM "{table.name}"' for table in tables)
            )
        else:
            for table in tables:
                db.session.execute(delete(table))
        db.session.commit()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def drain_queue(app):
    """Call it to have every queued input tagged and indexed now, by the tag worker's code, after
    submitting through the operations directly (the test client drains after each request)."""

    def drain() -> int:
        if has_app_context():
            db.session.commit()  # the worker must see what the test stored
        return drain_tag_queue(app)

    return drain


CSRF_PATTERN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def csrf_token(client, url: str) -> str:
    page = client.get(url)
    match = CSRF_PATTERN.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1) or match.group(2)


def login(client, username: str, password: str = PASSWORD):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


@pytest.fixture
def world(app_context):
    """A plan for Khon Kaen (40) with the catalogue's issues, a cycle whose hearing phase runs
    today, staff of every role, and one open hearing in subdistrict 400101."""
    import csv

    from consult.auth.operations import create_user
    from consult.geography.queries import subdistricts_by_codes
    from consult.hearings.models import Hearing
    from consult.i18n import LOCAL_ZONE
    from consult.strategy.catalogue import CATALOGUE
    from consult.strategy.models import PHASE_NAMES, CyclePhase, StrategicIssue, StrategicPlan, StrategyCycle

    today = datetime.now(LOCAL_ZONE).date()
    plan = StrategicPlan(
        province_code="40", title_th="แผนทดสอบ", title_en="Test plan", first_year=2566, last_year=2570
    )
    with CATALOGUE.open(encoding="utf-8") as handle:
        for position, row in enumerate(csv.DictReader(handle)):
            plan.issues.append(
                StrategicIssue(
                    code=row["code"],
                    title_th=row["title_th"],
                    title_en=row["title_en"],
                    description_th=row["description_th"],
                    keywords_th=row["keywords_th"],
                    position=position,
                )
            )
    cycle = StrategyCycle(plan=plan, province_code="40", title="รอบทดสอบ")
    for key, first, last in (("data_gathering", -40, -11), ("hearings", -10, 60), ("drafting", 61, 90)):
        cycle.phases.append(
            CyclePhase(
                key=key,
                name_th=PHASE_NAMES[key][0],
                name_en=PHASE_NAMES[key][1],
                starts_on=today + timedelta(days=first),
                ends_on=today + timedelta(days=last),
            )
        )
    db.session.add(cycle)
    users = {
        "official": create_user("official", PASSWORD, "official", subdistrict_codes=["400101"]),
        "other_official": create_user("other_official", PASSWORD, "official", subdistrict_codes=["400201"]),
        "planner": create_user("planner", PASSWORD, "planner", province_code="40"),
        "other_planner": create_user("other_planner", PASSWORD, "planner", province_code="50"),
        "admin": create_user("admin", PASSWORD, "admin"),
    }
    starts = datetime.combine(today + timedelta(days=20), time(9, 30), tzinfo=LOCAL_ZONE)
    hearing = Hearing(
        cycle=cycle,
        province_code="40",
        district_code="4001",
        title="เวทีประชาคมตำบลในเมือง",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue="ห้องประชุม อบต.",
        input_opens_at=starts - timedelta(days=30),
        input_closes_at=starts + timedelta(days=14),
        subdistricts=subdistricts_by_codes(["400101"]),
        issues=plan.issues[:3],
    )
    db.session.add(hearing)
    db.session.commit()
    return {"plan": plan, "cycle": cycle, "hearing": hearing, "users": users, "today": today}


@pytest.fixture
def approver(world):
    """A second planner of the world's province: a revision is approved by someone other than
    its author."""
    from consult.auth.operations import create_user

    user = create_user("approver", PASSWORD, "planner", province_code="40", display_name="ผู้อนุมัติ")
    db.session.commit()
    return user


def committee_decision(**changes):
    """The provincial committee's decision approving a revision, as a test records it."""
    from consult.i18n import local_today
    from consult.revisions.operations import CommitteeDecision

    values = {
        "meeting": "3/2569",
        "decided_on": local_today(),
        "resolution": "ที่ประชุมมีมติเห็นชอบการทบทวนประเด็นยุทธศาสตร์ตามที่เสนอ",
    }
    return CommitteeDecision(**{**values, **changes})
