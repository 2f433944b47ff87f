"""Staff pages for hearings: schedule, manage, move, cancel, minutes, regular series, proposed schedules,
province settings and the officials' reminders. Each view parses, authorises, calls an
operation and renders; the operations check permissions again and write the audit log."""

from collections import Counter
from datetime import datetime
from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms import SelectChoice

from consult.auth.models import ROLE_ADMIN, ROLE_OFFICIAL, ROLE_PLANNER
from consult.auth.permissions import (
    can_act_for_subdistricts,
    can_review_province,
    roles_required,
)
from consult.extensions import db
from consult.geography.models import District, Subdistrict
from consult.geography.queries import districts_of, subdistricts_in_province
from consult.hearings import drafts, operations
from consult.hearings.access import managed_hearing
from consult.hearings.forms import (
    AcceptSlotForm,
    CancelForm,
    ConfirmForm,
    HearingForm,
    MinutesForm,
    ProposalForm,
    SeriesForm,
    SettingsForm,
    attendance_field_name,
    attendance_from,
)
from consult.hearings.messages import problem_message
from consult.hearings.models import PROPOSAL_DRAFT, Hearing, ProposedSlot, ScheduleProposal
from consult.hearings.queries import (
    HearingFilter,
    hearings_awaiting_minutes,
    hearings_outside_their_phase,
    province_settings,
    upcoming_and_past,
)
from consult.hearings.recurrence import build_rrule
from consult.hearings.registrations import registrations_of
from consult.hearings.series import create_series, plan_series
from consult.i18n import LOCAL_ZONE, format_date, to_local
from consult.participants import GENDERS, SECTORS
from consult.strategy.queries import cycles_with_hearing_phase
from consult.timeutil import utcnow

STAFF = (ROLE_OFFICIAL, ROLE_PLANNER, ROLE_ADMIN)
PLANNERS = (ROLE_PLANNER, ROLE_ADMIN)


def _area_of(user) -> dict:
    """The query scope of a user: an official's subdistricts, a planner's province, or everything."""
    if user.role == ROLE_OFFICIAL:
        return {"subdistricts": sorted(user.subdistrict_codes)}
    if user.role == ROLE_PLANNER:
        return {"province": user.province_code}
    return {}


@roles_required(*STAFF)
def reminders():
    now = utcnow()
    area = _area_of(current_user)
    if current_user.role == ROLE_OFFICIAL:
        upcoming = {
            h.id: h
            for code in area["subdistricts"]
            for h in upcoming_and_past(HearingFilter(subdistrict=code), now)[0]
        }
        upcoming = sorted(upcoming.values(), key=lambda hearing: hearing.starts_at)
    else:
        upcoming = upcoming_and_past(HearingFilter(province=area.get("province")), now)[0]
    return render_template(
        "hearings/staff/reminders.html",
        now=now,
        upcoming=[hearing for hearing in upcoming if not hearing.is_cancelled],
        outside_phase=hearings_outside_their_phase(**area),
        awaiting_minutes=hearings_awaiting_minutes(now, **area),
        slots=drafts.slots_for_user(current_user),
    )


@roles_required(*STAFF)
def manage(hearing_id: int):
    hearing = managed_hearing(hearing_id)
    return render_template(
        "hearings/staff/manage.html", hearing=hearing, now=utcnow(), registrations=registrations_of(hearing)
    )


