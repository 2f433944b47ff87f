from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from consult.forms import TOO_LONG, Form
from consult.revisions.operations import TEXT_MAX_CHARS, TITLE_MAX_CHARS


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
