"""URL rules of the revisions area. Planners draft, review and publish revisions of the plan; the
published revision's public page and the plan's history."""

from flask import Blueprint

from consult.revisions import views

revisions_blueprint = Blueprint("revisions", __name__)

revisions_blueprint.add_url_rule("/review/cycles/<int:cycle_id>/revisions", view_func=views.index)
revisions_blueprint.add_url_rule(
    "/review/cycles/<int:cycle_id>/revisions/new", view_func=views.new, methods=["GET", "POST"]
)
revisions_blueprint.add_url_rule(
    "/review/cycles/<int:cycle_id>/inputs/cite", view_func=views.cite, methods=["POST"]
)
revisions_blueprint.add_url_rule(
    "/review/revisions/<int:revision_id>", view_func=views.edit, methods=["GET", "POST"]
)
revisions_blueprint.add_url_rule(
    "/review/revisions/<int:revision_id>/uncite", view_func=views.uncite, methods=["POST"]
)
revisions_blueprint.add_url_rule(
    "/review/revisions/<int:revision_id>/submit", view_func=views.submit, methods=["POST"]
)
revisions_blueprint.add_url_rule(
    "/review/revisions/<int:revision_id>/return", view_func=views.send_back, methods=["POST"]
)
revisions_blueprint.add_url_rule(
    "/review/revisions/<int:revision_id>/publish", view_func=views.publish, methods=["POST"]
)
revisions_blueprint.add_url_rule("/revisions/<int:revision_id>", view_func=views.published)
revisions_blueprint.add_url_rule("/revisions/<int:revision_id>/minutes", view_func=views.minutes)
revisions_blueprint.add_url_rule("/review/revision-rules", view_func=views.settings, methods=["GET", "POST"])
revisions_blueprint.add_url_rule("/plans/<int:plan_id>/history", view_func=views.plan_history)
revisions_blueprint.add_url_rule("/plans/<int:plan_id>/issues/<code>/history", view_func=views.issue_versions)
