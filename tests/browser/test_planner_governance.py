"""What a planner takes to the committee can be corrected and is decided by more than one person.

Tags: the planner corrects an input that "confirm all" already confirmed and adds an issue to one
that never had a suggestion; `consult retrain` then keeps the suggestion nobody rejected.
Revisions: the author cannot publish their own; a second planner approves it with the provincial
committee's (กบจ.) resolution and scanned minutes; the public page shows the resolution; each
cited contributor who left an email address gets exactly one email, through a local SMTP server.

The site runs on a database of its own (not the shared demo site's): the test reads it, and
runs the commands on it, from this process as an operator would."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from consult.i18n import local_today
from tests.browser.conftest import (
    CHROMIUM,
    DEMO_PASSWORD,
    DESKTOP,
    PHONE,
    PROJECT_ROOT,
    check_page,
    served_demo_site,
    sign_in,
    words,
)
from tests.notifications.smtp import running_smtp_server, smtp_config

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]
OTOP_TEXT = "กลุ่มแม่บ้านทอผ้าไหม OTOP อยากให้มีตลาดขายของให้นักท่องเที่ยว"  # SI04 sure, SI03 not
UNSUGGESTED_TEXT = "อยากให้มีลานกีฬาให้เด็กๆ ในหมู่บ้านได้เล่นตอนเย็น"  # the catalogue suggests nothing
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, database URL) of the demo site served by `flask run` on its own SQLite file."""
    with served_demo_site(tmp_path_factory.mktemp("governance-site")) as served:
        yield served


@pytest.fixture
def page_at(browser, site):
    contexts = []

    def opener(width: int, language: str = "th"):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale=language, base_url=site[0], bypass_csp=True
        )
        context.add_cookies([{"name": "lang", "value": language, "url": site[0]}])
        contexts.append(context)
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()


def _submit(page, text: str, email: str | None = None) -> str:
    """A citizen's input for the demo cycle; returns its receipt as shown."""
    page.goto("/cycles/1/input")
    page.fill("#text", text)
    page.select_option("#sector", "citizen")
    if email:
        page.fill("#contact_email", email)
        page.check("#consent")
    page.get_by_role("button", name=words("th", "Send my input")).click()
    return page.locator("p.receipt").inner_text().strip()


def _choose_issue(select, code: str) -> None:
    """Pick the issue of that code in a tag form's list (its options read "SI07 title")."""
    select.select_option(select.locator("option", has_text=code).get_attribute("value"))


def _input_id(database_url: str, receipt: str) -> int:
    return _read(
        database_url,
        lambda db, models: db.session.scalar(
            select(models.CitizenInput.id).where(models.CitizenInput.receipt == receipt.replace("-", ""))
        ),
    )


def _read(database_url: str, query):
    from consult import create_app, models
    from consult.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        try:
            return query(db, models)
        finally:
            db.session.remove()
            db.engine.dispose()


def _wait_tagged(database_url: str, input_id: int) -> None:
    """The site tags a submission after answering it (its tag queue): wait until it has."""
    from consult.inputs.models import QueuedInput

    deadline = time.monotonic() + 30
    while _read(database_url, lambda db, models: db.session.get(QueuedInput, input_id)) is not None:
        assert time.monotonic() < deadline, f"input {input_id} was not tagged within 30 s"
        time.sleep(0.3)


def _tags(database_url: str, input_id: int) -> dict[str, str]:
    from consult.tagging.models import InputTag

    return _read(
        database_url,
        lambda db, models: {
            tag.issue.code: tag.state
            for tag in db.session.scalars(select(InputTag).where(InputTag.input_id == input_id))
        },
    )


