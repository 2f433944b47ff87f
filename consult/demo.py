"""Demo data for one real province (Khon Kaen, code 40), loaded by `flask consult demo`."""

import csv
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from consult.auth.models import ROLE_ADMIN, ROLE_OFFICIAL, ROLE_PLANNER, User
from consult.auth.operations import create_user
from consult.extensions import db
from consult.geography.models import Subdistrict
from consult.hearings.models import STATUS_HELD, Hearing
from consult.hearings.rules import is_working_day
from consult.i18n import LOCAL_ZONE, buddhist_year, local_today
from consult.inputs.operations import NewInput, submit_input
from consult.strategy.catalogue import catalogue_issues, usual_phases
from consult.strategy.models import PHASE_HEARINGS, StrategicPlan, StrategyCycle
from consult.timeutil import utcnow

DEMO_PROVINCE = "40"
DEMO_DISTRICT = "4001"
OFFICIAL_SUBDISTRICT = "400101"
# Reminders, phase openings, digests and coverage warnings need a recipient; example.org is
# reserved for examples (RFC 2606), so demo mail can never reach a real person.
DEMO_MAIL_DOMAIN = "demo.example.org"
SAMPLE_INPUTS = Path(__file__).resolve().parent / "data" / "tagging" / "inputs_dev.csv"
PLAN_TITLE_TH = "แผนพัฒนาจังหวัดขอนแก่น พ.ศ. 2566–2570"


@dataclass
class DemoResult:
    created: bool
    passwords: dict[str, str] = field(default_factory=dict)


def load_demo(password: str | None = None, today: date | None = None) -> DemoResult:
    """Idempotent: when the demo plan exists already, nothing is changed."""
    if db.session.scalar(
        select(StrategicPlan).where(
            StrategicPlan.province_code == DEMO_PROVINCE, StrategicPlan.title_th == PLAN_TITLE_TH
        )
    ):
        return DemoResult(created=False)
    today = today or local_today()
    plan = _plan()
    cycle = _cycle(plan, today)
    passwords = _users(password)
    official = db.session.scalar(select(User).where(User.username == "official"))
    hearings = _hearings(cycle, today, official)
    db.session.commit()
    _inputs(cycle, hearings)
    return DemoResult(created=True, passwords=passwords)


def _plan() -> StrategicPlan:
    plan = StrategicPlan(
        province_code=DEMO_PROVINCE,
        title_th=PLAN_TITLE_TH,
        title_en="Khon Kaen Provincial Development Plan 2023–2027",
        first_year=2566,
        last_year=2570,
    )
    plan.issues.extend(catalogue_issues())
    db.session.add(plan)
    return plan


def _cycle(plan: StrategicPlan, today: date) -> StrategyCycle:
    fiscal_year = today.year + (1 if today.month >= 10 else 0) + 1
    cycle = StrategyCycle(
        plan=plan,
        province_code=DEMO_PROVINCE,
        title=f"การทบทวนแผนพัฒนาจังหวัดขอนแก่น ปีงบประมาณ {buddhist_year(fiscal_year)}",
        title_en=f"Khon Kaen Provincial Development Plan review, fiscal year {fiscal_year}",
    )
    cycle.phases.extend(usual_phases(today))  # the hearing phase runs when the demo loads
    db.session.add(cycle)
    return cycle


def _users(password: str | None) -> dict[str, str]:
    passwords = {}
    specs = [
        ("official", ROLE_OFFICIAL, "เจ้าหน้าที่ อบต. ในเมือง", {"subdistrict_codes": [OFFICIAL_SUBDISTRICT]}),
        ("planner", ROLE_PLANNER, "นักวิเคราะห์นโยบายและแผน จังหวัดขอนแก่น", {"province_code": DEMO_PROVINCE}),
        # a second planner: a revision is approved by someone other than its author
        ("approver", ROLE_PLANNER, "หัวหน้ากลุ่มงานยุทธศาสตร์ จังหวัดขอนแก่น", {"province_code": DEMO_PROVINCE}),
        ("admin", ROLE_ADMIN, "ผู้ดูแลระบบ", {}),
    ]
    for username, role, name, scope in specs:
        if db.session.scalar(select(User).where(User.username == username)):
            continue
        passwords[username] = password or secrets.token_urlsafe(9)
        create_user(
            username,
            passwords[username],
            role,
            display_name=name,
            email=f"{username}@{DEMO_MAIL_DOMAIN}",
            **scope,
        )
    return passwords


def _working_days(start: date, count: int) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _hearings(cycle: StrategyCycle, today: date, official: User) -> list[Hearing]:
    phase = cycle.phase(PHASE_HEARINGS)
    subdistricts = list(
        db.session.scalars(
            select(Subdistrict).where(Subdistrict.district_code == DEMO_DISTRICT).order_by(Subdistrict.code)
        )
    )
    groups = [subdistricts[0:1], subdistricts[1:2], subdistricts[2:4], subdistricts[4:5]]
    days = _working_days(phase.starts_on + timedelta(days=3), 1) + _working_days(
        today + timedelta(days=16), 3
    )
    hearings = []
    for group, day in zip(groups, days):
        starts = datetime.combine(day, time(9, 30), tzinfo=LOCAL_ZONE)
        names = " และ".join(f"ตำบล{s.name_th}" for s in group)
        names_en = " and ".join(s.name_en for s in group) + (
            " subdistricts" if len(group) > 1 else " subdistrict"
        )
        hearing = Hearing(
            cycle=cycle,
            province_code=DEMO_PROVINCE,
            district_code=DEMO_DISTRICT,
            title=f"เวทีประชาคมทบทวนแผนพัฒนาจังหวัด {names}",
            title_en=f"Public hearing on the provincial development plan: {names_en}",
            description="รับฟังความคิดเห็นต่อประเด็นยุทธศาสตร์จังหวัดขอนแก่น เพื่อนำไปทบทวนแผนพัฒนาจังหวัด",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2, minutes=30),
            venue=f"ห้องประชุมองค์การบริหารส่วนตำบล{group[0].name_th}",
            capacity=80,
            venue_en=f"Meeting room, {group[0].name_en} Subdistrict Administrative Organization",
            status=STATUS_HELD if day < today else "announced",
            input_opens_at=starts - timedelta(days=20),
            input_closes_at=datetime.combine(phase.ends_on, time(23, 59), tzinfo=LOCAL_ZONE),
            created_by_id=official.id,
            subdistricts=group,
            issues=cycle.plan.issues[:4],
        )
        db.session.add(hearing)
        hearings.append(hearing)
    return hearings


def _inputs(cycle: StrategyCycle, hearings: list[Hearing], count: int = 24) -> None:
    with SAMPLE_INPUTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:count]
    held = hearings[0]
    for index, row in enumerate(rows):
        hearing = held if index % 3 else None
        submit_input(
            NewInput(
                text=row["text_th"],
                sector=row["sector"],
                channel=row["channel"] if hearing else "online",
                age_band=["25_39", "40_59", "60_plus", "18_24"][index % 4],
                gender=["female", "male"][index % 2],
            ),
            cycle=cycle,
            hearing=hearing,
            subdistrict_code=None if hearing else hearings[1 + index % 3].subdistricts[0].code,
            now=utcnow(),
        )
