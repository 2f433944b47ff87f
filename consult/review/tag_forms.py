from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectChoice, SelectField
from wtforms.validators import InputRequired

from consult.forms import Form

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