def test_planner_corrects_confirmed_and_unsuggested_inputs_and_retraining_keeps_the_rest(page_at, site):
    base, database_url = site
    citizen = page_at(PHONE)
    otop = _input_id(database_url, _submit(citizen, OTOP_TEXT))
    bare = _input_id(database_url, _submit(citizen, UNSUGGESTED_TEXT))
    for item in (otop, bare):
        _wait_tagged(database_url, item)
    assert _tags(database_url, bare) == {}
    assert _tags(database_url, otop) == {"SI04": "suggested", "SI03": "suggested"}

    page = page_at(DESKTOP)
    sign_in(page, "planner")
    page.goto("/tagging/cycles/1/review")
    check_page(page, DESKTOP, "th")
    page.select_option("#threshold", "0.9")
    page.get_by_role("button", name=words("th", "Confirm all confident suggestions")).click()
    assert _tags(database_url, otop) == {"SI04": "confirmed", "SI03": "suggested"}

    # the confirmed input is corrected on its own page: SI07 added, SI04 stays
    page.goto(f"/review/inputs/{otop}")
    check_page(page, DESKTOP, "th")
    expect(page.locator(f"#input-{otop} ~ .tag-decisions .tag-confirmed")).to_contain_text("SI04")
    _choose_issue(page.locator(f"#add-{otop}"), "SI07")
    page.locator(f"form.tag-add:has(#add-{otop}) button").click()
    page.wait_for_url(re.compile(rf"/review/inputs/{otop}"))
    assert _tags(database_url, otop) == {"SI04": "confirmed", "SI03": "suggested", "SI07": "confirmed"}
    page.locator(".tag-confirmed:has-text('SI07') button[value=reject]").click()
    expect(page.locator(".tag-rejected")).to_contain_text("SI07")
    assert _tags(database_url, otop)["SI07"] == "rejected"

    # the input that never had a suggestion waits in the queue of inputs without a confirmed tag
    page.goto("/tagging/cycles/1/review?view=unconfirmed")
    check_page(page, DESKTOP, "th")
    item = page.locator(f"#input-{bare}")
    expect(item).to_contain_text(words("th", "No strategic issue yet: add the ones this input is about."))
    _choose_issue(item.locator(f"#add-{bare}"), "SI06")
    item.get_by_role("button", name=re.compile(words("th", "Add"))).click()
    expect(page.locator(f"#input-{bare}")).to_have_count(0)  # it has a confirmed tag now
    assert _tags(database_url, bare) == {"SI06": "confirmed"}

    retrain = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "consult", "retrain"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "CONSULT_DEMO_PASSWORD": DEMO_PASSWORD},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "tagger" in retrain.stdout, retrain.stdout
    tags = _tags(database_url, otop)
    assert tags == {"SI04": "confirmed", "SI03": "suggested", "SI07": "rejected"}  # SI03 kept
    page.goto(f"/review/inputs/{otop}")
    expect(page.locator(".tag-suggested")).to_contain_text("SI03")


