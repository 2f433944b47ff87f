"""The input form, used by the HTML page (with CSRF), the JSON API and sheet imports (data, no
CSRF), and the forms of the staff screens around input."""

import re
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    StopValidation,
    ValidationError,
)

from consult.forms import TOO_LONG, CheckboxListField, Form, optional
from consult.inputs.cards import MAX_CARDS_PER_BATCH
from consult.inputs.cleaning import clean_field
from consult.inputs.models import CHANNELS, HIDE_REASONS
from consult.inputs.operations import NewInput
from consult.inputs.receipts import normalize_receipt
from consult.participants import AGE_BANDS, GENDERS, SECTORS

SUBMISSION_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")
CHANNELS_AT_HEARING = ("hearing_paper", "hearing_verbal")

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 \-]{7,15}$")


def _choices(options: dict, blank: bool) -> list:
    items = [SelectChoice(key, label) for key, label in options.items()]
    return [SelectChoice("", _l("— not stated —"))] + items if blank else items


def input_text(form, field):
    """Checks data rather than raw form data, so that the JSON API gets the same rules."""
    limit = current_app.config["INPUT_MAX_CHARS"]
    if not (field.data or "").strip():
        raise StopValidation(_l("Please write your input."))
    if len(field.data.strip()) > limit:
        raise StopValidation(_l("Please keep your input under %(limit)s characters.", limit=limit))
    if not any(ch.isalpha() for ch in field.data):
        raise StopValidation(_l("Please write your input in words."))


def own_submission_key(value):
    """The form's own hidden key; anything else (tampered, too long) is dropped, not stored."""
    return value if isinstance(value, str) and SUBMISSION_KEY_PATTERN.match(value) else None


def left_empty(form, field):
    """A field hidden from people: only programs that fill in every field type into it."""
    if (field.data or "").strip():
        raise StopValidation(
            _l(
                "This form looks automatically filled in. Please leave the field "
                "“Leave this field empty” empty and send it again."
            )
        )


def one_of(options: dict, message):
    def check(form, field):
        if field.data and field.data not in options:
            raise StopValidation(message)

    return check


def phone_number(form, field):
    if field.data and not PHONE_PATTERN.match(field.data.strip()):
        raise ValidationError(_l("Please give a phone number such as 081 234 5678."))


class InputForm(Form):
    text = TextAreaField(_l("Your input"), validators=[input_text], filters=[clean_field])
    issues = CheckboxListField(
        _l("Strategic issues it concerns (optional)"), choices=[], validate_choice=False
    )
    sector = SelectField(
        _l("You speak for"),
        choices=_choices(SECTORS, blank=False),
        default="citizen",
        validate_choice=False,
        validators=[
            DataRequired(message=_l("Please choose a sector.")),
            one_of(SECTORS, _l("Please choose a sector.")),
        ],
    )
    age_band = SelectField(
        _l("Age"),
        choices=_choices(AGE_BANDS, blank=True),
        validate_choice=False,
        validators=[one_of(AGE_BANDS, _l("Please choose an age band from the list."))],
    )
    gender = SelectField(
        _l("Gender"),
        choices=_choices(GENDERS, blank=True),
        validate_choice=False,
        validators=[one_of(GENDERS, _l("Please choose from the list."))],
    )
    village = StringField(
        _l("Village (หมู่บ้าน)"), filters=[clean_field], validators=[optional, Length(max=200, message=TOO_LONG)]
    )
    contact_name = StringField(
        _l("Name"), filters=[clean_field], validators=[optional, Length(max=200, message=TOO_LONG)]
    )
    contact_email = StringField(
        _l("Email"),
        filters=[clean_field],
        validators=[
            optional,
            Length(max=254, message=TOO_LONG),
            Email(message=_l("Please give a valid email address.")),
        ],
    )
    contact_phone = StringField(
        _l("Phone"),
        filters=[clean_field],
        validators=[optional, Length(max=40, message=TOO_LONG), phone_number],
    )
    consent = BooleanField(
        _l(
            "I agree that consult keeps my contact details to tell me what "
            "became of my input, as the privacy notice explains."
        )
    )
    submission_key = HiddenField(filters=[own_submission_key])
    website = StringField(_l("Leave this field empty"), validators=[left_empty])

    def set_issue_choices(self, issues) -> None:
        self.issues.choices = [SelectChoice(issue.code, f"{issue.code} {issue.title}") for issue in issues]

    @property
    def gives_contact(self) -> bool:
        fields = (self.contact_name, self.contact_email, self.contact_phone)
        return any((field.data or "").strip() for field in fields)

    def validate_consent(self, field):
        if self.gives_contact and not field.data:
            raise ValidationError(
                _l(
                    "Contact details can only be kept with your consent. "
                    "Tick the box or leave the contact fields empty."
                )
            )

    def validate_issues(self, field):
        known = {choice.value for choice in self.issues.choices}
        unknown = [code for code in field.data or [] if code not in known]
        if unknown:
            raise ValidationError(_l("Unknown strategic issue: %(codes)s", codes=", ".join(unknown)))


