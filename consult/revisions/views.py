"""Pages of strategy revisions: planners draft, cite, submit, review and publish them; everyone
can read the plan's history (each issue's wording at a date, and what changed)."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import can_review_province, roles_required
from consult.extensions import db
from consult.i18n import local_today
from consult.inputs.queries import inputs_by_ids
from consult.review.filters import ticked_inputs
from consult.review.public import public_quotes
from consult.revisions import operations
from consult.revisions.forms import CommitteeDecisionForm, ReturnForm, RevisionForm, RevisionSettingsForm
from consult.revisions.queries import revision_settings
from consult.strategy.access import reviewable_cycle
from consult.strategy.diff import word_diff
from consult.strategy.history import issue_history, plan_on, published_revisions_of_plan
from consult.strategy.models import REVISION_DRAFT, Revision, StrategicPlan
from consult.strategy.queries import issue_of_plan, revisions_of
from consult.web import safe_next_url


def _revision_for_planner(revision_id: int) -> Revision:
    revision = db.session.get(Revision, revision_id) or abort(404)
    if revision.cycle is None or not can_review_province(current_user, revision.cycle.province_code):
        abort(403)
    return revision


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def index(cycle_id: int):
    cycle = reviewable_cycle(cycle_id)
    return render_template("strategy/revision_list.html", cycle=cycle, revisions=revisions_of(cycle.id))


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def new(cycle_id: int):
    cycle = reviewable_cycle(cycle_id)
    form = RevisionForm()
    form.set_issue_choices(cycle.plan.issues)
    chosen = issue_of_plan(cycle.plan_id, form.issue.data or request.args.get("issue", ""))
    if request.method == "GET" and chosen is not None:
        form.issue.data = chosen.code
        form.text_after.data = chosen.description_th
    if form.validate_on_submit():
        revision = operations.draft_revision(
            cycle,
            chosen,
            title=form.title.data,
            text_after=form.text_after.data,
            rationale=form.rationale.data,
            user=current_user,
        )
        flash(_("Draft saved. Now cite the inputs it answers."))
        return redirect(
            url_for("review.inputs", cycle_id=cycle.id, revision=revision.id, issue=revision.issue.code),
            code=303,
        )
    return render_template(
        "strategy/revision_form.html", cycle=cycle, form=form, issue=chosen, revision=None
    ), 400 if form.errors else 200


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def edit(revision_id: int):
    revision = _revision_for_planner(revision_id)
    form = RevisionForm(obj=None if request.method == "POST" else revision)
    form.set_issue_choices([revision.issue])
    form.issue.data = revision.issue.code
    if revision.status == REVISION_DRAFT and form.validate_on_submit():
        operations.update_draft(
            revision,
            title=form.title.data,
            text_after=form.text_after.data,
            rationale=form.rationale.data,
            user=current_user,
        )
        flash(_("Draft saved."))
        return redirect(url_for("revisions.edit", revision_id=revision.id), code=303)
    if request.method == "POST" and revision.status != REVISION_DRAFT:
        abort(409)
    return render_template(
        "strategy/revision_form.html",
        cycle=revision.cycle,
        form=form,
        issue=revision.issue,
        revision=revision,
        changes=word_diff(revision.text_before, revision.text_after),
        return_form=ReturnForm(formdata=None),
        decision_form=CommitteeDecisionForm(formdata=None),
        own=operations.is_author(revision, current_user),
        rules=revision_settings(revision.cycle.province_code),
    ), 400 if form.errors else 200


def _step(revision_id: int, step):
    """Run one workflow step; a refusal is explained on the revision's page, not a failure."""
    revision = _revision_for_planner(revision_id)
    try:
        message = step(revision)
    except operations.RevisionRefused as refused:
        flash(refused.message, "warning")
    else:
        flash(message)
    return redirect(url_for("revisions.edit", revision_id=revision.id), code=303)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def uncite(revision_id: int):
    ids = [int(value) for value in request.form.getlist("input") if value.isdigit()]

    def step(revision):
        items = inputs_by_ids(ids)
        operations.uncite_inputs(revision, items, current_user)
        return ngettext(
            "Removed %(count)s input from the citations.",
            "Removed %(count)s inputs from the citations.",
            len(items),
            count=len(items),
        )

    return _step(revision_id, step)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def submit(revision_id: int):
    def step(revision):
        operations.submit_for_review(revision, current_user)
        return _("Submitted for review.")

    return _step(revision_id, step)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def send_back(revision_id: int):
    form = ReturnForm()

    def step(revision):
        if not form.validate():
            raise operations.RevisionRefused("note", _("Say what should change before it is published."))
        operations.return_to_draft(revision, current_user, form.note.data)
        return _("Sent back to draft.")

    return _step(revision_id, step)


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def publish(revision_id: int):
    """Approve with the committee's decision (and its scanned minutes, a larger upload than
    other forms take), which publishes the revision."""
    request.max_content_length = operations.MINUTES_MAX_BYTES + 1024 * 1024
    form = CommitteeDecisionForm()

    def step(revision):
        if not form.validate():
            raise operations.RevisionRefused(
                "decision", " ".join(str(error) for errors in form.errors.values() for error in errors)
            )
        upload = form.minutes.data
        minutes = upload.read() if upload and upload.filename else None
        decision = operations.CommitteeDecision(
            meeting=form.meeting.data,
            decided_on=form.decided_on.data,
            resolution=form.resolution.data,
            minutes=minutes,
            minutes_name=upload.filename if minutes is not None else None,
        )
        operations.publish_revision(revision, current_user, decision)
        return _("Approved and published. The plan now reads as revised, and the cited inputs show it.")

    return _step(revision_id, step)


