from flask import abort, current_app, render_template

from consult.calendar.queries import hearing_counts, timeline
from consult.extensions import db
from consult.i18n import local_today
from consult.review.charts import coverage_map
from consult.review.coverage import coverage
from consult.review.public import public_quotes
from consult.strategy.diff import word_diff
from consult.strategy.models import Revision, StrategyCycle
from consult.timeutil import utcnow


def cycle(cycle_id: int):
    item = db.session.get(StrategyCycle, cycle_id) or abort(404)
    today = local_today()
    return render_template(
        "strategy/cycle.html",
        cycle=item,
        today=today,
        current=item.current_phase(today),
        timeline=timeline(item, today),
        hearing_counts=hearing_counts(item),
        place_map=coverage_map(
            coverage(item, now=utcnow(), minutes_due_days=current_app.config["MINUTES_DUE_DAYS"]),
            item.province_code,
        ),
    )


def revision(revision_id: int):
    """A published revision: before and after with the changes marked, why, and what it cites
    (texts only where the province publishes moderated input)."""
    item = db.session.get(Revision, revision_id)
    if item is None or item.published_at is None:
        abort(404)
    return render_template(
        "strategy/revision.html",
        revision=item,
        changes=word_diff(item.text_before, item.text_after),
        quotes=public_quotes(item.inputs, item.plan.province_code),
    )
