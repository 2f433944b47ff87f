"""In production every absolute link is built on CONSULT_BASE_URL: a request that arrives with a
forged Host header gets the real site's address in QR codes, emails, og:url, calendars and the
API, never the forger's."""

import re

import pytest
from icalendar import Calendar
from sqlalchemy import select

from consult import create_app
from consult.extensions import db, limiter
from consult.inputs.cards import reserve_cards
from consult.inputs.kit import qr_svg
from consult.notifications.models import OutboxMessage
from tests.conftest import PASSWORD, csrf_token
from tests.hearings.helpers import add_hearing, working_day

BASE = "https://consult.example.go.th"
FORGED = "https://evil.example"
OG_URL = re.compile(r'<meta property="og:url" content="([^"]+)">')
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)">')


@pytest.fixture
def production(app, monkeypatch):
    """A production app on the test database; its client sends every request as Host: evil.example."""
    monkeypatch.setenv("CONSULT_PRODUCTION", "1")
    monkeypatch.setenv("SECRET_KEY", "a-production-secret")
    monkeypatch.setenv("CONSULT_BASE_URL", BASE)
    served = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": False,
            "API_PAGE_SIZE": 1,
        }
    )
    client = served.test_client()
    client.forged_get = lambda path: client.get(path, base_url=FORGED)
    # Over HTTPS, Flask-WTF also wants a Referer on the same host as the form.
    client.forged_post = lambda path, data: client.post(
        path, base_url=FORGED, data=data, headers={"Referer": f"{FORGED}{path}"}
    )
    yield client
    with served.app_context():
        db.engine.dispose()
    limiter.init_app(app)  # the extension is shared: hand it back to the test app


def assert_only_on_base(page: str, *links: str) -> None:
    assert links and all(link.startswith(BASE + "/") for link in links), links
    assert "evil.example" not in page


def test_share_tags_of_every_shared_page_point_at_the_base_url(production, world):
    hearing, cycle = world["hearing"], world["cycle"]
    for path, expected in (
        (f"/hearings/{hearing.id}", f"{BASE}/hearings/{hearing.id}"),
        ("/hearings?province=40", f"{BASE}/hearings?province=40"),
        (f"/hearings/{hearing.id}/input", f"{BASE}/hearings/{hearing.id}/input"),
        (f"/cycles/{cycle.id}/voices", f"{BASE}/cycles/{cycle.id}/voices"),
    ):
        response = production.forged_get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        assert OG_URL.findall(page) == [expected], path
        assert OG_IMAGE.findall(page) == [f"{BASE}/static/img/og-consult.png"], path
        assert_only_on_base(page, *OG_URL.findall(page))


def test_calendar_feeds_carry_the_base_url_and_its_host_in_uids(production, world):
    hearing = world["hearing"]
    for path in ("/hearings.ics?province=40", f"/hearings/{hearing.id}.ics"):
        response = production.forged_get(path)
        [event] = Calendar.from_ical(response.data).walk("VEVENT")
        assert str(event["uid"]) == f"hearing-{hearing.id}@consult.example.go.th"
        assert str(event["url"]) == f"{BASE}/hearings/{hearing.id}"
        assert b"evil.example" not in response.data


def test_the_api_links_to_the_base_url(production, world):
    add_hearing(world, day=working_day(world["today"], 30))
    db.session.commit()
    listing = production.forged_get("/api/v1/hearings?province=40")
    body = listing.get_json()
    [item] = body["items"]
    assert item["url"] == f"{BASE}/hearings/{item['id']}"
    assert item["ics_url"] == f"{BASE}/hearings/{item['id']}.ics"
    assert body["next"].startswith(f"{BASE}/api/v1/hearings?") and "page=2" in body["next"]
    assert_only_on_base(listing.get_data(as_text=True), item["url"], item["ics_url"], body["next"])
    description = production.forged_get("/api/v1/openapi.json")
    assert description.get_json()["servers"] == [{"url": f"{BASE}/api/v1"}]


def test_the_printed_kit_s_qr_codes_encode_the_base_url(production, world):
    hearing = world["hearing"]
    [card] = reserve_cards(hearing, 1, world["users"]["official"])
    db.session.commit()
    token = csrf_token(production, f"{FORGED}/login")
    signed_in = production.forged_post(
        "/login", {"username": "official", "password": PASSWORD, "csrf_token": token}
    )
    assert signed_in.status_code == 302
    page = production.forged_get(f"/staff/hearings/{hearing.id}/kit").get_data(as_text=True)
    hearing_url, card_url = f"{BASE}/hearings/{hearing.id}", f"{BASE}/track?receipt={card.code}"
    assert str(qr_svg(hearing_url)) in page and str(qr_svg(card_url)) in page
    assert f'<p class="poster-url">{hearing_url}</p>' in page
    assert_only_on_base(page, hearing_url, card_url)


def test_an_email_queued_by_a_request_links_to_the_base_url(production, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25), capacity=5)
    db.session.commit()
    path = f"/hearings/{hearing.id}/register"
    response = production.forged_post(
        path,
        {
            "csrf_token": csrf_token(production, f"{FORGED}{path}"),
            "name": "สมปอง ใจดี",
            "email": "sompong@example.org",
            "consent": "y",
        },
    )
    assert response.status_code == 302
    [email] = db.session.scalars(select(OutboxMessage))
    links = re.findall(r"https?://\S+", email.body)
    assert f"{BASE}/hearings/{hearing.id}" in links
    assert_only_on_base(email.body, *links)