@roles_required(ROLE_PLANNER)
def settings():
    """The planner's province's rules for approving revisions."""
    current = revision_settings(current_user.province_code)
    form = RevisionSettingsForm(obj=current)
    if form.validate_on_submit():
        operations.save_revision_settings(
            current_user.province_code,
            approver_role=form.approver_role.data,
            minutes_required=form.minutes_required.data,
            user=current_user,
        )
        flash(_("The province's rules for approving revisions are saved."))
        return redirect(url_for("revisions.settings"), code=303)
    return render_template("strategy/revision_settings.html", form=form), 400 if form.errors else 200


def minutes(revision_id: int):
    """The scanned minutes of the committee's decision on a published revision (public, as the
    decision is)."""
    revision = db.session.get(Revision, revision_id)
    if revision is None or revision.published_at is None or not revision.minutes_file:
        abort(404)
    return send_from_directory(
        operations.minutes_folder(),
        revision.minutes_file,
        mimetype=revision.minutes_type,
        download_name=revision.minutes_name,
        max_age=3600,
    )


# ---------------------------------------------------------------------------------------------
# Public: the plan's history


def _day_from_args() -> tuple[date, str | None]:
    today = local_today()
    text = request.args.get("on", "").strip()
    if not text:
        return today, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return today, _("Give the date as YYYY-MM-DD (Common Era), e.g. 2026-11-23.")


def plan_history(plan_id: int):
    plan = db.session.get(StrategicPlan, plan_id) or abort(404)
    day, error = _day_from_args()
    return render_template(
        "strategy/revision_history.html",
        plan=plan,
        day=day,
        error=error,
        issues=plan_on(plan, day),
        revisions=published_revisions_of_plan(plan),
    ), 400 if error else 200


def issue_versions(plan_id: int, code: str):
    plan = db.session.get(StrategicPlan, plan_id) or abort(404)
    issue = issue_of_plan(plan.id, code) or abort(404)
    return render_template(
        "strategy/revision_issue_history.html",
        plan=plan,
        issue=issue,
        versions=list(reversed(issue_history(issue))),
    )


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def cite(cycle_id: int):
    """The planners' input list's cite button: add the ticked inputs to a draft revision."""
    cycle = reviewable_cycle(cycle_id)
    back = safe_next_url(url_for("review.inputs", cycle_id=cycle.id))
    items = ticked_inputs(cycle)
    if not items:
        flash(_("Tick one or more inputs first."), "warning")
        return redirect(back, code=303)
    revision = db.session.get(Revision, request.form.get("revision", type=int) or 0)
    if revision is None or revision.cycle_id != cycle.id:
        flash(_("Choose a draft revision of this cycle to cite the inputs in."), "warning")
        return redirect(back, code=303)
    try:
        added = operations.cite_inputs(revision, items, current_user)
    except operations.RevisionRefused as refused:
        flash(refused.message, "warning")
        return redirect(back, code=303)
    flash(
        ngettext(
            "%(count)s input added to the revision “%(title)s”.",
            "%(count)s inputs added to the revision “%(title)s”.",
            added,
            count=added,
            title=revision.title,
        )
    )
    return redirect(back, code=303)


def published(revision_id: int):
    """A published revision: before and after with the changes marked, why, and what it cites
    (texts only where the province publishes moderated input)."""
    item = db.session.get(Revision, revision_id)
    if item is None or item.published_at is None:
        abort(404)
    return render_template(
        "strategy/revision.html",
        revision=item,
        changes=word_diff(item.text_before, item.text_after),
        quotes=public_quotes(item.inputs, item.plan.province_code),
    )
