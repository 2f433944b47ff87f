"""Public pages of citizen input: the input forms, the receipt and tracking, erasure of contact
details, and what people said (counts, and moderated texts where the province publishes them)."""
from datetime import datetime
from uuid import uuid4

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from consult.extensions import csrf, db, limiter
from consult.geography.models import Subdistrict
from consult.hearings.models import Hearing
from consult.i18n import LOCAL_ZONE
from consult.inputs.forms import EraseContactForm, InputForm
from consult.inputs.masking import mask_personal_data
from consult.inputs.models import SECTORS
from consult.inputs.moderation import publishes_texts
from consult.inputs.operations import (
    InputWindowClosed, NewInput, find_by_receipt, find_card_by_code, hearing_for_input, submit_input,
)
from consult.inputs.pdpa import erase_contact
from consult.inputs.queries import published_input, published_inputs
from consult.review.queries import cycle_summary
from consult.strategy.models import PHASE_HEARINGS, StrategyCycle
from consult.timeutil import utcnow

inputs_blueprint = Blueprint("inputs", __name__)
# Ids in URLs fit a 32-bit integer column; larger ones are simply not found.
MAX_ID = 2**31 - 1


def input_rate_limit() -> str:
    return current_app.config["INPUT_RATE_LIMIT"]


def lookup_rate_limit() -> str:
    return current_app.config["TRACK_RATE_LIMIT"]


@inputs_blueprint.app_template_filter("masked")
def masked_filter(text: str) -> str:
    return mask_personal_data(text)


@inputs_blueprint.app_template_filter("sector_label")
def sector_label_filter(key: str) -> str:
    return str(SECTORS.get(key, key))


def new_input_from_form(form: InputForm, channel: str) -> NewInput:
    return NewInput(
        text=form.text.data, sector=form.sector.data, channel=channel,
        issue_codes=form.issues.data or [], age_band=form.age_band.data, gender=form.gender.data,
        village=form.village.data, contact_name=form.contact_name.data,
        contact_email=form.contact_email.data, contact_phone=form.contact_phone.data,
        consent=form.consent.data, submission_key=form.submission_key.data,
    )


def cycle_accepts_input(cycle: StrategyCycle, today) -> bool:
    phase = cycle.phase(PHASE_HEARINGS)
    return phase is not None and phase.starts_on <= today <= phase.ends_on


def _subdistrict_from_args(cycle: StrategyCycle) -> Subdistrict | None:
    subdistrict = db.session.get(Subdistrict, request.args.get("subdistrict", "")[:6])
    return subdistrict if subdistrict and subdistrict.province_code == cycle.province_code else None


def _input_page(cycle: StrategyCycle, hearing: Hearing | None, subdistrict: Subdistrict | None = None):
    form = InputForm()
    form.set_issue_choices(cycle.plan.issues)
    if not form.submission_key.data:
        form.submission_key.data = uuid4().hex
    now = utcnow()
    if hearing is not None:
        closed = not hearing.input_open_at(now)
    else:
        closed = not cycle_accepts_input(cycle, datetime.now(LOCAL_ZONE).date())
    if not closed and form.validate_on_submit():
        try:
            item, _created = submit_input(new_input_from_form(form, "online"), cycle=cycle, hearing=hearing,
                                          subdistrict_code=subdistrict.code if subdistrict else None, now=now)
        except InputWindowClosed:
            closed = True
        else:
            return redirect(url_for("inputs.receipt", code=item.receipt, new=1), code=303)
    status = 409 if closed and request.method == "POST" else (400 if form.errors else 200)
    return render_template("inputs/form.html", form=form, cycle=cycle, hearing=hearing, subdistrict=subdistrict,
                           closed=closed), status


# The input forms check their CSRF token themselves (InputForm is a FlaskForm), so that an expired
# token comes back as a message on the form with the citizen's text still in it, not as a bare
# error page that loses what they typed.
@inputs_blueprint.route(f"/hearings/<int(max={MAX_ID}):hearing_id>/input", methods=["GET", "POST"])
@limiter.limit(input_rate_limit, methods=["POST"])
@csrf.exempt
def hearing_input(hearing_id: int):
    hearing = hearing_for_input(hearing_id) or abort(404)
    return _input_page(hearing.cycle, hearing)


@inputs_blueprint.route(f"/cycles/<int(max={MAX_ID}):cycle_id>/input", methods=["GET", "POST"])
@limiter.limit(input_rate_limit, methods=["POST"])
@csrf.exempt
def cycle_input(cycle_id: int):
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    return _input_page(cycle, None, _subdistrict_from_args(cycle))


@inputs_blueprint.route("/receipts/<code>")
@limiter.limit(lookup_rate_limit)
def receipt(code: str):
    item = find_by_receipt(code) or abort(404)
    published = [revision for revision in item.revisions if revision.published_at]
    return render_template("inputs/receipt.html", item=item, revisions=published,
                           just_sent=request.args.get("new") == "1", erase_form=EraseContactForm(),
                           texts_published=publishes_texts(item.province_code))


@inputs_blueprint.route("/receipts/<code>/erase-contact", methods=["POST"])
@limiter.limit(input_rate_limit)
def erase_contact_details(code: str):
    item = find_by_receipt(code) or abort(404)
    form = EraseContactForm()
    if form.validate_on_submit():
        if erase_contact(item, via="citizen"):
            flash(_("Your contact details have been erased. Your input itself is kept, without them."), "success")
        else:
            flash(_("No contact details are kept with this input."), "info")
        return redirect(url_for("inputs.receipt", code=item.receipt), code=303)
    published = [revision for revision in item.revisions if revision.published_at]
    return render_template("inputs/receipt.html", item=item, revisions=published, just_sent=False,
                           erase_form=form, texts_published=publishes_texts(item.province_code)), 400


@inputs_blueprint.route("/track")
@limiter.limit(lookup_rate_limit)
def track():
    code = request.args.get("receipt", "").strip()[:40]
    error = card = None
    if code:
        item = find_by_receipt(code)
        if item:
            return redirect(url_for("inputs.receipt", code=item.receipt))
        card = find_card_by_code(code)
        if card is None:
            error = _("No input has this receipt code. Please check the code and try again.")
    status = 404 if error else 200
    return render_template("inputs/track.html", code=code, error=error, card=card), status


@inputs_blueprint.route(f"/cycles/<int(max={MAX_ID}):cycle_id>/voices")
def voices(cycle_id: int):
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    issue_code = request.args.get("issue", "")[:20] or None
    hearing_id = request.args.get("hearing", type=int)
    hearing = db.session.get(Hearing, hearing_id) if hearing_id and 0 < hearing_id <= MAX_ID else None
    if hearing is not None and hearing.cycle_id != cycle.id:
        hearing = None
    publishing = publishes_texts(cycle.province_code)
    page = published_inputs(cycle.id, number=request.args.get("page", 1, type=int) or 1,
                            hearing_id=hearing.id if hearing else None, issue_code=issue_code) if publishing else None
    return render_template("inputs/voices.html", cycle=cycle, summary=cycle_summary(cycle), page=page,
                           publishing=publishing, issue_code=issue_code, hearing=hearing, sectors=SECTORS,
                           accepting=cycle_accepts_input(cycle, datetime.now(LOCAL_ZONE).date()))


@inputs_blueprint.route(f"/cycles/<int(max={MAX_ID}):cycle_id>/voices/<int(max={MAX_ID}):input_id>")
def voice(cycle_id: int, input_id: int):
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    item = published_input(cycle.id, input_id) or abort(404)
    return render_template("inputs/voice.html", cycle=cycle, item=item, sectors=SECTORS)
