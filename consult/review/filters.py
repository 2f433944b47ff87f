"""The filters a planner narrows the review with; the same ones for the dashboard, the exports,
the committee report and the summary API, so that their numbers agree."""

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from flask import request
from flask_babel import gettext as _

from consult.extensions import db
from consult.geography.models import District, Subdistrict
from consult.geography.queries import districts_of, subdistricts_of
from consult.hearings.models import Hearing
from consult.hearings.queries import hearings_in_district
from consult.i18n import LOCAL_ZONE, format_date
from consult.inputs.models import CitizenInput
from consult.inputs.queries import inputs_by_ids
from consult.participants import SECTORS
from consult.web import is_database_id


@dataclass(frozen=True)
class ReviewFilter:
    phase: str | None = None  # a phase key of the cycle: input submitted within its dates
    hearing: int | None = None
    district: str | None = None
    subdistrict: str | None = None
    sector: str | None = None

    def args(self) -> dict[str, str]:
        """Query-string arguments that reproduce this filter (for links and exports)."""
        return {key: str(value) for key, value in asdict(self).items() if value not in (None, "")}

    def args_without(self, *names: str) -> dict[str, str]:
        return {key: value for key, value in self.args().items() if key not in names}

    def __bool__(self) -> bool:
        return bool(self.args())


@dataclass(frozen=True)
class Window:
    """The instants [starts, ends) that a phase covers, in UTC-aware datetimes."""

    starts: datetime
    ends: datetime


def phase_window(cycle, phase_key: str | None) -> Window | None:
    phase = cycle.phase(phase_key) if phase_key else None
    if phase is None:
        return None
    return Window(
        starts=_local_midnight(phase.starts_on), ends=_local_midnight(phase.ends_on + timedelta(days=1))
    )


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_ZONE)


DISTRICT_CODE = re.compile(r"[0-9]{4}")
SUBDISTRICT_CODE = re.compile(r"[0-9]{6}")
HEARING_CHOICES_LIMIT = 300  # a district's hearings offered in the filter form


def parse_review_filter(args, cycle, *, strict: bool = True) -> tuple[ReviewFilter, dict[str, str]]:
    """The filter from query arguments, and errors (field name → message) for values that do not
    fit, which are left out. Pages are `strict`: a district of another province or a hearing of
    another cycle is explained and ignored. The API is not: a well-formed value that belongs
    nowhere simply matches nothing (as a filter on any list does); only malformed values are errors."""
    errors: dict[str, str] = {}
    values: dict[str, object] = {}

    phase = args.get("phase") or ""
    if phase:
        if cycle.phase(phase) or not strict:
            values["phase"] = phase
        else:
            errors["phase"] = _("This cycle has no such phase.")

    hearing = args.get("hearing") or ""
    if hearing:
        number = int(hearing) if re.fullmatch(r"[0-9]{1,10}", hearing) else 0
        item = db.session.get(Hearing, number) if is_database_id(number) else None
        if item is not None and item.cycle_id == cycle.id:
            values["hearing"] = item.id
            if strict:  # the form then offers the hearing among its district's
                values["district"] = item.district_code
        elif is_database_id(number) and not strict:
            values["hearing"] = number
        else:
            errors["hearing"] = _("No hearing with this number belongs to this cycle.")

    district = args.get("district") or ""
    if district:
        item = db.session.get(District, district) if DISTRICT_CODE.fullmatch(district) else None
        if values.get("district") and values["district"] != district:
            errors["district"] = _("This hearing is in another district.")
        elif item is not None and item.province_code == cycle.province_code:
            values["district"] = item.code
        elif DISTRICT_CODE.fullmatch(district) and not strict:
            values["district"] = district
        else:
            errors["district"] = _("This district is not in the cycle's province.")

    subdistrict = args.get("subdistrict") or ""
    if subdistrict:
        item = db.session.get(Subdistrict, subdistrict) if SUBDISTRICT_CODE.fullmatch(subdistrict) else None
        if not strict and SUBDISTRICT_CODE.fullmatch(subdistrict):
            values["subdistrict"] = subdistrict
        elif item is None or item.province_code != cycle.province_code:
            errors["subdistrict"] = _("This subdistrict is not in the cycle's province.")
        elif values.get("district") and item.district_code != values["district"]:
            errors["subdistrict"] = _("This subdistrict is not in the chosen district.")
        else:
            values["subdistrict"] = item.code
            values.setdefault("district", item.district_code)

    sector = args.get("sector") or ""
    if sector:
        if sector in SECTORS:
            values["sector"] = sector
        else:
            errors["sector"] = _("Unknown sector.")
    return ReviewFilter(**values), errors


def describe_filters(cycle, filters: ReviewFilter) -> str:
    """The filters in words, for the heading of an export or a report."""
    parts = []
    if filters.phase:
        phase = cycle.phase(filters.phase)
        parts.append(
            _(
                "Phase: %(name)s (%(start)s – %(end)s)",
                name=phase.name,
                start=format_date(phase.starts_on, "short"),
                end=format_date(phase.ends_on, "short"),
            )
        )
    if filters.hearing:
        hearing = db.session.get(Hearing, filters.hearing)
        parts.append(_("Hearing: %(title)s", title=hearing.display_title))
    if filters.subdistrict:
        parts.append(_("Subdistrict: %(name)s", name=db.session.get(Subdistrict, filters.subdistrict).name))
    elif filters.district:
        parts.append(_("District: %(name)s", name=db.session.get(District, filters.district).name))
    if filters.sector:
        parts.append(_("Sector: %(name)s", name=SECTORS[filters.sector]))
    return "; ".join(parts) or _("All input of the cycle")


def filters_of(cycle) -> tuple[ReviewFilter, dict[str, str]]:
    """The filter of this request's query string (pages are strict)."""
    return parse_review_filter(request.args, cycle)


def filter_choices(cycle, filters: ReviewFilter) -> dict:
    """What the filter form offers: the cycle's phases, districts, the chosen district's
    subdistricts and hearings (a province has hundreds: too many for one list on a phone), sectors."""
    hearings = []
    if filters.district:
        hearings = hearings_in_district(cycle.id, filters.district, HEARING_CHOICES_LIMIT)
    return {
        "phases": cycle.phases,
        "districts": districts_of(cycle.province_code),
        "subdistricts": subdistricts_of(filters.district) if filters.district else [],
        "hearings": hearings,
        "sectors": SECTORS,
    }


def filter_args(filters: ReviewFilter, cycle, **extra) -> dict:
    """URL arguments for a link that keeps the current filters."""
    return {**filters.args(), "cycle": cycle.id, **extra}


def ticked_inputs(cycle) -> list[CitizenInput]:
    """The inputs of the cycle ticked in a posted input list."""
    return inputs_by_ids([int(value) for value in request.form.getlist("input") if value.isdigit()], cycle.id)
