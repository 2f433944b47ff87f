from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from consult.auth.models import ROLE_ADMIN, ROLE_LABELS, ROLE_OFFICIAL, ROLE_PLANNER
from consult.auth.operations import PASSWORD_MAX_LENGTH, password_problem
from consult.auth.queries import AuditFilter
from consult.forms import TOO_LONG, Form, optional
from consult.geography.queries import all_provinces, districts_of, subdistricts_by_codes, subdistricts_of


class LoginForm(Form):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80, message=TOO_LONG)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200, message=TOO_LONG)])


class SubdistrictChecklist(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _email_field(label):
    return StringField(
        label,
        validators=[
            optional,
            Length(max=254, message=TOO_LONG),
            Email(message=_l("Please give a valid email address.")),
        ],
    )


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value=value, label=str(label)) for value, label in pairs]


class StaffAccountForm(Form):
    """Role and area of a staff account. The area is picked province → district → subdistricts:
    "Show" re-renders the form with the lists for what is chosen so far, which works on a phone
    without typing codes and without JavaScript."""

    username = StringField(
        _l("Username"),
        validators=[
            InputRequired(message=_l("Please give a username.")),
            Length(max=80, message=TOO_LONG),
            Regexp(
                r"^[A-Za-z0-9._-]+$",
                message=_l("Use only Latin letters, digits, dots, dashes and underscores."),
            ),
        ],
    )
    display_name = StringField(
        _l("Display name"),
        validators=[
            InputRequired(message=_l("Please give the person's name.")),
            Length(max=200, message=TOO_LONG),
        ],
    )
    email = _email_field(_l("Email (for notifications and password links)"))
    role = SelectField(_l("Role"))
    province = SelectField(_l("Province"), validate_choice=False)
    district = SelectField(_l("District"), validate_choice=False)
    subdistricts = SubdistrictChecklist(_l("Subdistricts"))
    show = SubmitField(_l("Show the districts and subdistricts"))
    save = SubmitField(_l("Save"))

    def __init__(self, *args, actor, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if editing is not None:
            del self.username
        roles = (ROLE_OFFICIAL, ROLE_PLANNER, ROLE_ADMIN) if actor.role == ROLE_ADMIN else (ROLE_OFFICIAL,)
        self.role.choices = _choices((role, ROLE_LABELS[role]) for role in roles)

    def fill_area_choices(self) -> None:
        """Lists for the province and district chosen so far; ticked subdistricts stay listed
        even when the district shown changes, so that one official may span districts."""
        provinces = [
            p for p in all_provinces() if self.actor.role == ROLE_ADMIN or p.code == self.actor.province_code
        ]
        self.province.choices = _choices(
            [("", _l("— choose a province —"))] + [(p.code, p.name) for p in provinces]
        )
        province = self.province.data if any(p.code == self.province.data for p in provinces) else ""
        districts = districts_of(province) if province else []
        self.district.choices = _choices(
            [("", _l("— choose a district —"))] + [(d.code, d.name) for d in districts]
        )
        district = self.district.data if any(d.code == self.district.data for d in districts) else ""
        listed = {s.code: s for s in subdistricts_by_codes(self.subdistricts.data or [])}
        listed.update({s.code: s for s in subdistricts_of(district)} if district else {})
        self.subdistricts.choices = _choices(
            (s.code, f"{s.name} ({s.code})") for s in sorted(listed.values(), key=lambda s: s.code)
        )

    def validate_province(self, field):
        if self.role.data == ROLE_PLANNER and not any(
            choice.value == field.data and field.data for choice in field.choices
        ):
            raise ValidationError(_l("Please choose the planner's province."))

    def validate_subdistricts(self, field):
        if self.role.data != ROLE_OFFICIAL:
            return
        if not field.data:
            raise ValidationError(_l("Please choose at least one subdistrict."))
        if len({code[:2] for code in field.data}) > 1:
            raise ValidationError(_l("An official's subdistricts must lie in one province."))
        if self.actor.role != ROLE_ADMIN and any(code[:2] != self.actor.province_code for code in field.data):
            raise ValidationError(_l("You may choose only subdistricts of your province."))

    @property
    def area(self) -> dict:
        role = self.role.data
        return {
            "province_code": self.province.data if role == ROLE_PLANNER else None,
            "subdistrict_codes": self.subdistricts.data if role == ROLE_OFFICIAL else [],
        }


class ProfileForm(Form):
    display_name = StringField(
        _l("Display name"),
        validators=[InputRequired(message=_l("Please give your name.")), Length(max=200, message=TOO_LONG)],
    )
    email = _email_field(_l("Email (for notifications and password links)"))


class NewPasswordFields(Form):
    new_password = PasswordField(
        _l("New password"),
        validators=[
            InputRequired(message=_l("Please give a new password.")),
            Length(max=PASSWORD_MAX_LENGTH, message=TOO_LONG),
        ],
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            InputRequired(message=_l("Please give the new password again.")),
            EqualTo("new_password", message=_l("The two passwords differ.")),
        ],
    )

    def __init__(self, *args, username: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.username = username

    def validate_new_password(self, field):
        problem = password_problem(field.data or "", self.username)
        if problem:
            raise ValidationError(problem)


class PasswordChangeForm(NewPasswordFields):
    current_password = PasswordField(
        _l("Current password"),
        validators=[
            InputRequired(message=_l("Please give your current password.")),
            Length(max=PASSWORD_MAX_LENGTH, message=TOO_LONG),
        ],
    )


def audit_filter_from_args(args, choices: dict) -> tuple[AuditFilter, dict[str, str]]:
    """The audit log's filters from the query string, and a message for each value that does
    not fit (left out, the rest still apply)."""
    errors: dict[str, str] = {}
    dates = {}
    for name in ("since", "until"):
        text = args.get(name, "").strip()
        if text:
            try:
                dates[name] = date.fromisoformat(text)
            except ValueError:
                errors[name] = _("Give the date as YYYY-MM-DD (Common Era), e.g. 2026-11-23.")
    user = args.get("user", type=int)
    action = args.get("action", "")
    object_type = args.get("object_type", "")
    object_id = args.get("object_id", "").strip()[:40]
    if dates.get("since") and dates.get("until") and dates["since"] > dates["until"]:
        errors["until"] = _("The last day comes before the first.")
        dates.pop("until")
    return (
        AuditFilter(
            user_id=user if user in {person.id for person in choices["people"]} else None,
            action=action if action in choices["actions"] else None,
            since=dates.get("since"),
            until=dates.get("until"),
            object_type=object_type if object_type in choices["object_types"] else None,
            object_id=object_id or None,
        ),
        errors,
    )
