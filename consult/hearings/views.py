from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from pythainlp.util import collate

from consult.extensions import db, limiter
from consult.geography.models import District, Province, Subdistrict
from consult.geography.queries import all_provinces, districts_of, subdistricts_of
from consult.hearings.forms import ConfirmForm, RegistrationForm
from consult.hearings.ics import build_calendar
from consult.hearings.models import Hearing
from consult.hearings.queries import HearingFilter, list_hearings, parse_hearing_filter, upcoming_and_past
from consult.hearings.registrations import (
    RegistrationClosed,
    cancel_registration,
    find_registration,
    register,
    registration_open,
)
from consult.i18n import current_language, local_today
from consult.limits import lookup_limits
from consult.strategy.queries import cycle_accepting_input
from consult.timeutil import utcnow


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


def find():
    """Province → district → subdistrict as plain links, then the hearings there; when none is
    open for input nearby, the province's whole strategy cycle takes input instead."""
    province, district, subdistrict = _area_from_args()
    upcoming, past, cycle = [], [], None
    now = utcnow()
    if province:
        criteria = HearingFilter(
            province=province.code,
            district=getattr(district, "code", None),
            subdistrict=getattr(subdistrict, "code", None),
        )
        upcoming, past = upcoming_and_past(criteria, now, details=False)
        cycle = cycle_accepting_input(province.code, local_today())
    return render_template(
        "hearings/find.html",
        province=province,
        district=district,
        subdistrict=subdistrict,
        place=subdistrict or district or province,
        provinces=_by_name(all_provinces()) if not province else [],
        districts=_by_name(districts_of(province.code)) if province and not district else [],
        subdistricts=_by_name(subdistricts_of(district.code)) if district and not subdistrict else [],
        upcoming=upcoming,
        past=past,
        cycle=cycle,
        now=now,
        open_nearby=any(hearing.input_open_at(now) for hearing in upcoming + past),
    )


def detail(hearing_id: int):
    hearing = db.session.get(Hearing, hearing_id) or abort(404)
    now = utcnow()
    return render_template(
        "hearings/detail.html", hearing=hearing, now=now, can_register=registration_open(hearing, now)
    )


@limiter.limit(lambda: current_app.config["REGISTRATION_RATE_LIMIT"], methods=["POST"])
def register_for(hearing_id: int):
    hearing = db.session.get(Hearing, hearing_id) or abort(404)
    now = utcnow()
    form = RegistrationForm()
    if not registration_open(hearing, now):
        return render_template("hearings/register.html", hearing=hearing, form=None), 409
    if form.validate_on_submit():
        try:
            registration = register(
                hearing,
                name=form.name.data,
                phone=form.phone.data,
                email=form.email.data,
                consent=form.consent.data,
                language=current_language(),
                now=now,
            )
        except RegistrationClosed:
            return render_template("hearings/register.html", hearing=hearing, form=None), 409
        return redirect(url_for("hearings.registration", reference=registration.reference, new=1))
    status = 400 if form.errors else 200
    return render_template("hearings/register.html", hearing=hearing, form=form), status


@lookup_limits
def registration(reference: str):
    """The citizen's own registration, found by its unguessable reference; it can be cancelled here."""
    item = find_registration(reference) or abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        cancel_registration(item, now=utcnow())
        flash(_("Your registration is cancelled."), "success")
        return redirect(url_for("hearings.registration", reference=item.reference))
    return render_template(
        "hearings/registration.html",
        registration=item,
        hearing=item.hearing,
        form=form,
        new=request.args.get("new") == "1",
    )


def calendar_feed():
    criteria, errors = parse_hearing_filter(request.args)
    if errors:
        abort(400)
    hearings = list_hearings(criteria, limit=2000)
    body = build_calendar(hearings, name=_("Public hearings"))
    return Response(
        body, mimetype="text/calendar", headers={"Content-Disposition": "inline; filename=hearings.ics"}
    )


def hearing_calendar(hearing_id: int):
    hearing = db.session.get(Hearing, hearing_id) or abort(404)
    body = build_calendar([hearing], name=hearing.display_title)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f"attachment; filename=hearing-{hearing.id}.ics"},
    )
