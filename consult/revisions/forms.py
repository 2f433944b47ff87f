from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileSize
from wtforms import BooleanField, DateField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from consult.forms import TOO_LONG, Form
from consult.revisions.models import APPROVER_LABELS
from consult.revisions.operations import (
    MEETING_MAX_CHARS,
    MINUTES_MAX_BYTES,
    TEXT_MAX_CHARS,
    TITLE_MAX_CHARS,
)


class RevisionForm(Form):
    issue = SelectField(_l("Strategic issue"), validators=[DataRequired()])
    title = StringField(
        _l("What changes, in a few words"),
        validators=[DataRequired(), Length(max=TITLE_MAX_CHARS, message=TOO_LONG)],
    )
    text_after = TextAreaField(
        _l("New wording of the issue"),
        validators=[DataRequired(), Length(max=TEXT_MAX_CHARS, message=TOO_LONG)],
    )
    rationale = TextAreaField(
        _l("Why: what the public said and how this answers it"),
        validators=[DataRequired(), Length(max=TEXT_MAX_CHARS, message=TOO_LONG)],
    )

    def set_issue_choices(self, issues) -> None:
        self.issue.choices = [SelectChoice(issue.code, f"{issue.code} {issue.title}") for issue in issues]


class ReturnForm(Form):
    note = TextAreaField(
        _l("What should change before it is published"),
        validators=[DataRequired(), Length(max=TEXT_MAX_CHARS, message=TOO_LONG)],
    )


class CommitteeDecisionForm(Form):
    """The provincial committee's (กบจ.) decision that approves a revision."""

    meeting = StringField(
        _l("Committee meeting number"),
        validators=[DataRequired(), Length(max=MEETING_MAX_CHARS, message=TOO_LONG)],
    )
    decided_on = DateField(_l("Date of the meeting"), validators=[InputRequired()])
    resolution = TextAreaField(
        _l("The committee's resolution"),
        validators=[DataRequired(), Length(max=TEXT_MAX_CHARS, message=TOO_LONG)],
    )
    minutes = FileField(
        _l("Scanned minutes (optional)"),
        validators=[
            Optional(),
            FileAllowed(
                ["pdf", "jpg", "jpeg", "png"], message=_l("The minutes must be a PDF, JPEG or PNG file.")
            ),
            FileSize(
                max_size=MINUTES_MAX_BYTES,
                message=_l(
                    "The minutes file may be at most %(size)s MB.", size=MINUTES_MAX_BYTES // (1024 * 1024)
                ),
            ),
        ],
    )


class RevisionSettingsForm(Form):
    approver_role = SelectField(
        _l("Who approves a revision (never its author)"),
        choices=[SelectChoice(key, label) for key, label in APPROVER_LABELS.items()],
    )
    minutes_required = BooleanField(_l("The committee's scanned minutes must be attached"))