class TranscriptionForm(InputForm):
    """One paper card or spoken comment typed in by an official at or after the hearing."""

    website = None  # staff are signed in: no honeypot
    text = TextAreaField(_l("The input, as written or said."), validators=[input_text], filters=[clean_field])
    card_code = StringField(
        _l("Card code (if written on a printed card)"),
        filters=[clean_field],
        validators=[optional, Length(max=20, message=TOO_LONG)],
    )
    channel = SelectField(
        _l("How it was given"),
        choices=[SelectChoice(key, CHANNELS[key]) for key in CHANNELS_AT_HEARING],
        default="hearing_paper",
        validate_choice=False,
        validators=[
            one_of({key: CHANNELS[key] for key in CHANNELS_AT_HEARING}, _l("Please choose from the list."))
        ],
    )

    def validate_card_code(self, field):
        if field.data and normalize_receipt(field.data) is None:
            raise ValidationError(_l("A card code has 8 letters and digits, such as ABCD-2345."))


class ImportForm(Form):
    sheet = FileField(
        _l("Sheet (CSV or Excel .xlsx)"),
        validators=[
            FileRequired(message=_l("Please choose a file.")),
            FileAllowed(
                ["csv", "xlsx", "txt"], message=_l("Please send a CSV file or an Excel workbook (.xlsx).")
            ),
        ],
    )
    default_sector = SelectField(
        _l("Sector for rows that do not give one"),
        choices=_choices(SECTORS, blank=False),
        default="citizen",
        validate_choice=False,
        validators=[one_of(SECTORS, _l("Please choose a sector."))],
    )
    channel = SelectField(
        _l("How the inputs were given"),
        choices=[SelectChoice(key, CHANNELS[key]) for key in CHANNELS_AT_HEARING],
        default="hearing_paper",
        validate_choice=False,
        validators=[
            one_of({key: CHANNELS[key] for key in CHANNELS_AT_HEARING}, _l("Please choose from the list."))
        ],
    )


class ConfirmForm(Form):
    """A button with CSRF protection and nothing else."""


class ReserveCardsForm(Form):
    count = IntegerField(
        _l("Number of comment cards"),
        default=40,
        validators=[
            InputRequired(message=_l("Please give a number.")),
            NumberRange(
                min=1, max=MAX_CARDS_PER_BATCH, message=_l("Between %(min)s and %(max)s cards at a time.")
            ),
        ],
    )


class ModerationForm(Form):
    action = HiddenField(validators=[DataRequired()])
    reason = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", _l("— choose a reason —"))]
        + [SelectChoice(key, label) for key, label in HIDE_REASONS.items()],
        validate_choice=False,
    )

    def validate_action(self, field):
        if field.data not in ("approve", "hide", "restore"):
            raise ValidationError(_l("Invalid input."))

    def validate_reason(self, field):
        if self.action.data == "hide" and field.data not in HIDE_REASONS:
            raise ValidationError(_l("Please choose why the input is hidden."))


class PublicationForm(Form):
    publish_texts = BooleanField(
        _l("Publish the texts of approved inputs (phone and ID-card numbers are always masked)")
    )


class ContactExportForm(Form):
    """Contact details leave consult only for a purpose the people agreed to, stated each time."""

    purpose = SelectField(
        _l("Purpose"),
        validate_choice=False,
        validators=[DataRequired(message=_l("Please choose the purpose."))],
    )
    reason = TextAreaField(
        _l("What exactly you will do with them"),
        filters=[clean_field],
        validators=[
            InputRequired(message=_l("Please say what you will do with the contact details.")),
            Length(min=10, max=500, message=_l("Between %(min)d and %(max)d characters, please.")),
        ],
    )

    def __init__(self, *args, purposes: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.purpose.choices = [SelectChoice("", _l("— choose a purpose —"))] + [
            SelectChoice(key, label) for key, label in purposes.items()
        ]

    def validate_purpose(self, field):
        if field.data not in {choice.value for choice in field.choices if choice.value}:
            raise ValidationError(_l("Please choose the purpose."))


class EraseContactForm(Form):
    confirm = BooleanField(
        _l("Yes, erase the contact details I gave with this input"),
        validators=[DataRequired(message=_l("Please tick the box to confirm."))],
    )


def new_input_from_form(
    form: InputForm, channel: str, *, submission_key: str | None = None, submitted_at: datetime | None = None
) -> NewInput:
    """What a validated input form says, for `submit_input`; the API and an imported sheet's rows
    bring their own idempotency key, and a sheet row its own date."""
    return NewInput(
        text=form.text.data,
        sector=form.sector.data,
        channel=channel,
        issue_codes=form.issues.data or [],
        age_band=form.age_band.data,
        gender=form.gender.data,
        village=form.village.data,
        contact_name=form.contact_name.data,
        contact_email=form.contact_email.data,
        contact_phone=form.contact_phone.data,
        consent=form.consent.data,
        submission_key=submission_key or form.submission_key.data,
        submitted_at=submitted_at,
    )
