"""Public pages closing the loop: per cycle and issue, what was heard and what changed."""

from flask import abort, render_template

from consult.extensions import db
from consult.inputs.models import STATUS_LABELS
from consult.participants import SECTORS
from consult.review.results import cycle_results
from consult.strategy.diff import word_diff
from consult.strategy.models import StrategyCycle


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
