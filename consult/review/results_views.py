"""Public pages closing the loop: per cycle and issue, what was heard and what changed; what people
said (counts, and moderated texts where the province publishes them)."""

from flask import abort, render_template, request

from consult.extensions import db
from consult.hearings.models import Hearing
from consult.i18n import local_today
from consult.inputs.models import STATUS_LABELS
from consult.inputs.moderation import publishes_texts
from consult.inputs.queries import published_input, published_inputs
from consult.participants import SECTORS
from consult.review.queries import cycle_summary
from consult.review.results import cycle_results
from consult.strategy.diff import word_diff
from consult.strategy.models import StrategyCycle
from consult.web import is_database_id


def cycle_results_page(cycle_id: int):
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    summary, issues = cycle_results(cycle)
    return render_template(
        "review/results.html",
        cycle=cycle,
        summary=summary,
        issues=issues,
        statuses=STATUS_LABELS,
        sectors=SECTORS,
    )


def issue_results_page(cycle_id: int, code: str):
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    summary, issues = cycle_results(cycle, quotes=8)
    result = next((item for item in issues if item.issue.code == code), None) or abort(404)
    changes = {
        revision.id: word_diff(revision.text_before, revision.text_after) for revision in result.revisions
    }
    return render_template(
        "review/results_issue.html",
        cycle=cycle,
        summary=summary,
        result=result,
        changes=changes,
        statuses=STATUS_LABELS,
        sectors=SECTORS,
    )


def voices(cycle_id: int):
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    issue_code = request.args.get("issue", "")[:20] or None
    hearing_id = request.args.get("hearing", type=int)
    hearing = db.session.get(Hearing, hearing_id) if is_database_id(hearing_id) else None
    if hearing is not None and hearing.cycle_id != cycle.id:
        hearing = None
    publishing = publishes_texts(cycle.province_code)
    page = (
        published_inputs(
            cycle.id,
            number=request.args.get("page", 1, type=int) or 1,
            hearing_id=hearing.id if hearing else None,
            issue_code=issue_code,
        )
        if publishing
        else None
    )
    return render_template(
        "review/voices.html",
        cycle=cycle,
        summary=cycle_summary(cycle),
        page=page,
        publishing=publishing,
        issue_code=issue_code,
        hearing=hearing,
        sectors=SECTORS,
        accepting=cycle.hearings_run_on(local_today()),
    )


def voice(cycle_id: int, input_id: int):
    cycle = db.session.get(StrategyCycle, cycle_id) or abort(404)
    item = published_input(cycle.id, input_id) or abort(404)
    return render_template("review/voice.html", cycle=cycle, item=item, sectors=SECTORS)
