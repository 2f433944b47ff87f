"""URL rules of the strategy area. The public pages of a strategy cycle and of a published revision."""

from flask import Blueprint

from consult.strategy import views

strategy_blueprint = Blueprint("strategy", __name__)

strategy_blueprint.add_url_rule("/cycles/<int:cycle_id>", view_func=views.cycle)
strategy_blueprint.add_url_rule("/revisions/<int:revision_id>", view_func=views.revision)