@roles_required(*STAFF)
def edit(hearing_id: int):
    hearing = managed_hearing(hearing_id)
    if not hearing.is_changeable:
        flash(_("Only a hearing that has not taken place can be changed."), "warning")
        return redirect(url_for("hearing_staff.manage", hearing_id=hearing.id))
    form = HearingForm(obj=None if request.method == "POST" else _form_values(hearing))
    cycle = prepare_hearing_form(form, [hearing.cycle], current_user, hearing.district_code)
    for (
        subdistrict
    ) in hearing.subdistricts:  # a planner's hearing may include subdistricts outside the usual list
        if subdistrict.code not in {choice.value for choice in form.subdistricts.choices}:
            form.subdistricts.choices.append(
                SelectChoice(subdistrict.code, f"{subdistrict.name} ({subdistrict.district.name})")
            )
    if form.validate_on_submit():
        try:
            warnings = operations.update_hearing(
                hearing, details_from(form, cycle, form.day.data), user=current_user, now=utcnow()
            )
        except PermissionError:
            abort(403)
        except operations.HearingRejected as rejected:
            db.session.rollback()
            form.form_errors.extend(problem_message(problem, cycle) for problem in rejected.problems)
        else:
            flash(
                _("The hearing is updated; people who registered are told of a new time or place."), "success"
            )
            for warning in warnings:
                flash(problem_message(warning, cycle), "warning")
            return redirect(url_for("hearing_staff.manage", hearing_id=hearing.id))
    status = 400 if form.errors else 200
    return render_template("hearings/staff/edit.html", form=form, hearing=hearing), status


def _form_values(hearing: Hearing) -> SimpleNamespace:
    """A hearing's current values under the edit form's field names."""
    start, end = to_local(hearing.starts_at), to_local(hearing.ends_at)
    agenda = [
        SimpleNamespace(starts=to_local(item.starts_at).time(), title=item.title, issue=item.issue_id or 0)
        for item in hearing.agenda
    ]
    return SimpleNamespace(
        cycle_id=hearing.cycle_id,
        title=hearing.title,
        subdistricts=[s.code for s in hearing.subdistricts],
        day=start.date(),
        starts=start.time(),
        ends=end.time(),
        venue=hearing.venue,
        capacity=hearing.capacity,
        online_url=hearing.online_url,
        issues=[issue.id for issue in hearing.issues],
        description=hearing.description,
        agenda=agenda,
        title_en=hearing.title_en,
        venue_en=hearing.venue_en,
    )


@roles_required(*STAFF)
def cancel(hearing_id: int):
    hearing = managed_hearing(hearing_id)
    if not hearing.is_changeable:
        flash(_("Only a hearing that has not taken place can be cancelled."), "warning")
        return redirect(url_for("hearing_staff.manage", hearing_id=hearing.id))
    form = CancelForm()
    if form.validate_on_submit():
        operations.cancel_hearing(hearing, form.reason.data, user=current_user)
        flash(
            _(
                "The hearing is cancelled. The public page shows the reason and people who registered are told."
            ),
            "success",
        )
        return redirect(url_for("hearing_staff.manage", hearing_id=hearing.id))
    status = 400 if form.errors else 200
    return render_template("hearings/staff/cancel.html", form=form, hearing=hearing), status


@roles_required(*STAFF)
def minutes(hearing_id: int):
    hearing = managed_hearing(hearing_id)
    now = utcnow()
    if hearing.is_cancelled or hearing.ends_at > now:
        flash(_("Minutes can be recorded once the hearing has taken place."), "warning")
        return redirect(url_for("hearing_staff.manage", hearing_id=hearing.id))
    form = MinutesForm()
    if request.method == "GET":
        form.minutes.data = hearing.minutes or ""
        for row in hearing.attendance:
            form[attendance_field_name(row.sector, row.gender)].data = row.count
    if form.validate_on_submit():
        operations.record_minutes(
            hearing, form.minutes.data, attendance_from(form), user=current_user, now=now
        )
        flash(_("The minutes and attendance are saved."), "success")
        return redirect(url_for("hearing_staff.manage", hearing_id=hearing.id))
    status = 400 if form.errors else 200
    return render_template(
        "hearings/staff/minutes.html",
        form=form,
        hearing=hearing,
        sectors=SECTORS,
        genders=GENDERS,
        field_name=attendance_field_name,
    ), status


