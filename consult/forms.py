"""The base of every form (WTForms' own messages go through our catalogs: WTForms has no Thai),
and the fields and checks that forms of several areas share."""

from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.validators import StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

# WTForms' built-in messages for the field types we use, listed so that extraction puts them in
# our catalogs; the Meta below then translates them like any other string.
WTFORMS_MESSAGES = (
    _l("Not a valid date value."),
    _l("Not a valid time value."),
    _l("Not a valid integer value."),
    _l("This field is required."),
    _l("Invalid input."),
)

TOO_LONG = _l("Too long: at most %(max)d characters.")


def optional(form, field):
    """Like WTForms' Optional, but judged on the field's data, so that a form filled from JSON
    (no raw form data) still runs the checks that follow for the values it does have."""
    if not (field.data or "").strip():
        field.errors[:] = []
        raise StopValidation()


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return get_translations()


class CheckboxListField(SelectMultipleField):
    """A choice of several, shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
