"""The one export of contact details: a cycle's, for a stated purpose, by the province's planners
and administrators; consult.inputs.pdpa writes the audit event saying who, when and why."""

from flask import make_response, render_template
from flask_login import current_user

from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import roles_required
from consult.inputs.forms import ContactExportForm
from consult.inputs.pdpa import CONTACT_PURPOSES, contact_header, contact_rows
from consult.review.exports import csv_chunks
from consult.strategy.access import reviewable_cycle


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def contact_export(cycle_id: int):
    """The province's planners and administrators, for a stated purpose: a CSV of the contact
    details kept with the cycle's inputs, and an audit event saying who, when and why."""
    cycle = reviewable_cycle(cycle_id)
    form = ContactExportForm(purposes=CONTACT_PURPOSES)
    if form.validate_on_submit():
        rows = contact_rows(
            cycle, purpose=form.purpose.data, reason=form.reason.data, user=current_user._get_current_object()
        )
        response = make_response("".join(csv_chunks(contact_header(), rows)))
        response.mimetype = "text/csv"
        response.headers["Content-Disposition"] = (
            f'attachment; filename="consult-cycle{cycle.id}-contacts.csv"'
        )
        response.headers["Cache-Control"] = "no-store"
        return response
    return render_template("review/contact_export.html", cycle=cycle, form=form), 400 if form.errors else 200
