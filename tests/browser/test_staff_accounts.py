"""An administrator creates an official with an email in the browser, on a phone, picking the
subdistrict province → district → subdistrict; the scheduler's calendar sweep then mails that
official the hearing reminder and the phase opening through a local SMTP server.

The site here runs on a database of its own (not the shared demo site's): the test reads and
changes it from this process as the scheduler would, and its new account must not show up in
the other journeys."""

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.browser.conftest import (
    CHROMIUM,
    DESKTOP,
    PHONE,
    check_page,
    served_demo_site,
    sign_in,
    words,
)
from tests.browser.test_accessibility import assert_keyboard_reaches_every_control_with_visible_focus
from tests.notifications.smtp import running_smtp_server, smtp_config

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]
SHOTS = Path("/tmp/staff-shots")
EMAIL = "somsri.official@example.org"


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory):
    """(base URL, database URL) of the demo site served by `flask run` on its own SQLite file."""
    with served_demo_site(tmp_path_factory.mktemp("staff-site")) as site:
        yield site


@pytest.fixture
def staff_page(browser, staff_site):
    contexts = []

    def opener(width: int):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="th", base_url=staff_site[0], bypass_csp=True
        )
        contexts.append(context)
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()


def shoot(page, name: str, width: int) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_admin_creates_an_official_who_then_gets_the_reminder_and_phase_opening_by_smtp(
    staff_page, staff_site
):
    page = staff_page(PHONE)
    sign_in(page, "admin")
    page.get_by_role("link", name=words("th", "Staff accounts")).first.click()
    check_page(page, PHONE, "th")
    shoot(page, "staff-list", PHONE)
    page.get_by_role("link", name=words("th", "Add a staff account")).click()
    page.fill("#username", "somsri")
    page.fill("#display_name", "สมศรี ใจดี")
    page.fill("#email", EMAIL)
    page.select_option("#role", "official")
    page.select_option("#province", "40")
    show = page.get_by_role("button", name=words("th", "Show the districts and subdistricts"))
    show.click()
    page.select_option("#district", "4001")
    show.click()
    page.get_by_label("สำราญ (400102)").check()
    check_page(page, PHONE, "th")
    shoot(page, "staff-new", PHONE)
    page.get_by_role("button", name=words("th", "Save"), exact=True).click()
    assert words("th", "Account of %(name)s created", name="สมศรี ใจดี") in page.locator("h1").inner_text()
    assert EMAIL in page.locator("main").inner_text()
    check_page(page, PHONE, "th")
    page.goto("/staff/accounts?q=somsri")
    assert EMAIL in page.locator("main").inner_text()

    official = db_user_and_mail(staff_site[1])
    assert official["area"] == {"400102"}
    subjects = official["subjects"]
    assert "บัญชีเจ้าหน้าที่ของคุณในระบบ consult" in subjects  # the link to set a password
    assert f"อีก 7 วัน: {official['hearing']}" in subjects
    assert f"เริ่มแล้ว: {official['phase']}" in subjects


def db_user_and_mail(database_url: str) -> dict:
    """Run the scheduler's calendar sweep at two moments (the hearing phase opening, a week
    before the official's hearing) on the site's database, and deliver the outbox to SMTP."""
    from consult import create_app
    from consult.auth.models import User
    from consult.extensions import db
    from consult.hearings.models import Hearing
    from consult.i18n import LOCAL_ZONE
    from consult.jobs import calendar_sweep, send_outbox
    from consult.strategy.models import PHASE_HEARINGS, StrategyCycle

    with running_smtp_server() as (inbox, port):
        app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, **smtp_config(port)})
        with app.app_context():
            official = db.session.scalar(select(User).where(User.username == "somsri"))
            phase = db.session.scalar(select(StrategyCycle)).phase(PHASE_HEARINGS)
            hearing = next(
                h
                for h in db.session.scalars(select(Hearing).order_by(Hearing.starts_at))
                if {s.code for s in h.subdistricts} & official.subdistrict_codes
            )
            calendar_sweep(datetime.combine(phase.starts_on, time(12), tzinfo=LOCAL_ZONE))
            calendar_sweep(hearing.starts_at - timedelta(days=7))
            assert send_outbox()["failed"] == 0
            found = {
                "area": official.subdistrict_codes,
                "hearing": hearing.title,
                "phase": phase.name_th,
                "subjects": [message["Subject"] for message in inbox.to(EMAIL)],
            }
            db.session.remove()
            db.engine.dispose()
    return found


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_staff_pages_in_thai_by_keyboard_with_screenshots(staff_page, width):
    page = staff_page(width)
    sign_in(page, "admin")
    page.goto("/staff/accounts")
    check_page(page, width, "th")
    shoot(page, "staff-list", width)
    page.goto("/staff/accounts/new")
    page.select_option("#role", "official")
    page.select_option("#province", "40")
    page.get_by_role("button", name=words("th", "Show the districts and subdistricts")).click()
    page.select_option("#district", "4001")
    page.get_by_role("button", name=words("th", "Show the districts and subdistricts")).click()
    check_page(page, width, "th")
    assert_keyboard_reaches_every_control_with_visible_focus(page)
    shoot(page, "staff-new", width)
    page.goto("/staff/profile")
    check_page(page, width, "th")
    assert_keyboard_reaches_every_control_with_visible_focus(page)
    shoot(page, "profile", width)
