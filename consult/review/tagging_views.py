"""Planners' tag review and full-text search pages. Each page belongs to one cycle of the
planner's province; the area is checked before anything else is read from the request."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import can_review_province, roles_required
from consult.extensions import db
from consult.geography.queries import districts_of
from consult.hearings.queries import hearings_in_district
from consult.inputs.models import CitizenInput
from consult.inputs.search import search_inputs
from consult.participants import SECTORS
from consult.review.tag_forms import (
    ACTION_CONFIRM,
    CONFIDENCE_LABELS,
    QUEUE_LABELS,
    AddTagForm,
    BulkConfirmForm,
    TagDecisionForm,
    tag_editing_forms,
    tag_queue_from_args,
)
from consult.review.tags import (
    REVIEW_PAGE_SIZE,
    TagRefused,
    bulk_confirm,
    confident_suggestions,
    confirm_tag,
    inputs_to_review,
    model_versions,
    reject_tag,
)
from consult.strategy.access import reviewable_cycle
from consult.strategy.queries import cycles_of
from consult.web import is_database_id, safe_next_url

SEARCH_PAGE_SIZE = 20
SEARCH_MAX_CHARS = 200
HEARING_CHOICES_LIMIT = 200


def _page() -> int:
    return min(max(1, request.args.get("page", 1, type=int) or 1), 10_000)


def _in_latest_cycle(endpoint: str):
    """Links without a cycle (the staff page) open the province's latest cycle."""
    cycles = cycles_of(None if current_user.role == ROLE_ADMIN else current_user.province_code)
    if not cycles:
        flash(_("No strategy cycle yet: inputs come with a cycle."), "warning")
        return redirect(url_for("review.dashboard"), code=303)
    return redirect(url_for(endpoint, cycle_id=cycles[-1].id), code=303)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def latest_review():
    return _in_latest_cycle("tagging.review")


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def latest_search():
    return _in_latest_cycle("tagging.search")


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def review(cycle_id: int):
    cycle = reviewable_cycle(cycle_id)
    page = _page()
    districts = districts_of(cycle.province_code)
    versions = model_versions(cycle)
    queue = tag_queue_from_args(request.args, cycle, districts, versions)
    items, total = inputs_to_review(cycle, queue, page)
    bulk_form = BulkConfirmForm(formdata=None)
    confident = {
        choice.value: len(confident_suggestions(cycle, choice.value))
        for choice in bulk_form.threshold.choices
    }
    return render_template(
        "tagging/review.html",
        cycle=cycle,
        queue=queue,
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // REVIEW_PAGE_SIZE)),
        bulk_form=bulk_form,
        confident=confident,
        queue_labels=QUEUE_LABELS,
        confidence_labels=CONFIDENCE_LABELS,
        districts=districts,
        sectors=SECTORS,
        versions=versions,
        **tag_editing_forms(cycle),
    )


def _reviewable_input(input_id: int) -> CitizenInput:
    item = db.session.get(CitizenInput, input_id) or abort(404)
    if not can_review_province(current_user, item.province_code):
        abort(403)
    return item


def _back(item: CitizenInput) -> str:
    return safe_next_url(url_for("tagging.review", cycle_id=item.cycle_id)) + f"#input-{item.id}"


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def decide(input_id: int):
    """Confirm or reject one suggestion, or add an issue (the add form sends no action)."""
    item = _reviewable_input(input_id)
    adding = "action" not in request.form
    form = AddTagForm(item.cycle.plan) if adding else TagDecisionForm()
    if not form.validate():
        flash(_("Choose an issue of this plan and try again."), "warning")
        return redirect(_back(item), code=303)
    issue_id = form.issue.data if adding else int(form.issue.data) if form.issue.data.isdigit() else 0
    try:
        if adding or form.action.data == ACTION_CONFIRM:
            tag = confirm_tag(item, issue_id, current_user)
            flash(
                _(
                    "Issue %(code)s confirmed for %(receipt)s.",
                    code=tag.issue.code,
                    receipt=item.receipt_display,
                )
            )
        else:
            tag = reject_tag(item, issue_id, current_user)
            if tag is not None:
                flash(
                    _(
                        "Issue %(code)s rejected for %(receipt)s.",
                        code=tag.issue.code,
                        receipt=item.receipt_display,
                    )
                )
    except TagRefused:
        flash(_("Choose an issue of this plan and try again."), "warning")
    return redirect(_back(item), code=303)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def confirm_confident(cycle_id: int):
    cycle = reviewable_cycle(cycle_id)
    form = BulkConfirmForm()
    if not form.validate():
        flash(_("Choose a confidence level and try again."), "warning")
    else:
        count = bulk_confirm(cycle, form.threshold.data, current_user)
        flash(
            ngettext(
                "%(count)s suggestion confirmed.", "%(count)s suggestions confirmed.", count, count=count
            )
        )
    return redirect(url_for("tagging.review", cycle_id=cycle.id), code=303)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def search(cycle_id: int):
    cycle = reviewable_cycle(cycle_id)
    args = request.args
    query = args.get("q", "").strip()[:SEARCH_MAX_CHARS]
    issue_ids = {issue.id for issue in cycle.plan.issues}
    districts = districts_of(cycle.province_code)
    issue = args.get("issue", type=int)
    district = args.get("district", "")
    sector = args.get("sector", "")
    hearing_id = args.get("hearing", type=int)
    every_cycle = args.get("cycles") == "all"
    # values that belong nowhere are dropped, not an error: the rest of the search still applies
    filters = {
        "issue": issue if issue in issue_ids else None,
        "district": district if district in {d.code for d in districts} else None,
        "sector": sector if sector in SECTORS else None,
        "hearing_id": hearing_id if is_database_id(hearing_id) else None,
    }
    page = _page()
    results = (
        search_inputs(
            query,
            province=cycle.province_code,
            cycle_id=None if every_cycle else cycle.id,
            limit=SEARCH_PAGE_SIZE,
            offset=(page - 1) * SEARCH_PAGE_SIZE,
            **filters,
        )
        if query
        else None
    )
    hearings = (
        hearings_in_district(cycle.id, filters["district"], HEARING_CHOICES_LIMIT)
        if filters["district"]
        else []
    )
    return render_template(
        "tagging/search.html",
        cycle=cycle,
        query=query,
        results=results,
        page=page,
        filters=filters,
        every_cycle=every_cycle,
        districts=districts,
        hearings=hearings,
        sectors=SECTORS,
        **tag_editing_forms(cycle),
    )
