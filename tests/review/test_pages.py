"""The planners' pages: who may see them, what the filters do, how bad input is answered."""

import pytest
from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.inputs.models import CitizenInput
from tests.conftest import csrf_token, login


@pytest.mark.parametrize(
    "path",
    [
        "/review/?cycle={cycle}",
        "/review/cycles/{cycle}/coverage",
        "/review/cycles/{cycle}/inputs",
        "/review/cycles/{cycle}/report",
        "/review/cycles/{cycle}/export/inputs.csv",
        "/review/cycles/{cycle}/revisions",
    ],
)
def test_only_the_provinces_planners_and_admins_may_look(client, review_world, path):
    url = path.format(cycle=review_world["cycle"].id)
    assert client.get(url).status_code == 302  # to the sign-in page
    for username, status in (("official", 403), ("other_planner", 403), ("planner", 200), ("admin", 200)):
        login(client, username)
        assert client.get(url).status_code == status, username
        client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})


def test_dashboard_shows_the_filtered_figures(client, review_world):
    login(client, "planner")
    cycle = review_world["cycle"].id
    page = client.get(f"/review/?cycle={cycle}&district=4001&lang=en").get_data(as_text=True)
    assert "Input by strategic issue and subdistrict" in page
    assert "<strong>6</strong> inputs" in page
    assert "<strong>2</strong> hearings" in page
    assert "Samran" in page and "Nai Mueang" in page  # drilled down to the district's subdistricts
    page = client.get(f"/review/?cycle={cycle}&sector=citizen&cross=gender&lang=en").get_data(as_text=True)
    assert "<strong>5</strong> inputs" in page
    assert "By gender" in page and "×" in page
    assert "<svg" in page and "<script" not in page


def test_dashboard_explains_filters_that_do_not_fit(client, review_world):
    login(client, "planner")
    response = client.get(f"/review/?cycle={review_world['cycle'].id}&district=5001&phase=nope&lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This district is not in the cycle&#39;s province." in page
    assert "This cycle has no such phase." in page
    assert "<strong>9</strong> inputs" in page  # the valid rest still shows


def test_dashboard_in_thai_with_buddhist_era_dates(client, review_world):
    login(client, "planner")
    page = client.get(f"/review/?cycle={review_world['cycle'].id}&lang=th").get_data(as_text=True)
    assert "แดชบอร์ดความคิดเห็น" in page
    year = review_world["today"].year + 543
    assert str(year) in page


def test_coverage_page_ranks_gaps_and_flags_overdue_minutes(client, review_world):
    login(client, "planner")
    page = client.get(f"/review/cycles/{review_world['cycle'].id}/coverage?lang=en").get_data(as_text=True)
    assert "<strong>4 / 199</strong> subdistricts with a hearing" in page
    assert "<strong>5 / 199</strong> subdistricts with input" in page
    assert review_world["held"].title in page  # minutes overdue
    assert page.index("Khok Si") < page.index("Samran")  # a gap is listed before a covered one


def test_a_planner_answers_input_with_a_reason_and_it_is_audited(client, review_world):
    login(client, "planner")
    item = review_world["inputs"][9]
    url = f"/review/inputs/{item.id}?lang=en"
    token = csrf_token(client, url)
    refused = client.post(url, data={"csrf_token": token, "status": "not_taken_up", "reason": ""})
    assert refused.status_code == 400
    assert "Say why the input was not taken up" in refused.get_data(as_text=True)
    done = client.post(
        url, data={"csrf_token": token, "status": "not_taken_up", "reason": "อยู่นอกอำนาจหน้าที่ของจังหวัด"}
    )
    assert done.status_code == 303
    db.session.expire_all()
    stored = db.session.get(CitizenInput, item.id)
    assert (stored.status, stored.status_reason) == ("not_taken_up", "อยู่นอกอำนาจหน้าที่ของจังหวัด")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "input.status"))
    assert event.detail == {"from": "received", "to": "not_taken_up", "reason": "อยู่นอกอำนาจหน้าที่ของจังหวัด"}
    receipt = client.get(f"/receipts/{item.receipt}?lang=en").get_data(as_text=True)
    assert "Not taken up" in receipt and "อยู่นอกอำนาจหน้าที่ของจังหวัด" in receipt  # the citizen reads why


def test_bulk_status_from_the_input_list(client, review_world):
    login(client, "planner")
    cycle = review_world["cycle"].id
    token = csrf_token(client, f"/review/cycles/{cycle}/inputs")
    ids = [str(review_world["inputs"][n].id) for n in (8, 9)]
    response = client.post(
        f"/review/cycles/{cycle}/inputs/actions",
        data={"csrf_token": token, "action": "status", "status": "considered", "input": ids},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert {db.session.get(CitizenInput, int(i)).status for i in ids} == {"considered"}


def test_another_provinces_planner_cannot_change_an_input(client, review_world):
    login(client, "other_planner")
    item = review_world["inputs"][9]
    assert client.get(f"/review/inputs/{item.id}").status_code == 403
    token = csrf_token(client, "/staff")
    assert (
        client.post(
            f"/review/inputs/{item.id}", data={"csrf_token": token, "status": "considered"}
        ).status_code
        == 403
    )


def test_input_search_finds_thai_words_and_tags(client, review_world):
    login(client, "planner")
    cycle = review_world["cycle"].id
    page = client.get(f"/review/cycles/{cycle}/inputs?q=ข้าวหอมมะลิ&lang=en").get_data(as_text=True)
    assert "3 inputs found" in page
    page = client.get(f"/review/cycles/{cycle}/inputs?issue=SI03&lang=en").get_data(as_text=True)
    assert "2 inputs found" in page
    assert review_world["inputs"][7].text not in client.get(f"/review/cycles/{cycle}/inputs").get_data(
        as_text=True
    )


def test_no_subdistrict_of_a_group_hearing_with_input_is_shown_unheard(client, group_world):
    login(client, "planner")
    cycle = group_world["cycle"].id
    page = client.get(f"/review/cycles/{cycle}/coverage?district=4003&lang=en").get_data(as_text=True)
    rows = page.split('id="by-subdistrict"', 1)[1].split("</tbody>", 1)[0].split("<tr")
    for name in ("Phra Bu", "Ban Ton"):
        row = next(row for row in rows if f"{name} <small>" in row)
        assert "no input yet" not in row and "1 at a group hearing" in row, name
    assert "once in every total" in page  # the page says how a group hearing is counted
    report = client.get(f"/review/cycles/{cycle}/report?lang=en").get_data(as_text=True)
    assert "input came from 7 of the 199 subdistricts" in report
