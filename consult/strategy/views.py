from datetime import datetime

from flask import Blueprint, abort, render_template

from consult.extensions import db
from consult.i18n import LOCAL_ZONE
from consult.strategy.calendar.queries import hearing_counts, timeline
from consult.review.public import public_quotes
from consult.strategy.diff import word_diff
from consult.strategy.models import Revision, StrategyCycle

strategy_blueprint = Blueprint("strategy", __name__)


@strategy_blueprint.route("/cycles/<int:cycle_id>")
def cycle(cycle_id: int):
    item = db.session.get(StrategyCycle, cycle_id) or abort(404)
    today = datetime.now(LOCAL_ZONE).date()
    return render_template("strategy/cycle.html", cycle=item, today=today,
                           current=item.current_phase(today), timeline=timeline(item, today),
                           hearing_counts=hearing_counts(item))


@strategy_blueprint.route("/revisions/<int:revision_id>")
def revision(revision_id: int):
    """A published revision: before and after with the changes marked, why, and what it cites
    (texts only where the province publishes moderated input)."""
    item = db.session.get(Revision, revision_id)
    if item is None or item.published_at is None:
        abort(404)
    return render_template("strategy/revision.html", revision=item,
                           changes=word_diff(item.text_before, item.text_after),
                           quotes=public_quotes(item.inputs, item.plan.province_code))