def test_a_second_planner_approves_with_the_committee_resolution_and_each_contributor_hears_once(
    page_at, site, tmp_path
):
    base, database_url = site
    citizen = page_at(PHONE)
    receipts = [
        _submit(citizen, "อยากให้มีตลาดกลางข้าวอินทรีย์ประจำอำเภอ ให้ชาวนาขายข้าวได้ราคาดี", "somchai@example.org"),
        _submit(citizen, "อยากให้ส่งเสริมโรงสีข้าวชุมชนและตลาดข้าวอินทรีย์", "malee@example.org"),
        _submit(citizen, "ราคาข้าวอินทรีย์ตกต่ำ อยากให้มีตลาดกลาง"),  # no address: no mail
    ]
    for receipt in receipts:  # indexed for the search (after the submission answered)
        _wait_tagged(database_url, _input_id(database_url, receipt))

    author = page_at(PHONE)
    sign_in(author, "planner")
    author.goto("/review/cycles/1/revisions/new?issue=SI01")
    author.fill("#title", "ตลาดกลางข้าวอินทรีย์ประจำอำเภอ")
    author.fill("#text_after", "ส่งเสริมเกษตรอินทรีย์และตลาดกลางข้าวอินทรีย์ประจำอำเภอ")
    author.fill("#rationale", "ประชาชนหลายตำบลเสนอให้มีตลาดกลางรับซื้อข้าวอินทรีย์")
    author.get_by_role("button", name=words("th", "Save draft")).click()
    author.wait_for_url(re.compile(r"revision=\d+"))
    revision = int(re.search(r"revision=(\d+)", author.url).group(1))
    author.fill("#q", "ข้าวอินทรีย์")
    author.get_by_role("button", name=words("th", "Search")).click()
    author.wait_for_url(re.compile(r"[?&]q="))
    for receipt in receipts:
        author.locator(f"li:has-text('{receipt}') input[name=input]").check()
    author.get_by_role("button", name=words("th", "Cite in the revision")).click()
    author.goto(f"/review/revisions/{revision}")
    author.get_by_role("button", name=words("th", "Submit for review")).click()
    # the author has no way to publish: only the note that someone else approves
    expect(author.locator("#own-revision")).to_be_visible()
    expect(author.get_by_role("button", name=words("th", "Approve and publish"))).to_have_count(0)
    check_page(author, PHONE, "th")

    approver = page_at(PHONE)
    sign_in(approver, "approver")
    approver.goto(f"/review/revisions/{revision}")
    check_page(approver, PHONE, "th")
    approver.fill("#meeting", "3/2569")
    approver.fill("#decided_on", local_today().isoformat())
    approver.fill("#resolution", "ที่ประชุมมีมติเห็นชอบให้ทบทวนประเด็นยุทธศาสตร์ที่ 1 ตามที่เสนอ")
    approver.set_input_files(
        "#minutes", files=[{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    approver.get_by_role("button", name=words("th", "Approve and publish")).click()
    expect(approver.locator(".flashes")).to_contain_text(
        words("th", "Approved and published. The plan now reads as revised, and the cited inputs show it.")
    )

    public = page_at(PHONE)
    public.goto(f"/revisions/{revision}")
    expect(public.locator(".committee-decision")).to_contain_text("3/2569")
    expect(public.locator(".committee-decision")).to_contain_text("ที่ประชุมมีมติเห็นชอบให้ทบทวนประเด็นยุทธศาสตร์ที่ 1")
    check_page(public, PHONE, "th")
    minutes = public.request.get(f"/revisions/{revision}/minutes")
    assert minutes.ok and minutes.body() == PDF

    delivered = _deliver(database_url)
    assert sorted(delivered) == ["malee@example.org", "somchai@example.org"]
    assert all(len(subjects) == 1 for subjects in delivered.values()), delivered


def _deliver(database_url: str) -> dict[str, list[str]]:
    """Send the site's outbox to a local SMTP server twice (a retried job sends nothing more);
    recipient → subjects of the messages it got."""
    from consult import create_app
    from consult.extensions import db
    from consult.jobs import send_outbox

    with running_smtp_server() as (inbox, port):
        app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, **smtp_config(port)})
        with app.app_context():
            assert send_outbox()["failed"] == 0
            send_outbox()
            found = {
                address: [message["Subject"] for message in inbox.to(address)]
                for address in ("somchai@example.org", "malee@example.org")
                if inbox.to(address)
            }
            db.session.remove()
            db.engine.dispose()
    return found


def test_an_administrator_reads_the_approval_in_the_audit_log(page_at):
    page = page_at(PHONE)
    sign_in(page, "admin")
    page.goto("/staff/audit")
    check_page(page, PHONE, "th")
    page.select_option("#action", "revision.approved")
    page.get_by_role("button", name=words("th", "Show")).click()
    page.wait_for_url(re.compile(r"action=revision\.approved"))
    expect(page.locator("table.audit-log tbody tr")).to_have_count(1)
    expect(page.locator("table.audit-log")).to_contain_text("3/2569")
    check_page(page, PHONE, "th")
