"""Behind a reverse proxy the client's address comes from X-Forwarded-For, but only from as many
hops as CONSULT_PROXY_HOPS trusts: rate limits and the audit log see the citizen, not the proxy,
and nobody can pick another address by sending the header themselves."""

import random
from types import SimpleNamespace

import pytest
import redis
from sqlalchemy import select

from consult import create_app
from consult.auth.models import AuditEvent
from consult.extensions import db, limiter
from tests.conftest import PASSWORD, csrf_token

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_reachable() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def random_address(first: int) -> str:
    """Addresses of their own for every test: counters in Redis outlive the test that made them."""
    return f"{first}.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


@pytest.fixture
def at():
    return SimpleNamespace(proxy=random_address(127), a=random_address(10), b=random_address(10))


@pytest.fixture(params=["memory://", REDIS_URL])
def served(request, app, at):
    """Serves the test database with sign-in limited to two attempts a minute, behind `hops` proxies."""
    if request.param.startswith("redis") and not redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    started = []

    def serve(hops: int):
        behind = create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                "RATELIMIT_ENABLED": True,
                "RATELIMIT_STORAGE_URI": request.param,
                "LOGIN_RATE_LIMIT": "2 per minute",
                "PROXY_HOPS": hops,
            }
        )
        started.append(behind)
        client = behind.test_client()
        client.environ_base["REMOTE_ADDR"] = at.proxy
        token = csrf_token(client, "/login")

        def sign_in(forwarded_for: str | None, username: str = "nobody", password: str = "wrong") -> int:
            headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
            return client.post(
                "/login",
                headers=headers,
                data={"username": username, "password": password, "csrf_token": token},
            ).status_code

        return sign_in

    yield serve
    for behind in started:
        with behind.app_context():
            db.engine.dispose()
    limiter.init_app(app)  # the extension is shared: hand it back to the test app


def test_behind_one_proxy_each_forwarded_client_has_its_own_limit(served, at, app_context):
    sign_in = served(hops=1)
    assert [sign_in(at.a) for _ in range(3)] == [400, 400, 429]
    assert sign_in(at.b) == 400  # another citizen behind the same proxy is not blocked
    # What a client writes into the header itself comes before what the proxy appended: ignored.
    assert sign_in(f"{at.b}, {at.a}") == 429
    assert sign_in(f"{at.a}, {at.b}") == 400
    assert sign_in(f"{at.a}, {at.b}") == 429


def test_behind_one_proxy_the_audit_log_records_the_citizen(served, at, world):
    sign_in = served(hops=1)
    assert sign_in(f"192.0.2.1, {at.a}", username="planner", password=PASSWORD) == 302
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "login"))
    assert event.remote_addr == at.a


def test_with_no_trusted_proxy_the_header_is_ignored(served, at, world):
    sign_in = served(hops=0)
    # Three "different" clients are one address, the proxy's: the third attempt is refused.
    assert [sign_in(at.a), sign_in(at.b), sign_in("192.0.2.99")] == [400, 400, 429]
    at.proxy = random_address(127)
    assert served(hops=0)(at.a, username="planner", password=PASSWORD) == 302
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "login"))
    assert event.remote_addr == at.proxy
