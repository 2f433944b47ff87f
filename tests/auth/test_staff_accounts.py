"""The administrators' staff pages: who may open them, creating, editing, deactivating."""

import re

import pytest
from sqlalchemy import select

from consult.auth.models import AuditEvent, User
from consult.extensions import db
from consult.notifications.models import OutboxMessage
from tests.conftest import PASSWORD, csrf_token, login

ADMIN_PAGES = ["/staff/accounts", "/staff/accounts/new", "/staff/accounts/{official}"]


def user_named(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def audited(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def checked(page: str, code: str) -> bool:
    [tag] = re.findall(rf'<input[^>]*value="{code}"[^>]*>', page)
    return " checked" in tag


def new_account(client, **fields):
    token = csrf_token(client, "/staff/accounts/new")
    data = {
        "username": "somsri",
        "display_name": "สมศรี ใจดี",
        "email": "somsri@example.org",
        "role": "official",
        "province": "40",
        "district": "4001",
        "subdistricts": ["400102"],
        "save": "1",
        "csrf_token": token,
    }
    data.update(fields)
    return client.post("/staff/accounts/new", data={k: v for k, v in data.items() if v is not None})


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, world, page):
    response = client.get(page.format(official=world["users"]["official"].id))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_officials_are_refused(client, world, page):
    login(client, "official")
    assert client.get(page.format(official=world["users"]["official"].id)).status_code == 403
    target = world["users"]["other_official"].id
    token = csrf_token(client, "/staff/profile")
    for action in ("active", "password"):
        assert (
            client.post(
                f"/staff/accounts/{target}/{action}", data={"active": "0", "csrf_token": token}
            ).status_code
            == 403
        )
    assert user_named("other_official").active


def test_a_planner_manages_only_the_officials_of_their_province(client, world):
    from consult.auth.operations import create_user

    create_user("chiang_mai_official", PASSWORD, "official", subdistrict_codes=["500101"])
    db.session.commit()
    login(client, "planner")
    listing = client.get("/staff/accounts").get_data(as_text=True)
    assert "(official)" in listing and "(other_official)" in listing
    assert (
        "(chiang_mai_official)" not in listing
        and "(admin)" not in listing
        and "(other_planner)" not in listing
    )
    assert client.get(f"/staff/accounts/{world['users']['official'].id}").status_code == 200
    token = csrf_token(client, "/staff/profile")
    for username in ("chiang_mai_official", "admin", "planner", "other_planner"):
        target = user_named(username).id
        assert client.get(f"/staff/accounts/{target}").status_code == 403
        for action in ("active", "password"):
            assert (
                client.post(
                    f"/staff/accounts/{target}/{action}", data={"active": "0", "csrf_token": token}
                ).status_code
                == 403
            )
        assert user_named(username).active


def test_a_planner_creates_officials_in_their_province_only(client, world):
    login(client, "planner")
    form = client.get("/staff/accounts/new").get_data(as_text=True)
    assert 'value="40"' in form and 'value="50"' not in form and 'value="admin"' not in form
    elsewhere = new_account(client, province="50", district="5001", subdistricts=["500101"])
    assert elsewhere.status_code == 400 and "คุณเลือกได้เฉพาะตำบลในจังหวัดของคุณ" in elsewhere.get_data(
        as_text=True
    )
    assert new_account(client, role="admin", subdistricts=None).status_code == 400
    assert user_named("somsri") is None
    assert new_account(client).status_code == 201
    assert user_named("somsri").subdistrict_codes == {"400102"}
    [event] = audited("user.create")
    assert event.user_id == world["users"]["planner"].id


def test_a_planner_cannot_move_an_official_out_of_the_province(client, world):
    login(client, "planner")
    url = f"/staff/accounts/{world['users']['official'].id}"
    moved = client.post(
        url,
        data={
            "display_name": "x",
            "email": "",
            "role": "official",
            "province": "50",
            "district": "5001",
            "subdistricts": ["500101"],
            "save": "1",
            "csrf_token": csrf_token(client, url),
        },
    )
    assert moved.status_code == 400
    promoted = client.post(
        url,
        data={
            "display_name": "x",
            "email": "",
            "role": "planner",
            "province": "40",
            "save": "1",
            "csrf_token": csrf_token(client, url),
        },
    )
    assert promoted.status_code == 400
    assert user_named("official").role == "official" and user_named("official").subdistrict_codes == {
        "400101"
    }


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_administrators_open_every_page(client, world, page):
    login(client, "admin")
    assert client.get(page.format(official=world["users"]["official"].id)).status_code == 200


def test_the_list_shows_role_area_email_and_last_sign_in_and_searches(client, world):
    world["users"]["official"].email = "official@example.org"
    db.session.commit()
    login(client, "official")
    admin = client.application.test_client()
    login(admin, "admin")
    page = admin.get("/staff/accounts").get_data(as_text=True)
    assert "พบ 5 บัญชี" in page
    assert "official@example.org" in page and "ในเมือง" in page and "เข้าระบบล่าสุด" in page
    assert "ยังไม่เคยเข้าระบบ" in page  # the planners never signed in
    found = admin.get("/staff/accounts?q=OTHER_").get_data(as_text=True)
    assert "other_official" in found and "other_planner" in found and "(official)" not in found
    planners = admin.get("/staff/accounts?role=planner").get_data(as_text=True)
    assert "พบ 2 บัญชี" in planners and "(admin)" not in planners


def test_the_list_pages_through_many_accounts(client, world):
    from consult.auth.operations import create_user

    for number in range(30):
        create_user(f"staff{number:02}", PASSWORD, "admin")
    db.session.commit()
    login(client, "admin")
    first = client.get("/staff/accounts").get_data(as_text=True)
    assert "พบ 35 บัญชี" in first and "หน้า 1 จาก 2" in first and "staff19" in first and "staff20" not in first
    second = client.get("/staff/accounts?page=2").get_data(as_text=True)
    assert "staff20" in second and "staff19" not in second


def test_an_admin_creates_an_official_who_gets_a_password_link(client, world):
    login(client, "admin")
    response = new_account(client)
    assert response.status_code == 201
    assert "somsri@example.org" in response.get_data(as_text=True)
    user = user_named("somsri")
    assert user.role == "official" and user.subdistrict_codes == {"400102"} and user.province_code == "40"
    assert user.email == "somsri@example.org" and user.active
    [message] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == "somsri@example.org")
    )
    assert message.subject == "บัญชีเจ้าหน้าที่ของคุณในระบบ consult" and "/password/" in message.body
    [event] = audited("user.create")
    assert event.user_id == world["users"]["admin"].id and event.detail["subdistricts"] == ["400102"]


