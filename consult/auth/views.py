"""Sign-in, the staff's own profile, password links, and the administrators' staff pages."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from consult.auth import operations, queries
from consult.auth.audit import record
from consult.auth.forms import (
    LoginForm,
    NewPasswordFields,
    PasswordChangeForm,
    ProfileForm,
    StaffAccountForm,
    audit_filter_from_args,
)
from consult.auth.models import ROLE_ADMIN, ROLE_LABELS, ROLE_OFFICIAL, ROLE_PLANNER, User
from consult.auth.permissions import can_manage_account, roles_required
from consult.extensions import db
from consult.i18n import format_datetime
from consult.timeutil import utcnow
from consult.web import safe_next_url


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
            form.form_errors.append(
                _(
                    "Too many failed attempts. This account is locked until %(time)s.",
                    time=format_datetime(outcome.locked_until),
                )
            )
        else:
            form.form_errors.append(_("Wrong username or password."))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


@login_required
def logout():
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.index"))


@login_required
def profile():
    form = ProfileForm(obj=current_user)
    password_form = PasswordChangeForm(username=current_user.username, formdata=None)
    if form.validate_on_submit():
        operations.update_own_profile(
            current_user._get_current_object(),
            display_name=form.display_name.data.strip(),
            email=(form.email.data or "").strip(),
        )
        flash(_("Your profile is saved."), "info")
        return redirect(url_for("auth.profile"))
    return _profile_page(form, password_form)


@login_required
def change_password():
    form = PasswordChangeForm(username=current_user.username)
    if form.validate_on_submit():
        try:
            operations.change_own_password(
                current_user._get_current_object(), form.current_password.data, form.new_password.data
            )
        except operations.AccountRefused as refusal:
            form.current_password.errors.append(str(refusal))
        else:
            login_user(current_user._get_current_object())  # this session carries the new version
            flash(_("Your password is changed. Other sessions have been signed out."), "info")
            return redirect(url_for("auth.profile"))
    return _profile_page(ProfileForm(obj=current_user, formdata=None), form)


def password_link(token: str):
    """A link from a password email: valid once, for a few days, until the password changes."""
    user = operations.user_for_password_link(token)
    if user is None:
        return _no_cache(make_response(render_template("auth/password_link.html", form=None), 410))
    form = NewPasswordFields(username=user.username)
    if form.validate_on_submit():
        operations.reset_password(user, form.new_password.data, actor=user)
        logout_user()
        flash(_("Your password is set. Please sign in with it."), "info")
        return redirect(url_for("auth.login"))
    return _no_cache(
        make_response(
            render_template(
                "auth/password_link.html", form=form, user=user, min_length=operations.PASSWORD_MIN_LENGTH
            ),
            400 if form.errors else 200,
        )
    )


@roles_required(ROLE_ADMIN, ROLE_PLANNER)
def staff_list():
    """Administrators see every account; a planner the officials of their province."""
    text = request.args.get("q", "").strip()[:100]
    role = request.args.get("role", "")
    page = request.args.get("page", 1, type=int)
    if current_user.role == ROLE_ADMIN:
        roles, province = ROLE_LABELS, None
    else:
        roles, province = {ROLE_OFFICIAL: ROLE_LABELS[ROLE_OFFICIAL]}, current_user.province_code
    role = role if role in roles else ROLE_OFFICIAL if province else ""
    return render_template(
        "auth/staff_list.html",
        listing=queries.staff_page(text, role, page, province),
        text=text,
        role=role,
        roles=roles,
    )


def _account_change(form, change):
    """Run an account operation for ``form``: its result, or None with the refusal shown on the
    form; an account beyond the actor's reach is a 403."""
    try:
        return change()
    except operations.AccountRefused as refusal:
        db.session.rollback()
        form.form_errors.append(str(refusal))
    except operations.AccountForbidden:
        db.session.rollback()
        abort(403)
    return None


