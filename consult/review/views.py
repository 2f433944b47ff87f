"""The planners' dashboard and coverage pages (input review in input_views, exports and the
committee report in export_views)."""

from flask import current_app, render_template, request
from flask_login import current_user

from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import roles_required
from consult.i18n import local_today
from consult.review.charts import coverage_map
from consult.review.coverage import coverage
from consult.review.dashboard import build_dashboard, group_label
from consult.review.filters import filter_choices, filters_of
from consult.review.notices import planners_without_email, warning_recipients
from consult.review.queries import CROSS_DIMENSIONS, DIMENSIONS
from consult.strategy.access import reviewable_cycle
from consult.strategy.models import StrategyCycle
from consult.strategy.queries import cycles_of
from consult.timeutil import utcnow
from consult.web import id_arg

LATE_MINUTES_LISTED = 20  # the oldest; the subdistrict table flags the rest


def _default_cycle(cycles: list[StrategyCycle]) -> StrategyCycle | None:
    today = local_today()
    running = [cycle for cycle in cycles if cycle.hearings_run_on(today)]
    return (running or cycles or [None])[-1]


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def dashboard():
    cycles = cycles_of(None if current_user.role == ROLE_ADMIN else current_user.province_code)
    cycle_id = id_arg("cycle")
    cycle = reviewable_cycle(cycle_id) if cycle_id else _default_cycle(cycles)
    if cycle is None:
        return render_template("review/dashboard.html", cycles=cycles, cycle=None)
    filters, errors = filters_of(cycle)
    cross = request.args.get("cross")
    cross = cross if cross in CROSS_DIMENSIONS else CROSS_DIMENSIONS[0]
    today = local_today()
    data = build_dashboard(cycle, filters, cross, today)
    return render_template(
        "review/dashboard.html",
        cycles=cycles,
        cycle=cycle,
        filters=filters,
        errors=errors,
        data=data,
        cross=cross,
        cross_dimensions=CROSS_DIMENSIONS,
        dimensions=DIMENSIONS,
        group_label=group_label,
        issues={issue.code: issue for issue in cycle.plan.issues},
        today=today,
        now=utcnow(),
        **filter_choices(cycle, filters),
    ), 400 if errors else 200


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def coverage_page(cycle_id: int):
    cycle = reviewable_cycle(cycle_id)
    filters, errors = filters_of(cycle)
    result = coverage(cycle, filters, now=utcnow(), minutes_due_days=current_app.config["MINUTES_DUE_DAYS"])
    return render_template(
        "review/coverage.html",
        cycle=cycle,
        filters=filters,
        errors=errors,
        coverage=result,
        place_map=coverage_map(result, cycle.province_code),
        late_listed=LATE_MINUTES_LISTED,
        recipients=warning_recipients(cycle.province_code),
        unreached=planners_without_email(cycle.province_code),
        **filter_choices(cycle, filters),
    ), 400 if errors else 200
