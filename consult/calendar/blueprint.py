"""URL rules of the calendar area. Planners create cycles and move their phases."""

from flask import Blueprint

from consult.calendar import views

calendar_blueprint = Blueprint("calendar", __name__, url_prefix="/staff/cycles")

calendar_blueprint.add_url_rule("", view_func=views.cycles)
calendar_blueprint.add_url_rule("/new", view_func=views.new, methods=["GET", "POST"])
calendar_blueprint.add_url_rule("/<int:cycle_id>/edit", view_func=views.edit, methods=["GET", "POST"])
