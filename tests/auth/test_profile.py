"""Every staff member's own profile: name, email and password."""

from sqlalchemy import select

from consult.auth.models import AuditEvent, User
from consult.extensions import db
from tests.conftest import PASSWORD, csrf_token, login

NEW_PASSWORD = "a-brand-new-password"


def user_named(username: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def change_password(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post(
        "/staff/profile/password",
        data={
            "current_password": current,
            "new_password": new,
            "confirm": confirm or new,
            "csrf_token": csrf_token(client, "/staff/profile"),
        },
    )


def test_every_role_has_a_profile_and_anonymous_visitors_sign_in_first(client, world):
    assert "/login" in client.get("/staff/profile").headers["Location"]
    for username in ("official", "planner", "admin"):
        login(client, username)
        page = client.get("/staff/profile").get_data(as_text=True)
        assert "โปรไฟล์ของฉัน" in page and world["users"][username].username in page
        client.post("/logout", data={"csrf_token": csrf_token(client, "/staff/profile")})


def test_the_navigation_links_the_profile_and_for_admins_the_staff_pages(client, world):
    login(client, "official")
    page = client.get("/staff").get_data(as_text=True)
    assert 'href="/staff/profile"' in page and 'href="/staff/accounts"' not in page
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    login(client, "admin")
    assert 'href="/staff/accounts"' in client.get("/staff").get_data(as_text=True)


def test_changing_name_and_email(client, world):
    login(client, "official")
    response = client.post(
        "/staff/profile",
        data={
            "display_name": "สมศักดิ์",
            "email": "me@example.org",
            "csrf_token": csrf_token(client, "/staff/profile"),
        },
    )
    assert response.status_code == 302
    assert user_named("official").email == "me@example.org"
    assert user_named("official").display_name == "สมศักดิ์"
    bad = client.post(
        "/staff/profile",
        data={"display_name": "", "email": "nope", "csrf_token": csrf_token(client, "/staff/profile")},
    )
    assert bad.status_code == 400
    assert "กรุณากรอกอีเมลให้ถูกต้อง" in bad.get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.profile")) is not None


def test_changing_the_password_keeps_this_session_and_ends_the_others(app, client, world):
    other = app.test_client()
    login(client, "planner")
    login(other, "planner")
    response = change_password(client)
    assert response.status_code == 302
    assert client.get("/staff/profile").status_code == 200
    assert other.get("/staff/profile").status_code == 302
    assert user_named("planner").check_password(NEW_PASSWORD)


def test_password_change_rules_in_thai(client, world):
    login(client, "official")
    wrong = change_password(client, current="not-my-password")
    assert wrong.status_code == 400 and "รหัสผ่านปัจจุบันไม่ถูกต้อง" in wrong.get_data(as_text=True)
    short = change_password(client, new="short")
    assert "สั้นเกินไป" in short.get_data(as_text=True)
    differ = change_password(client, confirm="something-else-entirely")
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in differ.get_data(as_text=True)
    assert user_named("official").check_password(PASSWORD)


def test_the_username_is_no_password(client, world):
    login(client, "other_official")
    refused = change_password(client, new="Other_Official")
    assert refused.status_code == 400 and "ต้องไม่ใช่ชื่อผู้ใช้" in refused.get_data(as_text=True)
