from flask_babel import lazy_gettext as _l
from consult.forms import TOO_LONG, Form
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(Form):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80, message=TOO_LONG)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200, message=TOO_LONG)])
