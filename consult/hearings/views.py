from datetime import datetime

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from pythainlp.util import collate
from sqlalchemy import select
from wtforms import SelectChoice

from consult.auth.models import ROLE_ADMIN, ROLE_OFFICIAL, ROLE_PLANNER
from consult.auth.permissions import roles_required
from consult.extensions import db, limiter
from consult.geography.models import District, Province, Subdistrict
from consult.geography.queries import all_provinces, districts_of, subdistricts_of
from consult.hearings import operations
from consult.hearings.forms import ConfirmForm, HearingForm, RegistrationForm
from consult.hearings.messages import problem_message
from consult.hearings.models import Hearing
from consult.hearings.ics import build_calendar
from consult.hearings.queries import HearingFilter, list_hearings, parse_hearing_filter, upcoming_and_past
from consult.hearings.registrations import (
    RegistrationClosed, cancel_registration, find_registration, register, registration_open,
)
from consult.i18n import LOCAL_ZONE, current_language
from consult.strategy.queries import cycle_accepting_input, cycles_with_hearing_phase
from consult.timeutil import utcnow

hearings_blueprint = Blueprint("hearings", __name__)


def _area_from_args():
    """The picker's choice, narrowed to codes that exist and belong together."""
    province = db.session.get(Province, request.args.get("province", ""))
    district = db.session.get(District, request.args.get("district", "")) if province else None
    if district and district.province_code != province.code:
        district = None
    subdistrict = db.session.get(Subdistrict, request.args.get("subdistrict", "")) if district else None
    if subdistrict and subdistrict.district_code != district.code:
        subdistrict = None
    return province, district, subdistrict


def _by_name(places):
    """Alphabetical as a reader of the page expects: Thai collation in Thai, A–Z in English."""
    if current_language() == "en":
        return sorted(places, key=lambda place: place.name_en)
    order = {name: index for index, name in enumerate(collate([place.name_th for place in places]))}
    return sorted(places, key=lambda place: order[place.name_th])


@hearings_blueprint.route("/hearings")
def find():
    """Province → district → subdistrict as plain links, then the hearings there; when none is
    open for input nearby, the province's whole strategy cycle takes input instead."""
    province, district, subdistrict = _area_from_args()
    upcoming, past, cycle = [], [], None
    now = utcnow()
    if province:
        criteria = HearingFilter(province=province.code, district=getattr(district, "code", None),
                                 subdistrict=getattr(subdistrict, "code", None))
        upcoming, past = upcoming_and_past(criteria, now, details=False)
        cycle = cycle_accepting_input(province.code, datetime.now(LOCAL_ZONE).date())
    return render_template(
        "hearings/find.html",
        province=province, district=district, subdistrict=subdistrict,
        place=subdistrict or district or province,
        provinces=_by_name(all_provinces()) if not province else [],
        districts=_by_name(districts_of(province.code)) if province and not district else [],
        subdistricts=_by_name(subdistricts_of(district.code)) if district and not subdistrict else [],
        upcoming=upcoming, past=past, cycle=cycle, now=now,
        open_nearby=any(hearing.input_open_at(now) for hearing in upcoming + past),
    )


@hearings_blueprint.route("/hearings/<int:hearing_id>")
def detail(hearing_id: int):
    hearing = db.session.get(Hearing, hearing_id) or abort(404)
    now = utcnow()
    return render_template("hearings/detail.html", hearing=hearing, now=now,
                           can_register=registration_open(hearing, now))


@hearings_blueprint.route("/hearings/<int:hearing_id>/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTRATION_RATE_LIMIT"], methods=["POST"])
def register_for(hearing_id: int):
    hearing = db.session.get(Hearing, hearing_id) or abort(404)
    now = utcnow()
    form = RegistrationForm()
    if not registration_open(hearing, now):
        return render_template("hearings/register.html", hearing=hearing, form=None), 409
    if form.validate_on_submit():
        try:
            registration = register(hearing, name=form.name.data, phone=form.phone.data, email=form.email.data,
                                    consent=form.consent.data, language=current_language(), now=now)
        except RegistrationClosed:
            return render_template("hearings/register.html", hearing=hearing, form=None), 409
        return redirect(url_for("hearings.registration", reference=registration.reference, new=1))
    status = 400 if form.errors else 200
    return render_template("hearings/register.html", hearing=hearing, form=form), status


