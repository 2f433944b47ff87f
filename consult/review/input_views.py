"""Planners read input (search and tag views) and answer it with a status; the list's other button
cites the ticked inputs in a draft revision (`revisions.views.cite`)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import can_review_province, roles_required
from consult.extensions import db
from consult.inputs.models import STATUS_CONSIDERED, STATUS_LABELS, CitizenInput
from consult.review.filters import filter_choices, filters_of, ticked_inputs
from consult.review.forms import InputStatusForm
from consult.review.input_lists import InputSearch, input_page
from consult.review.operations import SETTABLE_STATUSES, StatusRefused, set_input_status
from consult.review.tag_forms import tag_editing_forms
from consult.strategy.access import reviewable_cycle
from consult.strategy.queries import editable_revisions
from consult.web import safe_next_url

PAGE_SIZE = 50
SEARCH_MAX_CHARS = 200


def _search_from_args(cycle) -> InputSearch:
    codes = {issue.code for issue in cycle.plan.issues}
    issue = request.args.get("issue", "")
    status = request.args.get("status", "")
    return InputSearch(
        text=request.args.get("q", "").strip()[:SEARCH_MAX_CHARS],
        issue=issue if issue in codes else None,
        status=status if status in STATUS_LABELS else None,
    )


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def inputs(cycle_id: int):
    cycle = reviewable_cycle(cycle_id)
    filters, errors = filters_of(cycle)
    search = _search_from_args(cycle)
    page = max(1, request.args.get("page", 1, type=int) or 1)
    items, total = input_page(cycle, filters, search, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    drafts = editable_revisions(cycle)
    chosen = request.args.get("revision", type=int)
    revision = next((draft for draft in drafts if draft.id == chosen), None)
    return render_template(
        "review/inputs.html",
        cycle=cycle,
        filters=filters,
        errors=errors,
        search=search,
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        drafts=drafts,
        revision=revision,
        status_form=InputStatusForm(formdata=None),
        statuses=STATUS_LABELS,
        personal=current_user.role == ROLE_ADMIN,
        **filter_choices(cycle, filters),
    ), 400 if errors else 200


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def input_actions(cycle_id: int):
    """The list's status button: give the ticked inputs a status (citing them is the revisions'
    `cite`, which the list's other button posts to)."""
    cycle = reviewable_cycle(cycle_id)
    back = safe_next_url(url_for("review.inputs", cycle_id=cycle.id))
    items = ticked_inputs(cycle)
    if not items:
        flash(_("Tick one or more inputs first."), "warning")
        return redirect(back, code=303)
    form = InputStatusForm()
    if not form.validate():
        flash(" ".join(error for errors in form.errors.values() for error in errors), "warning")
        return redirect(back, code=303)
    changed = set_input_status(items, form.status.data, current_user, form.reason.data)
    flash(
        ngettext(
            "Status changed for %(count)s input.",
            "Status changed for %(count)s inputs.",
            changed,
            count=changed,
        )
    )
    return redirect(back, code=303)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def input_detail(input_id: int):
    item = db.session.get(CitizenInput, input_id) or abort(404)
    if not can_review_province(current_user, item.province_code):
        abort(403)
    form = InputStatusForm(
        data={
            "status": item.status if item.status in SETTABLE_STATUSES else STATUS_CONSIDERED,
            "reason": item.status_reason or "",
        }
    )
    if form.validate_on_submit():
        try:
            set_input_status([item], form.status.data, current_user, form.reason.data)
        except StatusRefused:
            abort(400)
        flash(_("Status changed to “%(status)s”.", status=item.status_label))
        return redirect(url_for("review.input_detail", input_id=item.id), code=303)
    return render_template(
        "review/input.html",
        item=item,
        form=form,
        cycle=item.cycle,
        personal=current_user.role == ROLE_ADMIN,
        **tag_editing_forms(item.cycle),
    ), 400 if form.errors else 200