def test_an_account_without_email_gets_a_temporary_password_shown_once(client, world):
    login(client, "admin")
    response = new_account(
        client, username="somchai", email="", role="planner", province="50", district=None, subdistricts=None
    )
    assert response.status_code == 201 and response.headers["Cache-Control"] == "no-store"
    password = re.search(r"<code>([^<]+)</code>", response.get_data(as_text=True)).group(1)
    assert user_named("somchai").province_code == "50"
    assert user_named("somchai").check_password(password)
    assert db.session.scalar(select(OutboxMessage)) is None


def test_creation_errors_are_shown_in_thai(client, world):
    login(client, "admin")
    no_area = new_account(client, subdistricts=None)
    assert no_area.status_code == 400
    assert "กรุณาเลือกอย่างน้อยหนึ่งตำบล" in no_area.get_data(as_text=True)
    planner = new_account(client, role="planner", province="", district="")
    assert "กรุณาเลือกจังหวัดของนักวิเคราะห์นโยบายและแผน" in planner.get_data(as_text=True)
    taken = new_account(client, username="Official")
    assert "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว" in taken.get_data(as_text=True)
    bad = new_account(client, username="สมศรี", email="not-an-address")
    page = bad.get_data(as_text=True)
    assert "ใช้ได้เฉพาะอักษรละติน" in page and "กรุณากรอกอีเมลให้ถูกต้อง" in page
    forged = new_account(client, subdistricts=["999999"])
    assert forged.status_code == 400
    assert user_named("somsri") is None


def test_show_lists_districts_then_subdistricts_without_saving(client, world):
    login(client, "admin")
    token = csrf_token(client, "/staff/accounts/new")
    base = {
        "username": "somsri",
        "display_name": "สมศรี",
        "role": "official",
        "csrf_token": token,
        "show": "1",
    }
    districts = client.post("/staff/accounts/new", data={**base, "province": "40"}).get_data(as_text=True)
    assert 'value="4001"' in districts and "กรุณา" not in districts
    subdistricts = client.post(
        "/staff/accounts/new", data={**base, "province": "40", "district": "4001", "subdistricts": ["400201"]}
    ).get_data(as_text=True)
    assert 'value="400102"' in subdistricts
    assert checked(subdistricts, "400201") and not checked(
        subdistricts, "400102"
    )  # kept from another district
    assert user_named("somsri") is None


