"""URL rules of the main area: the home page, a strategy cycle's public page, the favicon, the
privacy notice, the staff's start page."""

from flask import Blueprint

from consult.main import views

main_blueprint = Blueprint("main", __name__)

main_blueprint.add_url_rule("/", view_func=views.index)
main_blueprint.add_url_rule("/cycles/<int:cycle_id>", view_func=views.cycle)
main_blueprint.add_url_rule("/favicon.ico", view_func=views.favicon)
main_blueprint.add_url_rule("/privacy", view_func=views.privacy)
main_blueprint.add_url_rule("/staff", view_func=views.staff_home)
