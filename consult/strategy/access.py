"""The cycle a request names, loaded for the person asking: missing is 404, outside their
province 403. Shared by every planner page that works on one cycle."""

from flask import abort
from flask_login import current_user

from consult.auth.permissions import can_review_province
from consult.extensions import db
from consult.strategy.models import StrategyCycle


def reviewable_cycle(cycle_id: int) -> StrategyCycle:
    """The cycle, if it exists (404) and is in the planner's province (403)."""
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    if not can_review_province(current_user, cycle.province_code):
        abort(403)
    return cycle