def test_an_admin_changes_role_area_and_email(client, world):
    login(client, "admin")
    official = world["users"]["official"]
    url = f"/staff/accounts/{official.id}"
    page = client.get(url).get_data(as_text=True)
    assert checked(page, "400101")
    response = client.post(
        url,
        data={
            "display_name": "นักวางแผนใหม่",
            "email": "new@example.org",
            "role": "planner",
            "province": "40",
            "district": "",
            "save": "1",
            "csrf_token": csrf_token(client, url),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    changed = user_named("official")
    assert changed.role == "planner" and changed.province_code == "40" and changed.subdistricts == []
    assert changed.email == "new@example.org" and changed.display_name == "นักวางแผนใหม่"
    [event] = audited("user.update")
    assert event.detail["before"]["role"] == "official" and event.detail["after"]["role"] == "planner"


def test_deactivation_ends_the_session_at_once_and_reactivation_lets_sign_in(app, client, world):
    official_client = app.test_client()
    login(official_client, "official")
    assert official_client.get("/staff").status_code == 200
    login(client, "admin")
    official = world["users"]["official"]
    url = f"/staff/accounts/{official.id}/active"
    client.post(url, data={"active": "0", "csrf_token": csrf_token(client, "/staff/accounts")})
    assert official_client.get("/staff").status_code == 302
    assert login(official_client, "official").status_code == 400
    assert [event.object_id for event in audited("user.deactivate")] == [str(official.id)]
    client.post(url, data={"active": "1", "csrf_token": csrf_token(client, "/staff/accounts")})
    assert login(official_client, "official").status_code == 302
    assert audited("user.activate")


def test_an_admin_cannot_lock_themselves_out(client, world):
    login(client, "admin")
    admin = world["users"]["admin"]
    client.post(
        f"/staff/accounts/{admin.id}/active",
        data={"active": "0", "csrf_token": csrf_token(client, "/staff/accounts")},
    )
    db.session.expire_all()
    assert user_named("admin").active and client.get("/staff/accounts").status_code == 200


def test_every_admin_form_needs_its_csrf_token(client, world):
    login(client, "admin")
    official = world["users"]["official"]
    assert client.post(f"/staff/accounts/{official.id}/active", data={"active": "0"}).status_code == 400
    assert client.post(f"/staff/accounts/{official.id}/password").status_code == 400
    refused = client.post(
        "/staff/accounts/new", data={"username": "x", "display_name": "x", "role": "admin", "save": "1"}
    )
    assert refused.status_code == 400 and user_named("x") is None
    db.session.expire_all()
    assert user_named("official").active


def test_the_operations_refuse_a_planner_outside_their_scope_whatever_the_form_says(app_context, world):
    from consult.auth.operations import AccountForbidden, create_staff, set_active, update_staff

    planner, official = world["users"]["planner"], world["users"]["official"]
    with pytest.raises(AccountForbidden):
        create_staff(
            actor=planner,
            username="x",
            display_name="x",
            email=None,
            role="official",
            province_code=None,
            subdistrict_codes=["500101"],
        )
    with pytest.raises(AccountForbidden):
        update_staff(
            official,
            actor=planner,
            display_name="x",
            email=None,
            role="admin",
            province_code=None,
            subdistrict_codes=[],
        )
    with pytest.raises(AccountForbidden):
        set_active(world["users"]["admin"], False, actor=planner)
    db.session.rollback()
    assert user_named("x") is None and user_named("official").role == "official"


def test_an_admin_cannot_change_their_own_role(client, world):
    login(client, "admin")
    url = f"/staff/accounts/{world['users']['admin'].id}"
    refused = client.post(
        url,
        data={
            "display_name": "ผู้ดูแล",
            "email": "",
            "role": "official",
            "province": "40",
            "district": "4001",
            "subdistricts": ["400101"],
            "save": "1",
            "csrf_token": csrf_token(client, url),
        },
    )
    assert refused.status_code == 400 and "คุณไม่สามารถเปลี่ยนบทบาทของตนเองได้" in refused.get_data(as_text=True)
    assert user_named("admin").role == "admin"
