"""Staff pages about personal data and abuse control: the administrators' retention report, and
kiosk mode for a hearing's shared device. (The purpose-bound contact export is the review's,
beside the other exports: review/contact_views.py.)"""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.auth.audit import record
from consult.auth.models import ROLE_ADMIN, ROLE_OFFICIAL, ROLE_PLANNER
from consult.auth.permissions import roles_required
from consult.extensions import db
from consult.hearings.access import managed_hearing
from consult.inputs.forms import ConfirmForm
from consult.inputs.pdpa import retention_report
from consult.limits import KIOSK_COOKIE, kiosk_cookie


@roles_required(ROLE_ADMIN)
def retention():
    return render_template(
        "inputs/retention.html",
        kept=retention_report(),
        retention_days=current_app.config["CONTACT_RETENTION_DAYS"],
    )


@roles_required(ROLE_OFFICIAL, ROLE_PLANNER, ROLE_ADMIN)
def kiosk(hearing_id: int):
    """Turn this device's kiosk mode for the hearing on (or off): the device is then one that
    many people use in turn, and the per-browser limit on sending input does not hold it back."""
    hearing = managed_hearing(hearing_id)
    form = ConfirmForm()
    turn_on = request.form.get("on") == "1"
    if not form.validate_on_submit():
        flash(_("This form has expired or was sent from elsewhere. Please send it again."), "warning")
        return redirect(url_for("inputs_staff.kit", hearing_id=hearing.id))
    record("hearing.kiosk_on" if turn_on else "hearing.kiosk_off", hearing)
    db.session.commit()
    if turn_on:
        flash(
            _(
                "Kiosk mode is on for this device until %(hours)s hours from now.",
                hours=current_app.config["KIOSK_HOURS"],
            ),
            "info",
        )
        response = redirect(url_for("inputs.hearing_input", hearing_id=hearing.id), code=303)
        response.set_cookie(
            KIOSK_COOKIE,
            kiosk_cookie(hearing.id, current_user.id),
            max_age=current_app.config["KIOSK_HOURS"] * 3600,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["PRODUCTION"],
        )
        return response
    flash(_("Kiosk mode is off for this device."), "info")
    response = redirect(url_for("inputs_staff.kit", hearing_id=hearing.id), code=303)
    response.delete_cookie(KIOSK_COOKIE)
    return response
