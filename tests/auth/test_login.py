from sqlalchemy import select

from consult.auth.models import AuditEvent, User
from consult.extensions import db
from tests.conftest import PASSWORD, csrf_token, login


def test_staff_sign_in_and_out(client, world):
    response = login(client, "official")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff")
    page = client.get("/staff").get_data(as_text=True)
    assert "เจ้าหน้าที่ระดับตำบล" in page
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "login")) is not None
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    assert client.get("/staff").status_code == 302


def test_wrong_password_gets_a_clear_thai_message(client, world):
    response = login(client, "official", "wrong")
    assert response.status_code == 400
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.get_data(as_text=True)


def test_password_change_signs_out_other_sessions(app, world):
    first, second = app.test_client(), app.test_client()
    login(first, "planner")
    login(second, "planner")
    assert first.get("/review/").status_code == 200
    user = db.session.scalar(select(User).where(User.username == "planner"))
    user.set_password("another-long-password")
    db.session.commit()
    assert first.get("/review/").status_code == 302
    assert second.get("/review/").status_code == 302


def test_next_parameter_never_leaves_the_site(client, world):
    token = csrf_token(client, "/login")
    response = client.post(
        "/login?next=https://evil.example/",
        data={"username": "official", "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"].endswith("/staff")


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
