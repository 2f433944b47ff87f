"""The planners' pages: dashboard and coverage here; input review, exports and the committee
report in the modules imported at the end, all on one blueprint."""
from datetime import datetime

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import select

from consult.auth.models import ROLE_ADMIN, ROLE_PLANNER
from consult.auth.permissions import can_review_province, roles_required
from consult.extensions import db
from consult.geography.queries import districts_of, subdistricts_of
from consult.hearings.models import Hearing
from consult.i18n import LOCAL_ZONE
from consult.inputs.models import SECTORS
from consult.review.dashboard import build_dashboard, group_label
from consult.review.charts import heat_level
from consult.review.filters import ReviewFilter, parse_review_filter
from consult.review.queries import CROSS_DIMENSIONS, DIMENSIONS, coverage
from consult.strategy.models import PHASE_HEARINGS, StrategyCycle
from consult.strategy.queries import cycles_of
from consult.timeutil import utcnow

review_blueprint = Blueprint("review", __name__, url_prefix="/review")
HEARING_CHOICES_LIMIT = 300
LATE_MINUTES_LISTED = 20  # the oldest; the subdistrict table flags the rest


def reviewable_cycle(cycle_id: int) -> StrategyCycle:
    """The cycle, if it exists (404) and is in the planner's province (403)."""
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    if not can_review_province(current_user, cycle.province_code):
        abort(403)
    return cycle


def filters_of(cycle: StrategyCycle) -> tuple[ReviewFilter, dict[str, str]]:
    return parse_review_filter(request.args, cycle)


def local_today():
    return datetime.now(LOCAL_ZONE).date()


def filter_choices(cycle: StrategyCycle, filters: ReviewFilter) -> dict:
    """What the filter form offers: the cycle's phases, districts, the chosen district's
    subdistricts and hearings (a province has hundreds: too many for one list on a phone), sectors."""
    hearings = []
    if filters.district:
        hearings = list(db.session.scalars(
            select(Hearing).where(Hearing.cycle_id == cycle.id, Hearing.district_code == filters.district)
            .order_by(Hearing.starts_at, Hearing.id).limit(HEARING_CHOICES_LIMIT)))
    return {
        "phases": cycle.phases,
        "districts": districts_of(cycle.province_code),
        "subdistricts": subdistricts_of(filters.district) if filters.district else [],
        "hearings": hearings,
        "sectors": SECTORS,
    }


def _default_cycle(cycles: list[StrategyCycle]) -> StrategyCycle | None:
    today = local_today()
    running = [cycle for cycle in cycles
               if (phase := cycle.phase(PHASE_HEARINGS)) and phase.starts_on <= today <= phase.ends_on]
    return (running or cycles or [None])[-1]


@review_blueprint.route("/")
@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def dashboard():
    cycles = cycles_of(None if current_user.role == ROLE_ADMIN else current_user.province_code)
    cycle_id = request.args.get("cycle", type=int)
    cycle = reviewable_cycle(cycle_id) if cycle_id else _default_cycle(cycles)
    if cycle is None:
        return render_template("review/dashboard.html", cycles=cycles, cycle=None)
    filters, errors = filters_of(cycle)
    cross = request.args.get("cross")
    cross = cross if cross in CROSS_DIMENSIONS else CROSS_DIMENSIONS[0]
    today = local_today()
    data = build_dashboard(cycle, filters, cross, today)
    return render_template(
        "review/dashboard.html", cycles=cycles, cycle=cycle, filters=filters, errors=errors, data=data,
        cross=cross, cross_dimensions=CROSS_DIMENSIONS, dimensions=DIMENSIONS, group_label=group_label,
        issues={issue.code: issue for issue in cycle.plan.issues}, today=today, now=utcnow(),
        **filter_choices(cycle, filters),
    ), 400 if errors else 200


@review_blueprint.route("/cycles/<int:cycle_id>/coverage")
@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def coverage_page(cycle_id: int):
    cycle = reviewable_cycle(cycle_id)
    filters, errors = filters_of(cycle)
    result = coverage(cycle, filters, now=utcnow(),
                      minutes_due_days=current_app.config["MINUTES_DUE_DAYS"])
    return render_template("review/coverage.html", cycle=cycle, filters=filters, errors=errors,
                           coverage=result, late_listed=LATE_MINUTES_LISTED, **filter_choices(cycle, filters)), \
        400 if errors else 200


def filter_args(filters: ReviewFilter, cycle: StrategyCycle, **extra) -> dict:
    """URL arguments for a link that keeps the current filters."""
    return {**filters.args(), "cycle": cycle.id, **extra}


@review_blueprint.app_context_processor
def review_helpers():
    return {"filter_args": filter_args}


def sector_label(key: str) -> str:
    return str(SECTORS.get(key, key))


review_blueprint.add_app_template_filter(heat_level, "heat")
review_blueprint.add_app_template_filter(sector_label, "sector_label")


from consult.review import export_views, input_views  # noqa: E402,F401  (routes on this blueprint)