@hearings_blueprint.route("/registrations/<reference>", methods=["GET", "POST"])
def registration(reference: str):
    """The citizen's own registration, found by its unguessable reference; it can be cancelled here."""
    item = find_registration(reference) or abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        cancel_registration(item, now=utcnow())
        flash(_("Your registration is cancelled."), "success")
        return redirect(url_for("hearings.registration", reference=item.reference))
    return render_template("hearings/registration.html", registration=item, hearing=item.hearing, form=form,
                           new=request.args.get("new") == "1")


def subdistrict_choices(user) -> list[Subdistrict]:
    if user.role == ROLE_OFFICIAL:
        return user.subdistricts
    if user.role == ROLE_PLANNER:
        return list(db.session.scalars(select(Subdistrict).where(
            Subdistrict.province_code == user.province_code).order_by(Subdistrict.code)))
    return []


@hearings_blueprint.route("/staff/hearings/new", methods=["GET", "POST"])
@roles_required(ROLE_OFFICIAL, ROLE_PLANNER, ROLE_ADMIN)
def schedule():
    province_code = current_user.province_code
    cycles = cycles_with_hearing_phase(province_code) if province_code else []
    form = HearingForm()
    district = chosen_district(current_user)
    chosen_cycle = prepare_hearing_form(form, cycles, current_user, getattr(district, "code", None))
    if request.method == "GET" and len(form.subdistricts.choices) == 1:
        form.subdistricts.data = [form.subdistricts.choices[0].value]
    if form.validate_on_submit():
        details = details_from(form, chosen_cycle, form.day.data)
        try:
            hearing, warnings = operations.schedule_hearing(details, user=current_user, now=utcnow())
        except PermissionError:
            abort(403)
        except operations.HearingRejected as rejected:
            form.form_errors.extend(problem_message(problem, chosen_cycle) for problem in rejected.problems)
        else:
            flash(_("The hearing is scheduled and published."), "success")
            for warning in warnings:
                flash(problem_message(warning, chosen_cycle), "warning")
            return redirect(url_for("hearings.detail", hearing_id=hearing.id))
    status = 400 if form.errors else 200
    return render_template("hearings/schedule.html", form=form, cycles=cycles, district=district,
                           districts=districts_to_pick(current_user)), status


def districts_to_pick(user) -> list[District]:
    """Planners first pick a district, so that the form lists its subdistricts only."""
    return districts_of(user.province_code) if user.role == ROLE_PLANNER else []


def chosen_district(user) -> District | None:
    """The district picked in the URL, or else the one of the subdistricts sent with the form."""
    code = request.args.get("district") or request.form.get("subdistricts", "")[:4]
    district = db.session.get(District, code)
    if district is None or user.role != ROLE_PLANNER or district.province_code != user.province_code:
        return None
    return district


def prepare_hearing_form(form, cycles, user, district: str | None = None):
    """Fill the choices of a hearing form, with the subdistricts of ``district`` only when given
    (a planner's province has hundreds); returns the cycle chosen (or the first)."""
    form.cycle_id.choices = [SelectChoice(cycle.id, cycle.display_title) for cycle in cycles]
    form.subdistricts.choices = [SelectChoice(s.code, f"{s.name} ({s.district.name})") for s in subdistrict_choices(user)
                                 if district is None or s.district_code == district]
    chosen = next((c for c in cycles if c.id == form.cycle_id.data), cycles[0] if cycles else None)
    form.set_issue_choices(chosen.plan.issues if chosen else [])
    return chosen


def details_from(form, cycle, day) -> operations.HearingDetails:
    starts_at = datetime.combine(day, form.starts.data, tzinfo=LOCAL_ZONE)
    return operations.HearingDetails(
        cycle=cycle, title=form.title.data, subdistrict_codes=form.subdistricts.data,
        starts_at=starts_at, ends_at=datetime.combine(day, form.ends.data, tzinfo=LOCAL_ZONE),
        venue=form.venue.data, capacity=form.capacity.data, online_url=form.online_url.data,
        issue_ids=form.issues.data or [], description=form.description.data,
        agenda=form.agenda_entries(starts_at), title_en=form.title_en.data, venue_en=form.venue_en.data,
    )


@hearings_blueprint.route("/hearings.ics")
def calendar_feed():
    criteria, errors = parse_hearing_filter(request.args)
    if errors:
        abort(400)
    hearings = list_hearings(criteria, limit=2000)
    body = build_calendar(hearings, name=_("Public hearings"))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": "inline; filename=hearings.ics"})


@hearings_blueprint.route("/hearings/<int:hearing_id>.ics")
def hearing_calendar(hearing_id: int):
    hearing = db.session.get(Hearing, hearing_id) or abort(404)
    body = build_calendar([hearing], name=hearing.display_title)
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f"attachment; filename=hearing-{hearing.id}.ics"})