@roles_required(*STAFF)
def new_series():
    cycles = cycles_with_hearing_phase(current_user.province_code) if current_user.province_code else []
    form = SeriesForm()
    district = chosen_district(current_user)
    cycle = prepare_hearing_form(form, cycles, current_user, getattr(district, "code", None))
    if request.method == "GET" and len(form.subdistricts.choices) == 1:
        form.subdistricts.data = [form.subdistricts.choices[0].value]
    plan = None
    if form.validate_on_submit():
        template = details_from(form, cycle, form.first_day.data)
        week = None if form.frequency.data == "weekly" else form.week_of_month.data
        rule = build_rrule(form.frequency.data, form.weekday.data, week, count=form.count.data)
        try:
            if request.form.get("create") == "1":
                series, plan = create_series(template, rule, user=current_user, now=utcnow())
                flash(
                    ngettext(
                        "%(count)s hearing is scheduled and published.",
                        "%(count)s hearings are scheduled and published.",
                        len(series.hearings),
                        count=len(series.hearings),
                    ),
                    "success",
                )
                return redirect(url_for("hearing_staff.reminders"))
            plan = plan_series(template, rule, now=utcnow())
        except PermissionError:
            abort(403)
        except ValueError:
            form.form_errors.append(
                _(
                    "No date of this series can be scheduled in the hearing phase. "
                    "Please check the rule and the starting date."
                )
            )
            plan = None
    status = 400 if form.errors else 200
    return render_template(
        "hearings/staff/series.html",
        form=form,
        cycles=cycles,
        plan=plan,
        cycle=cycle,
        problem_message=problem_message,
        district=district,
        districts=districts_to_pick(current_user),
    ), status


@roles_required(*PLANNERS)
def proposals():
    return render_template(
        "hearings/staff/proposals.html", proposals=drafts.proposals_of(current_user.province_code)
    )


@roles_required(*PLANNERS)
def new_proposal():
    province_code = current_user.province_code
    cycles = cycles_with_hearing_phase(province_code) if province_code else []
    form = ProposalForm()
    form.cycle_id.choices = [SelectChoice(cycle.id, cycle.display_title) for cycle in cycles]
    form.district.choices = [SelectChoice("", _("The whole province"))] + [
        SelectChoice(district.code, district.name)
        for district in (districts_of(province_code) if province_code else [])
    ]
    if form.validate_on_submit():
        cycle = next((c for c in cycles if c.id == form.cycle_id.data), None) or abort(400)
        try:
            proposal = drafts.draft_schedule(
                cycle,
                district_code=form.district.data or None,
                per_day_limit=form.per_day_limit.data,
                group_size=form.group_size.data,
                respond_by=form.respond_by.data,
                user=current_user,
                now=utcnow(),
            )
        except PermissionError:
            abort(403)
        except drafts.NothingToPropose:
            form.form_errors.append(_("Every subdistrict here already has a hearing or a proposed date."))
        except drafts.TooLate as too_late:
            form.form_errors.append(
                _(
                    "With the notice period the first possible day is %(date)s, after the hearing phase ends. "
                    "Move the phase or shorten the notice period in the province settings.",
                    date=format_date(too_late.args[0]),
                )
            )
        else:
            return redirect(url_for("hearing_staff.proposal", proposal_id=proposal.id))
    status = 400 if form.errors else 200
    return render_template("hearings/staff/proposal_new.html", form=form, cycles=cycles), status


def _planned_proposal(proposal_id: int) -> ScheduleProposal:
    proposal = db.session.get(ScheduleProposal, proposal_id) or abort(404)
    if not can_review_province(current_user, proposal.province_code):
        abort(403)
    return proposal


@roles_required(*PLANNERS)
def proposal(proposal_id: int):
    item = _planned_proposal(proposal_id)
    return render_template(
        "hearings/staff/proposal.html",
        proposal=item,
        form=ConfirmForm(),
        counts=Counter(slot.status for slot in item.slots),
    )


