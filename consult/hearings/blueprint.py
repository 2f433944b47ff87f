"""URL rules of the hearings area: the public hearing pages, and the staff's hearing screens."""

from flask import Blueprint

from consult.auth.permissions import can_manage_hearing
from consult.hearings import staff_views, views

hearings_blueprint = Blueprint("hearings", __name__)
hearing_staff_blueprint = Blueprint("hearing_staff", __name__, url_prefix="/staff")

hearings_blueprint.add_url_rule("/hearings", view_func=views.find)
hearings_blueprint.add_url_rule("/hearings/<int:hearing_id>", view_func=views.detail)
hearings_blueprint.add_url_rule(
    "/hearings/<int:hearing_id>/register", view_func=views.register_for, methods=["GET", "POST"]
)
hearings_blueprint.add_url_rule(
    "/registrations/<reference>", view_func=views.registration, methods=["GET", "POST"]
)
# A staff page on the public blueprint: templates and tests know it by its endpoint, hearings.schedule.
hearings_blueprint.add_url_rule(
    "/staff/hearings/new", view_func=staff_views.schedule, methods=["GET", "POST"]
)
hearings_blueprint.add_url_rule("/hearings.ics", view_func=views.calendar_feed)
hearings_blueprint.add_url_rule("/hearings/<int:hearing_id>.ics", view_func=views.hearing_calendar)

hearing_staff_blueprint.add_url_rule("/reminders", view_func=staff_views.reminders)
hearing_staff_blueprint.add_url_rule("/hearings/<int:hearing_id>", view_func=staff_views.manage)
hearing_staff_blueprint.add_url_rule(
    "/hearings/<int:hearing_id>/edit", view_func=staff_views.edit, methods=["GET", "POST"]
)
hearing_staff_blueprint.add_url_rule(
    "/hearings/<int:hearing_id>/cancel", view_func=staff_views.cancel, methods=["GET", "POST"]
)
hearing_staff_blueprint.add_url_rule(
    "/hearings/<int:hearing_id>/minutes", view_func=staff_views.minutes, methods=["GET", "POST"]
)
hearing_staff_blueprint.add_url_rule(
    "/hearings/series/new", view_func=staff_views.new_series, methods=["GET", "POST"]
)
hearing_staff_blueprint.add_url_rule("/proposals", view_func=staff_views.proposals)
hearing_staff_blueprint.add_url_rule(
    "/proposals/new", view_func=staff_views.new_proposal, methods=["GET", "POST"]
)
hearing_staff_blueprint.add_url_rule("/proposals/<int:proposal_id>", view_func=staff_views.proposal)
hearing_staff_blueprint.add_url_rule(
    "/proposals/<int:proposal_id>/publish", view_func=staff_views.publish_proposal, methods=["POST"]
)
hearing_staff_blueprint.add_url_rule(
    "/proposals/<int:proposal_id>/withdraw", view_func=staff_views.withdraw_proposal, methods=["POST"]
)
hearing_staff_blueprint.add_url_rule(
    "/slots/<int:slot_id>", view_func=staff_views.slot, methods=["GET", "POST"]
)
hearing_staff_blueprint.add_url_rule(
    "/province/settings", view_func=staff_views.settings, methods=["GET", "POST"]
)


@hearing_staff_blueprint.app_context_processor
def hearing_permissions():
    return {"can_manage_hearing": can_manage_hearing}
