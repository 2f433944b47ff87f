"""Building blocks for hearing tests: dates that are valid hearing days, hearings, registrations."""

from datetime import date, datetime, time, timedelta

from consult.extensions import db
from consult.geography.queries import subdistricts_by_codes
from consult.hearings.models import Hearing
from consult.hearings.rules import is_working_day
from consult.i18n import LOCAL_ZONE


def working_day(start: date, offset: int = 0) -> date:
    """The first working day (no weekend, no Thai holiday) on or after start + offset days."""
    day = start + timedelta(days=offset)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=LOCAL_ZONE)


def add_hearing(
    world,
    *,
    day: date,
    starts="09:30",
    ends="12:00",
    codes=("400101",),
    venue="ศาลาประชาคม",
    capacity=None,
    title="เวทีประชาคมทดสอบ",
    status="announced",
) -> Hearing:
    hearing = Hearing(
        cycle=world["cycle"],
        province_code=codes[0][:2],
        district_code=codes[0][:4],
        title=title,
        starts_at=at(day, starts),
        ends_at=at(day, ends),
        venue=venue,
        capacity=capacity,
        status=status,
        input_opens_at=at(day, starts) - timedelta(days=30),
        input_closes_at=at(day, ends) + timedelta(days=14),
        subdistricts=subdistricts_by_codes(codes),
        issues=world["plan"].issues[:2],
    )
    db.session.add(hearing)
    db.session.commit()
    return hearing


def set_email(world, username: str, email: str) -> None:
    world["users"][username].email = email
    db.session.commit()
