"""Findings: five wrong passwords locked any staff account for 15 minutes (anyone could lock
out the planner on the day of the committee), the lock message appeared only for usernames that
exist, and failed sign-ins were not in the audit log."""

from datetime import timedelta

import pyotp
from sqlalchemy import select

from consult.auth import signin
from consult.auth.models import AuditEvent, User
from consult.extensions import db
from consult.timeutil import utcnow
from tests.conftest import PASSWORD, csrf_token, login


def _attempt(username, password, now, address="10.0.0.9", device=None):
    return signin.check_password(username, password, address=address, device=device, now=now)


def test_failures_slow_down_instead_of_locking(app_context, world):
    now = utcnow()
    for _ in range(signin.ACCOUNT_FREE_FAILURES):
        assert _attempt("planner", "wrong", now).wait == 0
    assert _attempt("planner", "wrong", now).wait == 0  # the first failure past them sets a wait of 1 s
    waiting = _attempt("planner", PASSWORD, now)
    assert waiting.user is None and waiting.wait == 1  # not even checked while waiting
    assert _attempt("planner", "wrong", now + timedelta(seconds=1)).wait == 0  # now 2 s
    assert _attempt("planner", PASSWORD, now + timedelta(seconds=2)).wait == 1
    later = now + timedelta(seconds=3)
    assert _attempt("planner", PASSWORD, later).user is not None


def test_the_wait_grows_and_stops_at_a_few_minutes(app_context, world):
    now = utcnow()
    for _ in range(30):
        _attempt("planner", "wrong", now)
        now += timedelta(minutes=10)  # each attempt after the wait, as a patient attacker would
    now -= timedelta(minutes=10)
    assert _attempt("planner", PASSWORD, now).wait == signin.ACCOUNT_LONGEST_WAIT.total_seconds()


def test_the_answer_is_the_same_whether_the_account_exists_or_not(client, world, app):
    def answers(username):
        other = app.test_client()
        return [
            (response.status_code, _errors(response.get_data(as_text=True)))
            for response in (login(other, username, "wrong") for _ in range(6))
        ]

    known = answers("planner")
    assert known == answers("no-such-user")
    assert len({tuple(messages) for _status, messages in known}) == 2  # wrong, then please wait


def _errors(page: str) -> list[str]:
    import re

    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", summary.group(0)) if summary else []


def test_a_stranger_hammering_the_name_does_not_keep_out_a_browser_that_signed_in_before(app, world):
    planner = app.test_client()
    assert login(planner, "planner").status_code == 302
    planner.post("/logout", data={"csrf_token": csrf_token(planner, "/staff")})
    stranger = app.test_client()
    stranger.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    for _ in range(8):
        login(stranger, "planner", "wrong")
    assert login(stranger, "planner").status_code == 400  # the stranger waits, even with the password
    assert login(planner, "planner").status_code == 302  # the planner's own browser does not


def test_every_failure_and_success_is_in_the_audit_log(client, world):
    login(client, "official", "wrong")
    login(client, "no-such-user", "wrong")
    login(client, "official")
    events = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    said = [(event.action, event.detail["username"], event.detail.get("reason")) for event in events]
    assert said == [
        ("login.failed", "official", "password"),
        ("login.failed", "no-such-user", "unknown_account"),
        ("login", "official", None),
    ]
    assert all(event.remote_addr for event in events)
    assert events[0].user_id is None and events[2].user_id == world["users"]["official"].id


def test_a_planner_adds_a_second_factor_and_signing_in_then_asks_for_the_code(app, world):
    client = app.test_client()
    login(client, "planner")
    page = client.get("/staff/profile/two-factor").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page
    import re

    secret = re.search(r'<code translate="no">([A-Z2-7]+)</code>', page).group(1)
    token = csrf_token(client, "/staff/profile/two-factor")
    wrong = client.post("/staff/profile/two-factor", data={"csrf_token": token, "code": "000000"})
    assert wrong.status_code == 400
    code = pyotp.TOTP(secret).now()
    assert (
        client.post("/staff/profile/two-factor", data={"csrf_token": token, "code": code}).status_code == 302
    )
    assert db.session.scalar(select(User.totp_secret).where(User.username == "planner")) == secret

    fresh = app.test_client()
    first = login(fresh, "planner")
    assert first.status_code == 302 and "/login/code" in first.headers["Location"]
    assert fresh.get("/review/").status_code == 302  # the password alone does not sign in
    token = csrf_token(fresh, "/login/code")
    assert fresh.post("/login/code", data={"csrf_token": token, "code": code}).status_code == 400  # used
    next_code = pyotp.TOTP(secret).at(utcnow() + timedelta(seconds=30))
    assert fresh.post("/login/code", data={"csrf_token": token, "code": next_code}).status_code == 302
    assert fresh.get("/review/").status_code == 200
    login_event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login")).all()[-1]
    assert login_event.detail["second_factor"] is True


def test_officials_are_not_offered_a_second_factor(app, world):
    client = app.test_client()
    login(client, "official")
    assert client.get("/staff/profile/two-factor").status_code == 403
