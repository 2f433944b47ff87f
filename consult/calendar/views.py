"""Planners' pages for the strategy calendar: cycles and their phases."""

from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms import SelectChoice

from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import can_review_province, roles_required
from consult.calendar import operations
from consult.calendar.forms import CycleForm, phase_name
from consult.extensions import db
from consult.strategy.models import StrategicPlan, StrategyCycle
from consult.strategy.queries import cycles_of, plans_of
from consult.timeutil import utcnow

PLANNERS = (ROLE_PLANNER, ROLE_ADMIN)


def problem_text(problem: operations.CalendarProblem) -> str:
    if problem.code == operations.PHASE_INVERTED:
        return _("%(phase)s ends before it starts.", phase=phase_name(problem.key))
    if problem.code == operations.PHASES_OVERLAP:
        return _(
            "%(phase)s must start after %(other)s has ended.",
            phase=phase_name(problem.key),
            other=phase_name(problem.other),
        )
    return _("A strategy calendar needs a hearing phase.")


def _plans() -> list[StrategicPlan]:
    return plans_of(None if current_user.role == ROLE_ADMIN else current_user.province_code)


@roles_required(*PLANNERS)
def cycles():
    province = None if current_user.role == ROLE_ADMIN else current_user.province_code
    return render_template("strategy/calendar/cycles.html", cycles=cycles_of(province))


@roles_required(*PLANNERS)
def new():
    form = CycleForm()
    plans = _plans()
    form.plan_id.choices = [SelectChoice(plan.id, plan.title) for plan in plans]
    if form.validate_on_submit():
        plan = next((plan for plan in plans if plan.id == form.plan_id.data), None) or abort(400)
        try:
            cycle = operations.create_cycle(
                plan, form.title.data, form.phases(), user=current_user, title_en=form.title_en.data
            )
        except PermissionError:
            abort(403)
        except operations.CalendarRejected as rejected:
            form.form_errors.extend(problem_text(problem) for problem in rejected.problems)
        else:
            flash(_("The strategy calendar is created."), "success")
            return redirect(url_for("main.cycle", cycle_id=cycle.id))
    status = 400 if form.errors else 200
    return render_template("strategy/calendar/edit.html", form=form, cycle=None, left_outside=[]), status


@roles_required(*PLANNERS)
def edit(cycle_id: int):
    """Moving phases shows first which hearings would fall outside the hearing phase; the planner
    confirms, and the officials concerned are told."""
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    if not can_review_province(current_user, cycle.province_code):
        abort(403)
    form = CycleForm(obj=None if request.method == "POST" else _values(cycle))
    form.plan_id.choices = [SelectChoice(cycle.plan.id, cycle.plan.title)]
    left_outside = []
    if form.validate_on_submit():
        phases = form.phases()
        problems = operations.calendar_problems(phases)
        left_outside = [] if problems else operations.hearings_left_outside(cycle, phases)
        if problems:
            form.form_errors.extend(problem_text(problem) for problem in problems)
        elif left_outside and not form.confirm_moves.data:
            form.form_errors.append(
                ngettext(
                    "%(count)s hearing would fall outside the hearing phase. Tick the box "
                    "to confirm; its official will be asked to move it.",
                    "%(count)s hearings would fall outside the hearing phase. Tick the box "
                    "to confirm; their officials will be asked to move them.",
                    len(left_outside),
                    count=len(left_outside),
                )
            )
        else:
            flagged = operations.update_cycle(
                cycle, form.title.data, phases, user=current_user, now=utcnow(), title_en=form.title_en.data
            )
            flash(_("The strategy calendar is saved."), "success")
            if flagged:
                flash(
                    ngettext(
                        "%(count)s hearing is outside the hearing phase; its official has been told.",
                        "%(count)s hearings are outside the hearing phase; their officials have been told.",
                        len(flagged),
                        count=len(flagged),
                    ),
                    "warning",
                )
            return redirect(url_for("main.cycle", cycle_id=cycle.id))
    status = 400 if form.errors else 200
    return render_template(
        "strategy/calendar/edit.html", form=form, cycle=cycle, left_outside=left_outside
    ), status


def _values(cycle: StrategyCycle) -> SimpleNamespace:
    values = {"plan_id": cycle.plan_id, "title": cycle.title, "title_en": cycle.title_en}
    for phase in cycle.phases:
        values[f"{phase.key}_starts"], values[f"{phase.key}_ends"] = phase.starts_on, phase.ends_on
    return SimpleNamespace(**values)
