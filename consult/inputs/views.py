"""Public pages of citizen input: the input forms, the receipt and tracking, erasure of contact
details."""

from uuid import uuid4

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from consult.extensions import csrf, db, limiter
from consult.geography.models import Subdistrict
from consult.hearings.models import Hearing
from consult.i18n import local_today
from consult.inputs.forms import EraseContactForm, InputForm, new_input_from_form
from consult.inputs.moderation import publishes_texts
from consult.inputs.operations import (
    InputWindowClosed,
    find_by_receipt,
    find_card_by_code,
    hearing_for_input,
    submit_input,
)
from consult.inputs.pdpa import erase_contact
from consult.strategy.models import StrategyCycle
from consult.timeutil import utcnow


def input_rate_limit() -> str:
    return current_app.config["INPUT_RATE_LIMIT"]


def lookup_rate_limit() -> str:
    return current_app.config["TRACK_RATE_LIMIT"]


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
        closed = not cycle.hearings_run_on(local_today())
    if not closed and form.validate_on_submit():
        try:
            item, _created = submit_input(
                new_input_from_form(form, "online"),
                cycle=cycle,
                hearing=hearing,
                subdistrict_code=subdistrict.code if subdistrict else None,
                now=now,
            )
        except InputWindowClosed:
            closed = True
        else:
            return redirect(url_for("inputs.receipt", code=item.receipt, new=1), code=303)
    status = 409 if closed and request.method == "POST" else (400 if form.errors else 200)
    return render_template(
        "inputs/form.html", form=form, cycle=cycle, hearing=hearing, subdistrict=subdistrict, closed=closed
    ), status


# The input forms check their CSRF token themselves (InputForm is a FlaskForm), so that an expired
# token comes back as a message on the form with the citizen's text still in it, not as a bare
# error page that loses what they typed.
@limiter.limit(input_rate_limit, methods=["POST"])
@csrf.exempt
def hearing_input(hearing_id: int):
    hearing = hearing_for_input(hearing_id) or abort(404)
    return _input_page(hearing.cycle, hearing)


@limiter.limit(input_rate_limit, methods=["POST"])
@csrf.exempt
def cycle_input(cycle_id: int):
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    return _input_page(cycle, None, _subdistrict_from_args(cycle))


@limiter.limit(lookup_rate_limit)
def receipt(code: str):
    item = find_by_receipt(code) or abort(404)
    published = [revision for revision in item.revisions if revision.published_at]
    return render_template(
        "inputs/receipt.html",
        item=item,
        revisions=published,
        just_sent=request.args.get("new") == "1",
        erase_form=EraseContactForm(),
        texts_published=publishes_texts(item.province_code),
    )


@limiter.limit(input_rate_limit)
def erase_contact_details(code: str):
    item = find_by_receipt(code) or abort(404)
    form = EraseContactForm()
    if form.validate_on_submit():
        if erase_contact(item, via="citizen"):
            flash(
                _("Your contact details have been erased. Your input itself is kept, without them."),
                "success",
            )
        else:
            flash(_("No contact details are kept with this input."), "info")
        return redirect(url_for("inputs.receipt", code=item.receipt), code=303)
    published = [revision for revision in item.revisions if revision.published_at]
    return render_template(
        "inputs/receipt.html",
        item=item,
        revisions=published,
        just_sent=False,
        erase_form=form,
        texts_published=publishes_texts(item.province_code),
    ), 400


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
