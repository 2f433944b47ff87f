"""A small cycle of input whose aggregates are worked out by hand in the tests.

| # | subdistrict | hearing | sector | channel | age | gender | day | tags (state) | moderation | status |
|---|---|---|---|---|---|---|---|---|---|---|
| 1 | 400101 | open | citizen | online | 25_39 | female | -5 | SI01 suggested, SI02 suggested | approved | received |
| 2 | 400101 | – | citizen | online | 40_59 | male | -5 | SI01 confirmed | pending | considered |
| 3 | 400101 | – | private | hearing_paper | 60_plus | female | -4 | SI01 rejected, SI03 confirmed | approved | not_taken_up |
| 4 | 400102 | held | civil_society | hearing_verbal | 25_39 | female | -3 | SI02 suggested | approved | used |
| 5 | 400102 | held | citizen | hearing_paper | – | – | -3 | – | pending | received |
| 6 | 400201 | group | academia | online | 18_24 | male | -2 | SI01 suggested, SI02 confirmed | approved | received |
| 7 | 400201 | group | citizen | online | 18_24 | female | -2 | SI02 suggested | hidden | received |
| 8 | 400202 | – | government | online | 40_59 | male | 0 | SI03 suggested | pending | received |
| 9 | 400101 | – | citizen | line | 60_plus | female | 0 | SI01 suggested | pending | received |
| 10 | 400301 | – | citizen | api | 25_39 | other | -20 | SI04 suggested | pending | received |

Input 7 is hidden by moderation and counts nowhere; input 10 falls in the data-gathering phase.
Hearings: "open" (the world's, in 400101, in 20 days), "held" (400102, ended 10 days ago, no
minutes, announced 20 days ahead), "group" (400201 and 400202, 2 days ago, minutes recorded),
"cancelled" (400103). Days are local noon relative to today.
"""

from datetime import datetime, time, timedelta

import pytest

from consult.extensions import db
from consult.geography.queries import subdistricts_by_codes
from consult.hearings.models import STATUS_CANCELLED, STATUS_HELD, STATUS_MINUTES_RECORDED, Hearing
from consult.i18n import LOCAL_ZONE
from consult.inputs.models import CitizenInput, InputContact
from consult.inputs.receipts import ALPHABET
from consult.tagging.index import index_input
from consult.tagging.models import SOURCE_CITIZEN, SOURCE_MODEL, SOURCE_PLANNER, InputTag

TEXTS = {
    1: "อยากให้มีตลาดกลางรับซื้อข้าวหอมมะลิ และระบบน้ำเพื่อการเกษตรที่ทั่วถึง",
    2: "ราคาข้าวตกต่ำมาก อยากให้มีโรงสีชุมชนแปรรูปข้าวหอมมะลิ",
    3: "อยากให้ส่งเสริมการท่องเที่ยวงานบุญผ้าป่าและประเพณีท้องถิ่น",
    4: "หน้าแล้งน้ำไม่พอใช้ อยากให้ขุดลอกแหล่งน้ำและสร้างฝายชะลอน้ำ",
    5: "ถนนในหมู่บ้านชำรุด",
    6: "อยากให้มีระบบน้ำหยดสำหรับแปลงผักของเกษตรกรรุ่นใหม่",
    7: "ข้อความที่ถูกซ่อน มีข้อมูลส่วนตัว",
    8: "อยากให้จัดงานเทศกาลไหมและประเพณีบุญบั้งไฟให้นักท่องเที่ยวมาเที่ยว",
    9: "อยากให้มีตลาดกลางรับซื้อข้าวหอมมะลิในอำเภอ",
    10: "อยากให้ส่งเสริมสินค้า OTOP ผ้าไหมของกลุ่มแม่บ้าน",
}


def _at(today, offset_days: int, hour: int = 12) -> datetime:
    return datetime.combine(today + timedelta(days=offset_days), time(hour, 0), tzinfo=LOCAL_ZONE)


