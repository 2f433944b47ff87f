"""URL rules of the api area. The JSON API, version 1."""

from flask import Blueprint

from consult.api import views

api_blueprint = Blueprint("api", __name__, url_prefix="/api/v1")

api_blueprint.add_url_rule("/openapi.json", view_func=views.openapi)
api_blueprint.add_url_rule("/provinces", view_func=views.provinces)
api_blueprint.add_url_rule("/provinces/<code>/districts", view_func=views.province_districts)
api_blueprint.add_url_rule("/districts/<code>/subdistricts", view_func=views.district_subdistricts)
api_blueprint.add_url_rule("/cycles", view_func=views.cycles)
api_blueprint.add_url_rule("/cycles/<int:cycle_id>/summary", view_func=views.summary)
api_blueprint.add_url_rule("/plans/<int:plan_id>/issues", view_func=views.plan_issues)
api_blueprint.add_url_rule("/hearings", view_func=views.hearings)
api_blueprint.add_url_rule("/hearings/<int:hearing_id>", view_func=views.hearing)
api_blueprint.add_url_rule("/hearings/<int:hearing_id>/inputs", view_func=views.submit, methods=["POST"])
api_blueprint.add_url_rule("/inputs/<receipt>", view_func=views.receipt)
