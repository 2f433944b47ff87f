"""The administrators' audit log page: every change, filtered by who, action, days and object,
a page at a time."""

import html
import re
from datetime import datetime, time, timedelta

from consult.auth.audit import record
from consult.auth.queries import AUDIT_PAGE_SIZE
from consult.extensions import db
from consult.i18n import LOCAL_ZONE
from tests.conftest import csrf_token, login


def _event(action, user, obj, day, detail=None):
    event = record(action, obj, detail or {}, user=user)
    event.created_at = datetime.combine(day, time(10, 0), tzinfo=LOCAL_ZONE)
    return event


def test_only_administrators_read_the_audit_log(client, world):
    assert client.get("/staff/audit").status_code == 302  # to the sign-in page
    for username in ("planner", "official"):
        login(client, username)
        assert client.get("/staff/audit").status_code == 403
        client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    login(client, "admin")
    assert client.get("/staff/audit").status_code == 200
    assert "/staff/audit" in client.get("/staff").get_data(as_text=True)


def test_filters_by_who_action_days_and_object(client, world):
    users, today, hearing = world["users"], world["today"], world["hearing"]
    _event("hearing.edited", users["planner"], hearing, today - timedelta(days=3), {"field": "venue"})
    _event("hearing.cancelled", users["official"], hearing, today - timedelta(days=1))
    _event("revision.approved", users["planner"], world["cycle"], today)
    db.session.commit()
    login(client, "admin")

    def actions(query):
        page = client.get(f"/staff/audit?{query}&lang=en").get_data(as_text=True)
        return [
            action
            for action in ("hearing.edited", "hearing.cancelled", "revision.approved")
            if f"<code>{action}</code>" in page
        ]

    assert actions("") == ["hearing.edited", "hearing.cancelled", "revision.approved"]
    assert actions(f"user={users['official'].id}") == ["hearing.cancelled"]
    assert actions("action=hearing.edited") == ["hearing.edited"]
    assert actions(f"since={(today - timedelta(days=2)).isoformat()}") == [
        "hearing.cancelled",
        "revision.approved",
    ]
    assert actions(f"until={(today - timedelta(days=1)).isoformat()}") == [
        "hearing.edited",
        "hearing.cancelled",
    ]
    assert actions(f"object_type=hearing&object_id={hearing.id}") == ["hearing.edited", "hearing.cancelled"]
    assert actions("object_type=strategy_cycle") == ["revision.approved"]
    page = client.get("/staff/audit?lang=en").get_data(as_text=True)
    assert '{"field": "venue"}' in page  # the detail is shown
    response = client.get("/staff/audit?since=yesterday&lang=en")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.get_data(as_text=True)


def test_the_log_is_read_a_page_at_a_time_newest_first(client, world):
    planner = world["users"]["planner"]
    for number in range(AUDIT_PAGE_SIZE + 5):
        event = record("tag.confirmed", world["hearing"], {"n": number}, user=planner)
        event.created_at = datetime(2026, 1, 1, tzinfo=LOCAL_ZONE) + timedelta(minutes=number)
    db.session.commit()
    login(client, "admin")
    first = client.get("/staff/audit?action=tag.confirmed&lang=en").get_data(as_text=True)
    assert f"Events found: {AUDIT_PAGE_SIZE + 5}" in first and "page 1 of 2" in first
    numbers = [int(n) for n in re.findall(r'{"n": (\d+)}', first)]
    assert numbers == list(range(AUDIT_PAGE_SIZE + 4, 4, -1))  # the newest first
    following = html.unescape(re.search(r'<nav class="pager"[^>]*>\s*<a href="([^"]+)"', first).group(1))
    assert "action=tag.confirmed" in following and "page=2" in following
    second = client.get(following).get_data(as_text=True)
    assert [int(n) for n in re.findall(r'{"n": (\d+)}', second)] == [4, 3, 2, 1, 0]
