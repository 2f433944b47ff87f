"""Finding: signing out did not end the session. A copied session cookie, replayed after POST
/logout, still downloaded the cycle's input export. Sessions now end on the server: on signing
out, on a password, role or area change, after an idle hour and some hours after signing in."""

import time

from sqlalchemy import select

from consult.auth.models import User
from consult.auth.operations import update_staff
from consult.extensions import db
from tests.conftest import csrf_token, login


def _session_cookie(client):
    return next(cookie for cookie in client._cookies.values() if cookie.key == "session")


def _replay(app, cookie):
    thief = app.test_client()
    thief.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    return thief


def test_a_session_cookie_replayed_after_sign_out_gets_the_sign_in_page(app, world):
    planner = app.test_client()
    login(planner, "planner")
    export = f"/review/cycles/{world['cycle'].id}/export/inputs.csv"
    assert planner.get(export).status_code == 200
    copied = _session_cookie(planner)
    assert _replay(app, copied).get(export).status_code == 200  # a copy works while signed in
    planner.post("/logout", data={"csrf_token": csrf_token(planner, "/staff")})
    replayed = _replay(app, copied).get(export)
    assert replayed.status_code == 302 and "/login" in replayed.headers["Location"]


def test_a_role_or_area_change_ends_the_sessions_of_that_account(app, world):
    official = app.test_client()
    login(official, "official")
    assert official.get("/staff/inputs").status_code == 200
    user = db.session.scalar(select(User).where(User.username == "official"))
    update_staff(
        user,
        actor=world["users"]["admin"],
        display_name=user.display_name,
        email=None,
        role="official",
        province_code=None,
        subdistrict_codes=["400101", "400102"],
    )
    assert official.get("/staff/inputs").status_code == 302


def _age_session(client, **ages):
    with client.session_transaction() as session:
        for key, seconds in ages.items():
            session[key] = int(time.time()) - seconds


def test_a_staff_session_ends_after_an_idle_hour(app, world):
    client = app.test_client()
    login(client, "planner")
    _age_session(client, seen_at=app.config["STAFF_IDLE_MINUTES"] * 60 - 30)
    assert client.get("/review/").status_code == 200  # not idle long enough, and seen again now
    _age_session(client, seen_at=app.config["STAFF_IDLE_MINUTES"] * 60 + 30)
    ended = client.get("/review/")
    assert ended.status_code == 302 and "/login" in ended.headers["Location"]


def test_a_staff_session_ends_some_hours_after_signing_in_however_active(app, world):
    client = app.test_client()
    login(client, "planner")
    _age_session(client, signed_in_at=app.config["STAFF_SESSION_HOURS"] * 3600 + 30)
    ended = client.get("/review/")
    assert ended.status_code == 302 and "/login" in ended.headers["Location"]
    page = client.get(ended.headers["Location"]).get_data(as_text=True)
    assert "เซสชันของท่านสิ้นสุดแล้ว กรุณาเข้าสู่ระบบอีกครั้ง" in page
