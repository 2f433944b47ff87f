from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from consult.calendar.operations import PHASE_ORDER, PhaseDates
from consult.forms import TOO_LONG, Form
from consult.i18n import current_language
from consult.strategy.models import PHASE_HEARINGS, PHASE_NAMES


def phase_name(key: str) -> str:
    name_th, name_en = PHASE_NAMES[key]
    return name_en if current_language() == "en" else name_th


def _phase_fields() -> dict:
    fields = {}
    for key in PHASE_ORDER:
        required = key == PHASE_HEARINGS
        validators = (
            [InputRequired(message=_l("The hearing phase needs its dates."))] if required else [Optional()]
        )
        fields[f"{key}_starts"] = DateField(_l("From"), validators=validators)
        fields[f"{key}_ends"] = DateField(_l("To"), validators=validators)
    return fields


class CycleFields(Form):
    plan_id = SelectField(
        _l("Strategic plan"),
        coerce=int,
        validators=[InputRequired(message=_l("Please choose a strategic plan."))],
    )
    title = StringField(
        _l("Name of the cycle"),
        validators=[
            DataRequired(message=_l("Please give the cycle a title, e.g. the review for fiscal year 2570.")),
            Length(max=300, message=TOO_LONG),
        ],
    )
    title_en = StringField(
        _l("Name of the cycle in English (optional)"),
        validators=[Optional(), Length(max=300, message=TOO_LONG)],
    )
    confirm_moves = BooleanField(_l("Yes, move the phases; the officials are told which hearings to move."))

    def phase_rows(self):
        """(key, label, start field, end field) in the usual order, for the template."""
        return [(key, phase_name(key), self[f"{key}_starts"], self[f"{key}_ends"]) for key in PHASE_ORDER]

    def phases(self) -> list[PhaseDates]:
        return [
            PhaseDates(key, self[f"{key}_starts"].data, self[f"{key}_ends"].data)
            for key in PHASE_ORDER
            if self[f"{key}_starts"].data and self[f"{key}_ends"].data
        ]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for key in PHASE_ORDER:
            starts, ends = self[f"{key}_starts"], self[f"{key}_ends"]
            if bool(starts.data) != bool(ends.data) and not (starts.errors or ends.errors):
                (ends if starts.data else starts).errors.append(
                    str(_l("Please give both dates of the phase, or neither."))
                )
                valid = False
        return valid


CycleForm = type("CycleForm", (CycleFields,), _phase_fields())
