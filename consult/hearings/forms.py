from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from consult.forms import TOO_LONG, CheckboxListField, Form
from consult.hearings.operations import AgendaEntry
from consult.hearings.recurrence import LAST_WEEK
from consult.participants import GENDERS, SECTORS

AGENDA_ROWS = 6
NO_ISSUE = 0


class AgendaRowForm(Form):
    class Meta:
        csrf = False  # a part of the hearing form, which carries the token

    starts = TimeField(_l("Time"), validators=[Optional()])
    title = StringField(_l("Agenda item"), validators=[Optional(), Length(max=300, message=TOO_LONG)])
    issue = SelectField(_l("Strategic issue"), coerce=int, choices=[], validate_choice=False)


class HearingFields(Form):
    """What every hearing form asks: where, for whom, what is discussed."""

    cycle_id = SelectField(
        _l("Strategy cycle"),
        coerce=int,
        validators=[InputRequired(message=_l("Please choose a strategy cycle."))],
    )
    title = StringField(
        _l("Title"),
        validators=[
            DataRequired(message=_l("Please give the hearing a title.")),
            Length(max=300, message=TOO_LONG),
        ],
    )
    title_en = StringField(
        _l("Title in English (optional)"), validators=[Optional(), Length(max=300, message=TOO_LONG)]
    )
    subdistricts = CheckboxListField(_l("Subdistricts taking part"), choices=[])
    starts = TimeField(_l("Starts at"), validators=[InputRequired(message=_l("Please give a start time."))])
    ends = TimeField(_l("Ends at"), validators=[InputRequired(message=_l("Please give an end time."))])
    venue = StringField(
        _l("Venue"),
        validators=[
            DataRequired(message=_l("Please say where the hearing takes place.")),
            Length(max=300, message=TOO_LONG),
        ],
    )
    venue_en = StringField(
        _l("Venue in English (optional)"), validators=[Optional(), Length(max=300, message=TOO_LONG)]
    )
    capacity = IntegerField(
        _l("Capacity (people)"),
        validators=[
            Optional(),
            NumberRange(min=1, max=100000, message=_l("Capacity must be a positive number.")),
        ],
    )
    online_url = StringField(
        _l("Online meeting link (optional)"),
        validators=[
            Optional(),
            Length(max=500, message=TOO_LONG),
            URL(require_tld=False, message=_l("Please give a full web address.")),
        ],
    )
    issues = CheckboxListField(_l("Strategic issues on the agenda"), choices=[], coerce=int)
    agenda = FieldList(
        FormField(AgendaRowForm), label=_l("Timed agenda"), min_entries=AGENDA_ROWS, max_entries=AGENDA_ROWS
    )
    description = TextAreaField(_l("Details"), validators=[Optional(), Length(max=5000, message=TOO_LONG)])

    def set_issue_choices(self, issues) -> None:
        self.issues.choices = [SelectChoice(issue.id, f"{issue.code} {issue.title}") for issue in issues]
        for row in self.agenda:
            row.form.issue.choices = [SelectChoice(NO_ISSUE, "—")] + [
                SelectChoice(issue.id, issue.code) for issue in issues
            ]

    def validate_subdistricts(self, field):
        if not field.data:
            raise ValidationError(_l("Please choose at least one subdistrict."))
        if len({code[:4] for code in field.data}) > 1:
            raise ValidationError(_l("A group hearing gathers subdistricts of one district only."))

    def validate_ends(self, field):
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("The hearing must end after it starts."))

    def validate_agenda(self, field):
        for row in field:
            starts, title = row.form.starts.data, (row.form.title.data or "").strip()
            if title and not starts:
                raise ValidationError(_l("Please give a time for each agenda item."))
            if starts and not title:
                raise ValidationError(_l("Please give a title for each agenda item with a time."))
            if (
                starts
                and self.starts.data
                and self.ends.data
                and not self.starts.data <= starts < self.ends.data
            ):
                raise ValidationError(_l("Agenda items must fall within the hearing's time."))

    def agenda_entries(self, hearing_start: datetime):
        """Filled-in agenda rows as (minutes from the start, title, issue id), in time order."""
        entries = []
        for row in self.agenda:
            if row.form.starts.data and (row.form.title.data or "").strip():
                at = datetime.combine(hearing_start.date(), row.form.starts.data, tzinfo=hearing_start.tzinfo)
                entries.append(
                    AgendaEntry(
                        int((at - hearing_start).total_seconds() // 60),
                        row.form.title.data.strip(),
                        row.form.issue.data or None,
                    )
                )
        return sorted(entries, key=lambda entry: entry.offset_minutes)


class HearingForm(HearingFields):
    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Please give a date."))])


class CancelForm(Form):
    reason = TextAreaField(
        _l("Reason for cancelling"),
        validators=[
            DataRequired(
                message=_l("Please give the reason for cancelling; it is shown on the public page.")
            ),
            Length(max=2000, message=TOO_LONG),
        ],
    )


def attendance_field_name(sector: str, gender: str) -> str:
    return f"attendance_{sector}_{gender}"


def _minutes_form_class():
    fields = {
        attendance_field_name(sector, gender): IntegerField(
            f"{sector_label} · {gender_label}",
            default=0,
            validators=[
                InputRequired(message=_l("Please give a number (0 if nobody).")),
                NumberRange(min=0, max=100000, message=_l("Please give a number of people, 0 or more.")),
            ],
        )
        for sector, sector_label in SECTORS.items()
        for gender, gender_label in GENDERS.items()
    }
    fields["minutes"] = TextAreaField(
        _l("Minutes"),
        validators=[
            DataRequired(message=_l("Please write the minutes of the hearing.")),
            Length(max=50000, message=TOO_LONG),
        ],
    )
    return type("MinutesForm", (Form,), fields)


MinutesForm = _minutes_form_class()


def attendance_from(form) -> dict[tuple[str, str], int]:
    return {
        (sector, gender): form[attendance_field_name(sector, gender)].data or 0
        for sector in SECTORS
        for gender in GENDERS
    }


FREQUENCY_CHOICES = [
    SelectChoice("weekly", _l("Every week")),
    SelectChoice("monthly", _l("Every month")),
    SelectChoice("quarterly", _l("Every three months")),
]
WEEKDAY_CHOICES = [
    SelectChoice(0, _l("Monday")),
    SelectChoice(1, _l("Tuesday")),
    SelectChoice(2, _l("Wednesday")),
    SelectChoice(3, _l("Thursday")),
    SelectChoice(4, _l("Friday")),
    SelectChoice(5, _l("Saturday")),
    SelectChoice(6, _l("Sunday")),
]
WEEK_CHOICES = [
    SelectChoice(1, _l("First")),
    SelectChoice(2, _l("Second")),
    SelectChoice(3, _l("Third")),
    SelectChoice(4, _l("Fourth")),
    SelectChoice(LAST_WEEK, _l("Last")),
]


class SeriesForm(HearingFields):
    first_day = DateField(_l("Starting from"), validators=[InputRequired(message=_l("Please give a date."))])
    frequency = SelectField(_l("How often"), choices=FREQUENCY_CHOICES)
    weekday = SelectField(_l("On"), coerce=int, choices=WEEKDAY_CHOICES)
    week_of_month = SelectField(
        _l("Week of the month (monthly and quarterly)"), coerce=int, choices=WEEK_CHOICES
    )
    count = IntegerField(
        _l("Number of hearings (optional; otherwise until the phase ends)"),
        validators=[
            Optional(),
            NumberRange(min=1, max=100, message=_l("Please give a number from 1 to 100.")),
        ],
    )


class RegistrationForm(Form):
    name = StringField(_l("Name (optional)"), validators=[Optional(), Length(max=200, message=TOO_LONG)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40, message=TOO_LONG)])
    email = StringField(
        _l("Email (optional), for a confirmation and a reminder"),
        validators=[
            Optional(),
            Length(max=254, message=TOO_LONG),
            Email(message=_l("Please give a valid email address.")),
        ],
    )
    consent = BooleanField(
        _l(
            "I agree that my contact details are kept to manage my registration, "
            "and deleted after the strategy cycle."
        )
    )

    def validate_consent(self, field):
        if (self.name.data or self.phone.data or self.email.data) and not field.data:
            raise ValidationError(
                _l("Please agree to how we keep your contact details, or leave them empty.")
            )