@roles_required(ROLE_ADMIN, ROLE_PLANNER)
def new_staff():
    actor = current_user._get_current_object()
    form = StaffAccountForm(actor=actor)
    form.fill_area_choices()
    if request.method == "POST" and not form.show.data and form.validate_on_submit():
        created = _account_change(
            form,
            lambda: operations.create_staff(
                actor=actor,
                username=form.username.data.strip(),
                display_name=form.display_name.data.strip(),
                email=(form.email.data or "").strip(),
                role=form.role.data,
                **form.area,
            ),
        )
        if created:
            return _created_page(*created)
    return render_template(
        "auth/staff_form.html", form=form, user=None
    ), 400 if form.errors and not form.show.data else 200


@roles_required(ROLE_ADMIN, ROLE_PLANNER)
def edit_staff(user_id: int):
    actor, user = _managed_account(user_id)
    form = StaffAccountForm(
        actor=actor,
        editing=user,
        data={
            "display_name": user.display_name,
            "email": user.email,
            "role": user.role,
            "province": user.province_code or "",
            "district": user.subdistricts[0].district_code if user.subdistricts else "",
            "subdistricts": sorted(user.subdistrict_codes),
        },
    )
    form.fill_area_choices()
    if request.method == "POST" and not form.show.data and form.validate_on_submit():
        if _account_change(
            form,
            lambda: operations.update_staff(
                user,
                actor=actor,
                display_name=form.display_name.data.strip(),
                email=(form.email.data or "").strip(),
                role=form.role.data,
                **form.area,
            ),
        ):
            flash(_("The account of %(name)s is saved.", name=user.display_name), "info")
            return redirect(url_for("auth.staff_list"))
    return render_template(
        "auth/staff_form.html", form=form, user=user
    ), 400 if form.errors and not form.show.data else 200


@roles_required(ROLE_ADMIN, ROLE_PLANNER)
def set_staff_active(user_id: int):
    actor, user = _managed_account(user_id)
    active = request.form.get("active") == "1"
    try:
        operations.set_active(user, active, actor=actor)
    except operations.AccountRefused as refusal:
        flash(str(refusal), "warning")
    else:
        flash(
            _("%(name)s can sign in again.", name=user.display_name)
            if active
            else _("%(name)s is deactivated and signed out.", name=user.display_name),
            "info",
        )
    return redirect(url_for("auth.edit_staff", user_id=user.id))


@roles_required(ROLE_ADMIN, ROLE_PLANNER)
def reset_staff_password(user_id: int):
    """With an email: a link goes out. Without: a temporary password, shown here once."""
    actor, user = _managed_account(user_id)
    if user.email:
        operations.send_password_link(user, actor=actor)
        flash(_("A link to set a new password was sent to %(email)s.", email=user.email), "info")
        return redirect(url_for("auth.edit_staff", user_id=user.id))
    return _no_cache(
        make_response(
            render_template(
                "auth/temporary_password.html",
                user=user,
                password=operations.set_temporary_password(user, actor=actor),
            )
        )
    )


def _managed_account(user_id: int) -> tuple[User, User]:
    """The signed-in actor and the account they may manage, or 404/403."""
    user = db.session.get(User, user_id) or abort(404)
    actor = current_user._get_current_object()
    if not can_manage_account(actor, user.role, user.province_code):
        abort(403)
    return actor, user


def _profile_page(form, password_form):
    status = 400 if form.errors or password_form.errors else 200
    return render_template(
        "auth/profile.html", form=form, password_form=password_form, min_length=operations.PASSWORD_MIN_LENGTH
    ), status


def _created_page(user: User, temporary: str | None):
    return _no_cache(
        make_response(
            render_template(
                "auth/temporary_password.html",
                user=user,
                password=temporary,
                created=True,
                link_expires=utcnow() + operations.PASSWORD_LINK_LIFETIME,
            ),
            201,
        )
    )


def _no_cache(response):
    """Pages with a password or a password link are never kept by a browser or a proxy."""
    response.headers["Cache-Control"] = "no-store"
    return response


@roles_required(ROLE_ADMIN)
def audit_log():
    """Who did what, when: the audit log, filtered and a page at a time (administrators only)."""
    choices = queries.audit_choices()
    filters, errors = audit_filter_from_args(request.args, choices)
    result = queries.audit_page(filters, request.args.get("page", 1, type=int) or 1)
    return render_template(
        "auth/audit_log.html", result=result, filters=filters, errors=errors, **choices
    ), 400 if errors else 200