@roles_required(*PLANNERS)
def publish_proposal(proposal_id: int):
    item = _planned_proposal(proposal_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    published, refused = drafts.publish_accepted(item, user=current_user, now=utcnow())
    flash(
        ngettext(
            "%(count)s hearing is published.",
            "%(count)s hearings are published.",
            len(published),
            count=len(published),
        ),
        "success",
    )
    for slot_id, problems in refused.items():
        slot = db.session.get(ProposedSlot, slot_id)
        names = ", ".join(s.name for s in slot.subdistricts)
        for problem in problems:
            flash(f"{names}: {problem_message(problem, item.cycle)}", "warning")
    return redirect(url_for("hearing_staff.proposal", proposal_id=item.id))


@roles_required(*PLANNERS)
def withdraw_proposal(proposal_id: int):
    item = _planned_proposal(proposal_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    count = drafts.discard_open_slots(item, user=current_user)
    flash(
        ngettext(
            "%(count)s proposed date is withdrawn.",
            "%(count)s proposed dates are withdrawn.",
            count,
            count=count,
        ),
        "success",
    )
    return redirect(url_for("hearing_staff.proposals"))


@roles_required(*STAFF)
def slot(slot_id: int):
    item = db.session.get(ProposedSlot, slot_id) or abort(404)
    if item.status not in drafts.OPEN_SLOT_STATUSES or item.proposal.status != PROPOSAL_DRAFT:
        flash(_("This proposed date is no longer open."), "warning")
        return redirect(url_for("hearing_staff.reminders"))
    if not can_act_for_subdistricts(current_user, item.subdistrict_codes):
        abort(403)
    form = AcceptSlotForm()
    if request.method == "GET":
        start, end = to_local(item.starts_at), to_local(item.ends_at)
        form.day.data, form.starts.data, form.ends.data = start.date(), start.time(), end.time()
        form.venue.data = item.venue
    if form.validate_on_submit():
        try:
            warnings = drafts.accept_slot(
                item,
                venue=form.venue.data,
                starts_at=datetime.combine(form.day.data, form.starts.data, tzinfo=LOCAL_ZONE),
                ends_at=datetime.combine(form.day.data, form.ends.data, tzinfo=LOCAL_ZONE),
                user=current_user,
                now=utcnow(),
            )
        except operations.HearingRejected as rejected:
            form.form_errors.extend(
                problem_message(problem, item.proposal.cycle) for problem in rejected.problems
            )
        else:
            flash(_("Thank you: the date is accepted. The planners will publish it."), "success")
            for warning in warnings:
                flash(problem_message(warning, item.proposal.cycle), "warning")
            return redirect(url_for("hearing_staff.reminders"))
    status = 400 if form.errors else 200
    return render_template("hearings/staff/slot.html", form=form, slot=item), status


@roles_required(ROLE_PLANNER)
def settings():
    current = province_settings(current_user.province_code)
    form = SettingsForm(obj=current)
    if form.validate_on_submit():
        operations.save_province_settings(
            current_user.province_code,
            min_notice_days=form.min_notice_days.data,
            reminder_days=form.reminder_days.data,
            user=current_user,
        )
        flash(_("The province's hearing settings are saved."), "success")
        return redirect(url_for("hearing_staff.settings"))
    status = 400 if form.errors else 200
    return render_template("hearings/staff/settings.html", form=form), status


def subdistrict_choices(user) -> list[Subdistrict]:
    if user.role == ROLE_OFFICIAL:
        return user.subdistricts
    if user.role == ROLE_PLANNER:
        return subdistricts_in_province(user.province_code)
    return []


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
    return render_template(
        "hearings/schedule.html",
        form=form,
        cycles=cycles,
        district=district,
        districts=districts_to_pick(current_user),
    ), status


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
    form.subdistricts.choices = [
        SelectChoice(s.code, f"{s.name} ({s.district.name})")
        for s in subdistrict_choices(user)
        if district is None or s.district_code == district
    ]
    chosen = next((c for c in cycles if c.id == form.cycle_id.data), cycles[0] if cycles else None)
    form.set_issue_choices(chosen.plan.issues if chosen else [])
    return chosen


def details_from(form, cycle, day) -> operations.HearingDetails:
    starts_at = datetime.combine(day, form.starts.data, tzinfo=LOCAL_ZONE)
    return operations.HearingDetails(
        cycle=cycle,
        title=form.title.data,
        subdistrict_codes=form.subdistricts.data,
        starts_at=starts_at,
        ends_at=datetime.combine(day, form.ends.data, tzinfo=LOCAL_ZONE),
        venue=form.venue.data,
        capacity=form.capacity.data,
        online_url=form.online_url.data,
        issue_ids=form.issues.data or [],
        description=form.description.data,
        agenda=form.agenda_entries(starts_at),
        title_en=form.title_en.data,
        venue_en=form.venue_en.data,
    )