@pytest.fixture
def review_world(world):
    today, cycle, plan = world["today"], world["cycle"], world["plan"]
    issues = {issue.code: issue for issue in plan.issues}
    open_hearing = world["hearing"]

    def hearing(title, codes, start, status, announced_days_before=20):
        starts = _at(today, start, 9)
        item = Hearing(
            cycle=cycle,
            province_code="40",
            district_code=codes[0][:4],
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            venue="ศาลาประชาคม",
            input_opens_at=starts - timedelta(days=20),
            input_closes_at=starts + timedelta(days=30),
            subdistricts=subdistricts_by_codes(codes),
            status=status,
            created_at=starts - timedelta(days=announced_days_before),
        )
        db.session.add(item)
        return item

    held = hearing("เวทีประชาคมตำบลสำราญ", ["400102"], -10, STATUS_HELD)
    group = hearing("เวทีประชาคมหนองบัวและป่าหวายนั่ง", ["400201", "400202"], -2, STATUS_MINUTES_RECORDED, 10)
    cancelled = hearing("เวทีที่ยกเลิก", ["400103"], 5, STATUS_CANCELLED)
    db.session.flush()

    specs = [
        (
            1,
            "400101",
            open_hearing,
            "citizen",
            "online",
            "25_39",
            "female",
            -5,
            [("SI01", "suggested", SOURCE_CITIZEN), ("SI02", "suggested", SOURCE_MODEL)],
            "approved",
            "received",
        ),
        (
            2,
            "400101",
            None,
            "citizen",
            "online",
            "40_59",
            "male",
            -5,
            [("SI01", "confirmed", SOURCE_MODEL)],
            "pending",
            "considered",
        ),
        (
            3,
            "400101",
            None,
            "private",
            "hearing_paper",
            "60_plus",
            "female",
            -4,
            [("SI01", "rejected", SOURCE_MODEL), ("SI03", "confirmed", SOURCE_PLANNER)],
            "approved",
            "not_taken_up",
        ),
        (
            4,
            "400102",
            held,
            "civil_society",
            "hearing_verbal",
            "25_39",
            "female",
            -3,
            [("SI02", "suggested", SOURCE_MODEL)],
            "approved",
            "used",
        ),
        (5, "400102", held, "citizen", "hearing_paper", None, None, -3, [], "pending", "received"),
        (
            6,
            "400201",
            group,
            "academia",
            "online",
            "18_24",
            "male",
            -2,
            [("SI01", "suggested", SOURCE_MODEL), ("SI02", "confirmed", SOURCE_CITIZEN)],
            "approved",
            "received",
        ),
        (
            7,
            "400201",
            group,
            "citizen",
            "online",
            "18_24",
            "female",
            -2,
            [("SI02", "suggested", SOURCE_MODEL)],
            "hidden",
            "received",
        ),
        (
            8,
            "400202",
            None,
            "government",
            "online",
            "40_59",
            "male",
            0,
            [("SI03", "suggested", SOURCE_MODEL)],
            "pending",
            "received",
        ),
        (
            9,
            "400101",
            None,
            "citizen",
            "line",
            "60_plus",
            "female",
            0,
            [("SI01", "suggested", SOURCE_MODEL)],
            "pending",
            "received",
        ),
        (
            10,
            "400301",
            None,
            "citizen",
            "api",
            "25_39",
            "other",
            -20,
            [("SI04", "suggested", SOURCE_MODEL)],
            "pending",
            "received",
        ),
    ]
    inputs = {}
    for number, code, hearing_, sector, channel, age, gender, day, tags, moderation, status in specs:
        item = CitizenInput(
            receipt=f"TSTK{ALPHABET[number] * 4}",
            cycle_id=cycle.id,
            hearing_id=hearing_.id if hearing_ else None,
            province_code="40",
            district_code=code[:4],
            subdistrict_code=code,
            text=TEXTS[number],
            sector=sector,
            channel=channel,
            age_band=age,
            gender=gender,
            moderation=moderation,
            status=status,
            submitted_at=_at(today, day),
            consent=number == 1,
        )
        item.tags = [
            InputTag(issue=issues[issue], state=state, source=source) for issue, state, source in tags
        ]
        if number == 1:
            item.contact = InputContact(name="สมหญิง ใจดี", email="somying@example.org", phone="0812345678")
        db.session.add(item)
        db.session.flush()
        index_input(item)  # as storing an input does: the planners' input list searches the index
        inputs[number] = item
    db.session.commit()
    return {
        **world,
        "inputs": inputs,
        "held": held,
        "group": group,
        "cancelled": cancelled,
        "open": open_hearing,
    }


@pytest.fixture
def group_world(review_world):
    """The review world and three inputs that name no subdistrict: input 11 given at the group
    hearing of 400201 and 400202, input 12 at a new group hearing of 400302 and 400303 (which
    have no other input), and input 13 for the whole cycle, with no place at all."""
    today, cycle = review_world["today"], review_world["cycle"]
    issues = {issue.code: issue for issue in review_world["plan"].issues}
    starts = _at(today, -1, 9)
    second_group = Hearing(
        cycle=cycle,
        province_code="40",
        district_code="4003",
        title="เวทีประชาคมพระบุและบ้านโต้น",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue="วัดพระบุ",
        input_opens_at=starts - timedelta(days=20),
        input_closes_at=starts + timedelta(days=30),
        subdistricts=subdistricts_by_codes(["400302", "400303"]),
        status=STATUS_HELD,
        created_at=starts - timedelta(days=15),
    )
    db.session.add(second_group)
    db.session.flush()
    specs = [
        (11, "4002", review_world["group"], "citizen", "SI03", "considered"),
        (12, "4003", second_group, "private", "SI02", "received"),
        (13, None, None, "citizen", "SI01", "received"),
    ]
    inputs = dict(review_world["inputs"])
    for number, district, hearing, sector, issue, status in specs:
        item = CitizenInput(
            receipt=f"TSTK{ALPHABET[number] * 4}",
            cycle_id=cycle.id,
            hearing_id=hearing.id if hearing else None,
            province_code="40",
            district_code=district,
            subdistrict_code=None,
            text=GROUP_TEXTS[number],
            sector=sector,
            channel="hearing_paper" if hearing else "online",
            moderation="approved",
            status=status,
            submitted_at=_at(today, -1),
        )
        item.tags = [InputTag(issue=issues[issue], state="suggested", source=SOURCE_MODEL)]
        db.session.add(item)
        db.session.flush()
        index_input(item)
        inputs[number] = item
    db.session.commit()
    return {**review_world, "inputs": inputs, "second_group": second_group}


GROUP_TEXTS = {
    11: "อยากให้มีถนนลาดยางเชื่อมสองตำบลเพื่อขนส่งผลผลิตการเกษตร",
    12: "อยากให้ส่งเสริมการท่องเที่ยวชุมชนและโฮมสเตย์",
    13: "อยากให้มีตลาดกลางสินค้าเกษตรของจังหวัด",
}
