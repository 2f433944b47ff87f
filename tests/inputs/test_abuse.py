"""Abuse resistance: rate limits on every public POST (in memory, or in Redis when
RATELIMIT_STORAGE_URI says so: the Redis on 127.0.0.1:6379 is used for real), readable 429 and
413 pages in Thai and English. The crowd on one address is tests/security/test_crowd.py."""

import random
import uuid

import pytest
import redis
from sqlalchemy import func, select

from consult import create_app
from consult.extensions import db, limiter
from consult.inputs.models import CitizenInput
from tests.inputs.conftest import input_form_data

REDIS_URL = "redis://127.0.0.1:6379/0"


def unique_text() -> str:
    """Counters in Redis outlive a run, the one of each text at a hearing too: a text of its own."""
    return f"อยากให้ขุดลอกหนองน้ำสาธารณะก่อนหน้าฝน {uuid.uuid4().hex[:8]}"


def redis_reachable() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(params=["memory://", REDIS_URL])
def limited_client(request, app):
    """A client of the same site and database with rate limits on: three posts a minute per
    browser, per API client and per receipt look-up."""
    if request.param.startswith("redis") and not redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    limited = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SERVER_NAME": "consult.test",
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": request.param,
            "INPUT_RATE_LIMIT": "3 per minute",
            "API_INPUT_RATE_LIMIT": "3 per minute",
            "TRACK_RATE_LIMIT": "3 per minute",
        }
    )
    address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    client = limited.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    client.address = address
    yield client
    with limited.app_context():
        db.engine.dispose()
    limiter.init_app(app)  # the extension is shared: hand it back to the unlimited test app


def test_fourth_post_in_a_minute_gets_a_readable_429_in_thai_and_english(limited_client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    for _ in range(3):
        assert (
            limited_client.post(
                url, data=input_form_data(limited_client, url, text=unique_text())
            ).status_code
            == 303
        )
    data = input_form_data(limited_client, url, text="ความคิดเห็นที่สี่")
    refused = limited_client.post(url, data=data)
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    page = refused.get_data(as_text=True)
    assert "มีการส่งคำขอมากเกินไป" in page and "กดปุ่มย้อนกลับของเบราว์เซอร์และส่งใหม่" in page
    english = limited_client.post(f"{url}?lang=en", data=data).get_data(as_text=True)
    assert "Too many requests." in english and "what you typed is still there" in english
    assert limited_client.get(url).status_code == 200  # reading the form is not limited
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 3


def test_the_limits_are_kept_in_the_configured_storage(limited_client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    limited_client.post(url, data=input_form_data(limited_client, url, text=unique_text()))
    storage = limited_client.application.config["RATELIMIT_STORAGE_URI"]
    if storage.startswith("redis"):
        keys = redis.Redis.from_url(REDIS_URL).keys(f"*{limited_client.address}*")
        assert keys, "no rate-limit counter for this client in Redis"


def test_erasure_requests_and_the_api_are_limited_too(limited_client, world):
    api = f"/api/v1/hearings/{world['hearing'].id}/inputs"
    answers = [limited_client.post(api, json={"text": f"ความเห็น {n}", "sector": "citizen"}) for n in range(4)]
    assert [answer.status_code for answer in answers] == [201, 201, 201, 429]
    assert answers[-1].get_json()["error"]["code"] == "too_many_requests"
    token = input_form_data(limited_client, f"/hearings/{world['hearing'].id}/input")["csrf_token"]
    erase = "/receipts/ABCD2345/erase-contact"
    codes = [
        limited_client.post(erase, data={"csrf_token": token, "confirm": "y"}).status_code for _ in range(4)
    ]
    assert codes == [404, 404, 404, 429]


def test_a_body_too_large_gets_a_clear_413_page(client, world, app):
    url = f"/hearings/{world['hearing'].id}/input"
    data = input_form_data(client, url, text="ก" * app.config["MAX_CONTENT_LENGTH"])
    response = client.post(url, data=data)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป" in page and "ขนาดที่รับได้สูงสุดคือ 2.0 MB" in page
    english = client.post(f"{url}?lang=en", data=data).get_data(as_text=True)
    assert "What you sent is too large." in english and "The largest accepted is 2.0 MB." in english
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 0


def test_another_browser_on_the_same_address_has_a_limit_of_its_own(limited_client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    for _ in range(3):
        limited_client.post(url, data=input_form_data(limited_client, url, text=unique_text()))
    assert (
        limited_client.post(url, data=input_form_data(limited_client, url, text=unique_text())).status_code
        == 429
    )
    neighbour = limited_client.application.test_client()
    neighbour.environ_base["REMOTE_ADDR"] = limited_client.address
    other_text = input_form_data(neighbour, url, text=unique_text())
    assert neighbour.post(url, data=other_text).status_code == 303
