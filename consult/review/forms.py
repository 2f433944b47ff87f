from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectChoice, SelectField, TextAreaField
from wtforms.validators import Length, ValidationError

from consult.forms import TOO_LONG, Form
from consult.inputs.models import STATUS_LABELS, STATUS_NOT_TAKEN_UP
from consult.review.operations import REASON_MAX_CHARS, SETTABLE_STATUSES


class InputStatusForm(Form):
    """What the citizen will read about their input: a status and, when not taken up, why."""

    status = SelectField(
        _l("New status"), choices=[SelectChoice(key, STATUS_LABELS[key]) for key in SETTABLE_STATUSES]
    )
    reason = TextAreaField(
        _l("Reason (shown to the citizen)"), validators=[Length(max=REASON_MAX_CHARS, message=TOO_LONG)]
    )

    def validate_reason(self, field):
        if self.status.data == STATUS_NOT_TAKEN_UP and not (field.data or "").strip():
            raise ValidationError(_l("Say why the input was not taken up: the citizen will read it."))


class EmblemForm(Form):
    """The province's emblem; the file's content is checked by review.emblems."""

    image = FileField(
        _l("Emblem image (PNG or JPEG, at most 1 MB)"),
        validators=[
            FileRequired(message=_l("Please choose an image file.")),
            FileAllowed(["png", "jpg", "jpeg"], message=_l("Please send a PNG or JPEG image.")),
        ],
    )
