from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from consult.auth import operations
from consult.auth.audit import record
from consult.auth.forms import LoginForm
from consult.extensions import db, limiter, login_manager
from consult.i18n import format_datetime
from consult.web import safe_next_url

auth_blueprint = Blueprint("auth", __name__)
login_manager.login_view = "auth.login"
login_manager.login_message = None


@login_manager.user_loader
def load_user(session_id: str):
    return operations.load_session_user(session_id)


@auth_blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.staff_home"))
    form = LoginForm()
    if form.validate_on_submit():
        outcome = operations.authenticate(form.username.data, form.password.data)
        if outcome.user:
            login_user(outcome.user)
            record("login", outcome.user)
            db.session.commit()
            return redirect(safe_next_url(url_for("main.staff_home")))
        if outcome.locked_until:
            form.form_errors.append(_(
                "Too many failed attempts. This account is locked until %(time)s.",
                time=format_datetime(outcome.locked_until),
            ))
        else:
            form.form_errors.append(_("Wrong username or password."))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


@auth_blueprint.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.index"))
