"""URL rules of the tagging area. Planners confirm the issues inputs are tagged with, and search inputs."""
from flask import Blueprint

from consult.tagging import views

tagging_blueprint = Blueprint("tagging", __name__, url_prefix="/tagging")

tagging_blueprint.add_url_rule("/review", view_func=views.latest_review)
tagging_blueprint.add_url_rule("/search", view_func=views.latest_search)
tagging_blueprint.add_url_rule("/cycles/<int:cycle_id>/review", view_func=views.review)
tagging_blueprint.add_url_rule("/inputs/<int:input_id>/tags", view_func=views.decide, methods=["POST"])
tagging_blueprint.add_url_rule("/cycles/<int:cycle_id>/review/confirm-confident",
                               view_func=views.confirm_confident, methods=["POST"])
tagging_blueprint.add_url_rule("/cycles/<int:cycle_id>/search", view_func=views.search)
