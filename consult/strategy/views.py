from flask import abort, render_template

from consult.calendar.queries import hearing_counts, timeline
from consult.extensions import db
from consult.i18n import local_today
from consult.review.public import public_quotes
from consult.strategy.diff import word_diff
from consult.strategy.models import Revision, StrategyCycle


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
