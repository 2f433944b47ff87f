"""Finding: 31 citizens on one address, each with their own browser: 20 were accepted, the 21st
and everyone after got 429 for a minute (the limit was per address and route only, and shared
by every hearing's form). At a hearing on the อบต.'s Wi-Fi that is the normal case.

Here the site runs with its limits on at their shipped defaults, counted in memory and in the
Redis on 127.0.0.1:6379 (as every gunicorn worker would share them), and a crowd of 300
browsers (test clients, each with its own cookies) on one address sends input through the real
form and opens its receipt; then bots try what bots do."""

import random
import uuid

import pytest
from sqlalchemy import func, select

from consult import create_app
from consult.config import load_config
from consult.extensions import db, limiter
from consult.inputs.models import CitizenInput
from tests.conftest import login
from tests.inputs.conftest import input_form_data
from tests.inputs.test_abuse import REDIS_URL, redis_reachable, unique_text

CROWD = 300
# Counters in Redis outlive a test run (Flask-Limiter keeps the first key prefix it was given):
# each run's texts (unique_text, RUN) and addresses are its own.
RUN = uuid.uuid4().hex[:8]


@pytest.fixture(params=["memory://", REDIS_URL])
def site(request, app):
    if request.param.startswith("redis") and not redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    yield from _site(app, request.param)


@pytest.fixture
def crowd_site(app):
    """The crowd takes a while: it runs once, on the storage production uses where there is one."""
    yield from _site(app, REDIS_URL if redis_reachable() else "memory://")


def _site(app, storage: str):
    defaults = load_config(app.instance_path)
    limited = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SERVER_NAME": "consult.test",
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": storage,
            # the shipped limits, whatever the environment running the tests says
            **{name: value for name, value in defaults.items() if name.endswith("RATE_LIMIT")},
        }
    )
    limited.wifi = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    yield limited
    with limited.app_context():
        db.engine.dispose()
    limiter.init_app(app)  # the extension is shared: hand it back to the unlimited test app


def browser(site, address=None):
    """A browser of its own (its own cookies) on the hearing's Wi-Fi, unless told otherwise."""
    client = site.test_client()
    client.environ_base["REMOTE_ADDR"] = address or site.wifi
    return client


def _inputs() -> int:
    return db.session.scalar(select(func.count()).select_from(CitizenInput))


def test_three_hundred_browsers_on_one_address_all_get_through(crowd_site, world):
    site = crowd_site
    url = f"/hearings/{world['hearing'].id}/input"
    refused = []
    for number in range(CROWD):
        citizen = browser(site)
        text = f"ข้อเสนอที่ {number}: ขอให้ซ่อมถนนและขุดลอกคลองในหมู่ {number % 12 + 1} ({RUN})"
        sent = citizen.post(url, data=input_form_data(citizen, url, text=text))
        receipt = citizen.get(sent.headers.get("Location", url)) if sent.status_code == 303 else sent
        if sent.status_code != 303 or receipt.status_code != 200:
            refused.append((number, sent.status_code, receipt.status_code))
    assert refused == []
    assert _inputs() == CROWD


def test_one_browser_hammering_is_stopped(site, world):
    url = f"/hearings/{world['hearing'].id}/input"
    bot = browser(site)
    answers = [
        bot.post(
            url, data=input_form_data(bot, url, text=f"ข้อความอัตโนมัติหมายเลข {n} ซื้อสินค้าราคาถูก {RUN}")
        ).status_code
        for n in range(20)
    ]
    allowed = int(site.config["INPUT_RATE_LIMIT"].split()[0])
    assert answers == [303] * allowed + [429] * (20 - allowed)
    assert _inputs() == allowed
    assert browser(site).post(
        url, data=input_form_data(browser(site), url, text=unique_text())
    ).status_code in (303, 400)


def test_the_same_text_from_many_browsers_is_caught(site, world):
    url = f"/hearings/{world['hearing'].id}/input"
    text = f"โปรดเลือกโครงการของบริษัทเราเท่านั้น ติดต่อได้ที่เว็บไซต์ของเรา {RUN}"
    answers = []
    for _ in range(8):
        sender = browser(site)
        answers.append(sender.post(url, data=input_form_data(sender, url, text=text)).status_code)
    assert answers == [303] * 3 + [429] * 5
    short = []  # a short text many people say alike is not a repeat
    for _ in range(5):
        sender = browser(site)
        short.append(sender.post(url, data=input_form_data(sender, url, text="เห็นด้วย")).status_code)
    assert short == [303] * 5


def test_a_browser_that_fills_in_the_honeypot_is_stopped(site, world):
    url = f"/hearings/{world['hearing'].id}/input"
    bot = browser(site)
    caught = [
        bot.post(url, data=input_form_data(bot, url, text=unique_text(), website="http://spam.example"))
        for _ in range(3)
    ]
    assert [answer.status_code for answer in caught] == [400, 400, 400]
    assert bot.post(url, data=input_form_data(bot, url, text=unique_text())).status_code == 429
    assert _inputs() == 0
    person = browser(site)
    assert person.post(url, data=input_form_data(person, url, text=unique_text())).status_code == 303


def test_an_official_puts_a_shared_device_in_kiosk_mode(site, world):
    url = f"/hearings/{world['hearing'].id}/input"
    tablet = browser(site)
    login(tablet, "official")
    kit = f"/staff/hearings/{world['hearing'].id}/kit"
    token = input_form_data(tablet, kit.replace("/kit", "/transcribe"))["csrf_token"]
    turned_on = tablet.post(
        f"/staff/hearings/{world['hearing'].id}/kiosk", data={"csrf_token": token, "on": "1"}
    )
    assert turned_on.status_code == 303 and turned_on.headers["Location"].endswith(url)
    page = tablet.get(url).get_data(as_text=True)
    assert "โหมดคีออสก์: เครื่องนี้ใช้ร่วมกันในเวที" in page
    answers = [
        tablet.post(
            url, data=input_form_data(tablet, url, text=f"ผู้เข้าร่วมคนที่ {n} ขอให้ปรับปรุงตลาดชุมชน {RUN}")
        ).status_code
        for n in range(15)
    ]
    assert answers == [303] * 15


def test_every_receipt_look_up_is_limited_the_api_included(site, world):
    """Finding: `GET /api/v1/inputs/<receipt>` had no limit (150 look-ups in 0.6 s)."""
    allowed = int(site.config["TRACK_RATE_LIMIT"].split()[0])
    script = browser(
        site, f"198.51.{random.randrange(256)}.{random.randrange(1, 255)}"
    )  # keeps no cookies between look-ups, as a script would
    codes = []
    for number in range(allowed + 5):
        script._cookies.clear()
        code = f"AAAA{number:04d}".replace("0", "2").replace("1", "3")  # receipts of no input
        codes.append(script.get(f"/api/v1/inputs/{code}").status_code)
    assert codes == [404] * allowed + [429] * 5
    assert script.get("/receipts/AAAA2222").status_code == 429  # one counter for every way to look up
    assert script.get("/track?receipt=AAAA2222").status_code == 429
    assert script.get("/registrations/ABCDEFGHJK").status_code == 429  # a registration's reference too
    assert browser(site).get("/api/v1/inputs/AAAA2222").status_code == 404
