"""Password links: an administrator sends one, it works once, and not after it expires."""

import re
from datetime import timedelta

from sqlalchemy import select

from consult.auth.models import AuditEvent, User
from consult.auth.operations import PASSWORD_LINK_LIFETIME, password_link_token, user_for_password_link
from consult.extensions import db
from consult.notifications.models import OutboxMessage
from consult.notifications.sender import send_due_messages
from consult.timeutil import utcnow
from tests.conftest import csrf_token, login

NEW_PASSWORD = "a-password-from-the-link"


def user_named(username: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def set_password_through(client, path: str, password: str = NEW_PASSWORD):
    return client.post(
        path, data={"new_password": password, "confirm": password, "csrf_token": csrf_token(client, path)}
    )


def test_an_admin_emails_a_link_that_works_once(app, client, world, smtp_inbox):
    world["users"]["official"].email = "official@example.org"
    db.session.commit()
    login(client, "admin")
    official_id = world["users"]["official"].id
    response = client.post(
        f"/staff/accounts/{official_id}/password", data={"csrf_token": csrf_token(client, "/staff/accounts")}
    )
    assert response.status_code == 302
    assert send_due_messages().sent == 1
    [message] = smtp_inbox.to("official@example.org")
    assert message["Subject"] == "ตั้งรหัสผ่านใหม่สำหรับระบบ consult"
    path = re.search(r"https?://[^/\s]+(/password/\S+)", message.get_content()).group(1)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.password_link"))

    visitor = app.test_client()
    page = visitor.get(path)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert set_password_through(visitor, path).status_code == 302
    assert user_named("official").check_password(NEW_PASSWORD)
    assert login(visitor, "official", NEW_PASSWORD).status_code == 302
    again = app.test_client().get(path)
    assert again.status_code == 410 and "ลิงก์นี้ใช้ไม่ได้แล้ว" in again.get_data(as_text=True)
    assert user_named("official").check_password(NEW_PASSWORD)


def test_a_link_expires_and_dies_when_the_password_changes(app_context, world):
    official = world["users"]["official"]
    token = password_link_token(official)
    now = utcnow()
    assert user_for_password_link(token, now) == official
    assert user_for_password_link(token, now + PASSWORD_LINK_LIFETIME - timedelta(minutes=1)) == official
    assert user_for_password_link(token, now + PASSWORD_LINK_LIFETIME + timedelta(minutes=1)) is None
    assert user_for_password_link(token[:-2] + "xx", now) is None
    official.set_password("changed-some-other-way")
    db.session.commit()
    assert user_for_password_link(token, now) is None


def test_a_deactivated_account_cannot_use_its_link(app_context, world):
    official = world["users"]["official"]
    token = password_link_token(official)
    official.active = False
    db.session.commit()
    assert user_for_password_link(token) is None


def test_the_link_page_checks_the_password_rules_in_thai(app, world):
    client = app.test_client()
    path = "/password/" + password_link_token(world["users"]["official"])
    short = set_password_through(client, path, "short")
    assert short.status_code == 400 and "สั้นเกินไป" in short.get_data(as_text=True)


def test_without_email_the_admin_gets_a_temporary_password(client, world):
    login(client, "admin")
    response = client.post(
        f"/staff/accounts/{world['users']['planner'].id}/password",
        data={"csrf_token": csrf_token(client, "/staff/accounts")},
    )
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = re.search(r"<code>([^<]+)</code>", response.get_data(as_text=True)).group(1)
    assert user_named("planner").check_password(password)
    assert db.session.scalar(select(OutboxMessage)) is None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.temporary_password"))
