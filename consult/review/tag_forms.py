from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectChoice, SelectField
from wtforms.validators import InputRequired

from consult.forms import Form
from consult.participants import SECTORS
from consult.review.tags import CONFIDENCE_BANDS, QUEUE_UNCONFIRMED, QUEUE_WAITING, TagQueue

BULK_THRESHOLDS = (0.9, 0.8, 0.7)  # the confidences a planner may confirm suggestions from at once
ACTION_CONFIRM = "confirm"
ACTION_REJECT = "reject"


class TagDecisionForm(Form):
    """One button per decision: the issue rides along hidden, the button names the action."""

    issue = HiddenField(validators=[InputRequired()])
    action = SelectField(
        choices=[SelectChoice(ACTION_CONFIRM, _l("Confirm")), SelectChoice(ACTION_REJECT, _l("Reject"))],
        validators=[InputRequired()],
    )


class AddTagForm(Form):
    issue = SelectField(_l("Add an issue"), coerce=int, validators=[InputRequired()])

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.issue.choices = [SelectChoice(issue.id, f"{issue.code} {issue.title}") for issue in plan.issues]


class BulkConfirmForm(Form):
    threshold = SelectField(
        _l("Confidence at least"),
        coerce=float,
        choices=[SelectChoice(value, f"{value:.0%}") for value in BULK_THRESHOLDS],
        validators=[InputRequired()],
    )


CONFIDENCE_LABELS = {
    "high": _l("80 % or more"),
    "medium": _l("50–79 %"),
    "low": _l("below 50 %"),
}
QUEUE_LABELS = {
    QUEUE_WAITING: _l("With a suggestion to decide on"),
    QUEUE_UNCONFIRMED: _l("Without a confirmed tag (also never suggested)"),
}


def tag_queue_from_args(args, cycle, districts, versions) -> TagQueue:
    """The queue a planner asked for; values that belong nowhere are dropped, the rest apply."""
    issue = args.get("issue", type=int)
    district = args.get("district", "")
    sector = args.get("sector", "")
    view = args.get("view", "")
    confidence = args.get("confidence", "")
    version = args.get("model_version", "")
    return TagQueue(
        view=view if view in QUEUE_LABELS else QUEUE_WAITING,
        issue=issue if issue in {item.id for item in cycle.plan.issues} else None,
        confidence=confidence if confidence in CONFIDENCE_BANDS else None,
        model_version=version if version in versions else None,
        district=district if district in {item.code for item in districts} else None,
        sector=sector if sector in SECTORS else None,
    )


def tag_editing_forms(cycle) -> dict:
    """The forms of templates/tagging/_tags.html, for every page that shows inputs' tags."""
    return {
        "add_form": AddTagForm(cycle.plan, formdata=None),
        "decision_form": TagDecisionForm(formdata=None),
    }
