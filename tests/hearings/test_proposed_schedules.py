"""A planner's proposed schedule for a district or province, accepted or adjusted by the
officials, then published as hearings."""

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.geography.models import Subdistrict
from consult.geography.queries import subdistricts_of
from consult.hearings import drafts
from consult.hearings.models import ProposedSlot, ScheduleProposal
from consult.hearings.operations import HearingRejected
from consult.hearings.rules import is_working_day
from consult.i18n import LOCAL_ZONE
from consult.notifications.models import OutboxMessage
from consult.timeutil import utcnow
from tests.conftest import csrf_token, login
from tests.hearings.helpers import set_email


def propose(world, district="4001", per_day_limit=1, group_size=1, user="planner"):
    return drafts.draft_schedule(
        world["cycle"],
        district_code=district,
        per_day_limit=per_day_limit,
        group_size=group_size,
        respond_by=world["today"] + timedelta(days=7),
        user=world["users"][user],
        now=utcnow(),
    )


def local_day(moment):
    return moment.astimezone(LOCAL_ZONE).date()


def test_every_subdistrict_once_on_working_days_after_the_notice_period_within_the_limit(world):
    proposal = propose(world, district=None, per_day_limit=2)  # the whole of Khon Kaen
    codes = list(db.session.scalars(select(Subdistrict.code).where(Subdistrict.province_code == "40")))
    heard = Counter(code for slot in proposal.slots for code in slot.subdistrict_codes)
    # 400101 has the fixture's hearing already, so it gets no slot; every other one exactly one.
    assert set(heard) == set(codes) - {"400101"} and set(heard.values()) == {1}
    placed = [slot for slot in proposal.slots if slot.starts_at]
    assert placed and all(slot.status == "proposed" for slot in placed)
    phase = world["cycle"].phase("hearings")
    first_allowed = world["today"] + timedelta(days=15)
    for slot in placed:
        day = local_day(slot.starts_at)
        assert is_working_day(day) and max(phase.starts_on, first_allowed) <= day <= phase.ends_on
    per_district_day = Counter((slot.district_code, local_day(slot.starts_at)) for slot in placed)
    assert max(per_district_day.values()) <= 2
    unplaced = [slot for slot in proposal.slots if slot.status == "unplaced"]
    assert all(slot.starts_at is None for slot in unplaced)


def test_groups_of_neighbouring_subdistricts_share_one_hearing(world):
    proposal = propose(world, group_size=3)
    # 400101 already has a hearing, so it is left out of the groups rather than heard twice.
    codes = [s.code for s in subdistricts_of("4001") if s.code != "400101"]
    assert Counter(code for slot in proposal.slots for code in slot.subdistrict_codes) == Counter(codes)
    assert all(1 <= len(slot.subdistrict_codes) <= 3 for slot in proposal.slots)
    assert len(proposal.slots) == -(-len(codes) // 3)


def test_officials_are_told_and_accept_or_adjust_their_date_then_the_planner_publishes(client, world):
    set_email(world, "official", "official@example.org")
    propose(world, district="4001")
    email = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "official@example.org"))
    # The official of 400101 has no slot (a hearing exists); give them 400102 too to see one.
    assert email is None
    official = world["users"]["official"]
    official.subdistricts = official.subdistricts + subdistricts_of("4001")[1:2]
    db.session.commit()
    with pytest.raises(drafts.NothingToPropose):  # the open slots of the first draft are respected
        propose(world, district="4001")
    first = db.session.scalar(select(ScheduleProposal).order_by(ScheduleProposal.id))
    [slot] = [s for s in first.slots if s.subdistrict_codes == ["400102"]]
    login(client, "official")
    reminders = client.get("/staff/reminders").get_data(as_text=True)
    assert f"/staff/slots/{slot.id}" in reminders
    url = f"/staff/slots/{slot.id}"
    start = slot.starts_at.astimezone(LOCAL_ZONE)
    data = {
        "csrf_token": csrf_token(client, url),
        "venue": "ศาลาประชาคมบ้านโคก",
        "day": start.date().isoformat(),
        "starts": "13:30",
        "ends": "15:30",
    }
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    slot = db.session.get(ProposedSlot, slot.id)
    assert slot.status == "accepted" and slot.venue == "ศาลาประชาคมบ้านโคก"
    assert slot.starts_at.astimezone(LOCAL_ZONE).strftime("%H:%M") == "13:30"
    published, refused = drafts.publish_accepted(first, user=world["users"]["planner"], now=utcnow())
    assert refused == {} and len(published) == 1
    hearing = published[0]
    assert [s.code for s in hearing.subdistricts] == ["400102"] and hearing.venue == "ศาลาประชาคมบ้านโคก"
    assert db.session.get(ProposedSlot, slot.id).hearing_id == hearing.id


def test_an_adjustment_that_breaks_a_rule_is_refused(world):
    official = world["users"]["official"]
    official.subdistricts = official.subdistricts + subdistricts_of("4001")[1:2]
    db.session.commit()
    proposal = propose(world)
    [slot] = [s for s in proposal.slots if s.subdistrict_codes == ["400102"]]
    booked = world["hearing"]  # 400101, same district: district staff cannot attend both
    with pytest.raises(HearingRejected) as rejected:
        drafts.accept_slot(
            slot,
            venue="วัดบ้านโคก",
            starts_at=booked.starts_at,
            ends_at=booked.ends_at,
            user=official,
            now=utcnow(),
        )
    assert "district_overlap" in {problem.code for problem in rejected.value.problems}
    with pytest.raises(PermissionError):
        drafts.accept_slot(
            slot,
            venue="ที่ใดก็ได้",
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            user=world["users"]["other_official"],
            now=utcnow(),
        )


def test_only_the_provinces_planners_propose_and_publish(client, world):
    with pytest.raises(PermissionError):
        propose(world, user="other_planner")
    with pytest.raises(PermissionError):
        propose(world, user="official")
    login(client, "official")
    assert client.get("/staff/proposals/new").status_code == 403


def test_the_planner_page_proposes_for_a_district(client, world):
    login(client, "planner")
    url = "/staff/proposals/new"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "cycle_id": world["cycle"].id,
            "district": "4002",
            "per_day_limit": "2",
            "group_size": "1",
            "respond_by": "",
        },
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    proposal = db.session.scalar(select(ScheduleProposal))
    assert proposal.district_code == "4002" and len(proposal.slots) == len(subdistricts_of("4002"))
    assert "รอเจ้าหน้าที่ อบต. ยืนยัน" in page


def test_too_late_to_propose_is_explained(client, world):
    phase = world["cycle"].phase("hearings")
    phase.ends_on = world["today"] + timedelta(days=5)  # shorter than the 15 days' notice
    db.session.commit()
    login(client, "planner")
    url = "/staff/proposals/new?lang=en"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "cycle_id": world["cycle"].id,
            "district": "4002",
            "per_day_limit": "2",
            "group_size": "1",
        },
    )
    assert response.status_code == 400
    assert "after the hearing phase ends" in response.get_data(as_text=True)


def test_proposing_again_for_an_area_already_covered_is_explained(client, world):
    propose(world, district="4002")
    login(client, "planner")
    url = "/staff/proposals/new?lang=en"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "cycle_id": world["cycle"].id,
            "district": "4002",
            "per_day_limit": "2",
            "group_size": "1",
        },
    )
    assert response.status_code == 400
    assert "Every subdistrict here already has a hearing or a proposed date." in response.get_data(
        as_text=True
    )
    assert db.session.scalar(select(db.func.count()).select_from(ScheduleProposal)) == 1