class ProposalForm(Form):
    cycle_id = SelectField(
        _l("Strategy cycle"),
        coerce=int,
        validators=[InputRequired(message=_l("Please choose a strategy cycle."))],
    )
    district = SelectField(_l("Area"), choices=[])
    per_day_limit = SelectField(
        _l("At most this many hearings a day in one district"),
        coerce=int,
        choices=[SelectChoice(1, "1"), SelectChoice(2, "2")],
        default=2,
    )
    group_size = IntegerField(
        _l("Subdistricts per hearing"),
        default=1,
        validators=[
            InputRequired(message=_l("Please give a number from 1 to 10.")),
            NumberRange(min=1, max=10, message=_l("Please give a number from 1 to 10.")),
        ],
    )
    respond_by = DateField(_l("Officials answer by (optional)"), validators=[Optional()])


class AcceptSlotForm(Form):
    venue = StringField(
        _l("Venue"),
        validators=[
            DataRequired(message=_l("Please say where the hearing takes place.")),
            Length(max=300, message=TOO_LONG),
        ],
    )
    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Please give a date."))])
    starts = TimeField(_l("Starts at"), validators=[InputRequired(message=_l("Please give a start time."))])
    ends = TimeField(_l("Ends at"), validators=[InputRequired(message=_l("Please give an end time."))])

    def validate_ends(self, field):
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("The hearing must end after it starts."))


class SettingsForm(Form):
    min_notice_days = IntegerField(
        _l("Minimum public notice before a hearing (days)"),
        validators=[
            InputRequired(message=_l("Please give a number of days.")),
            NumberRange(min=0, max=90, message=_l("Please give a number from 0 to 90.")),
        ],
    )
    reminder_days = StringField(
        _l("Send reminders this many days before a hearing (e.g. 7, 1)"),
        validators=[DataRequired(message=_l("Please give at least one number of days."))],
    )

    def validate_reminder_days(self, field):
        parts = [part.strip() for part in field.data.split(",") if part.strip()]
        if not parts or not all(part.isdigit() and 1 <= int(part) <= 60 for part in parts) or len(parts) > 5:
            raise ValidationError(_l("Please give up to five numbers from 1 to 60, separated by commas."))
        field.data = ",".join(str(days) for days in sorted({int(part) for part in parts}, reverse=True))


class ConfirmForm(Form):
    """A form that is only a button (and its CSRF token)."""
