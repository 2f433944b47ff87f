"""Sign-in, the staff's own profile, password links, and the administrators' staff pages."""

import time

import segno
from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from consult.auth import operations, queries, signin
from consult.auth.forms import (
    LoginForm,
    NewPasswordFields,
    PasswordChangeForm,
    PasswordConfirmForm,
    ProfileForm,
    SignInCodeForm,
    StaffAccountForm,
    audit_filter_from_args,
)
from consult.auth.models import ROLE_ADMIN, ROLE_LABELS, ROLE_OFFICIAL, ROLE_PLANNER, User
from consult.auth.permissions import can_manage_account, roles_required
from consult.extensions import db
from consult.timeutil import utcnow
from consult.web import safe_next_url

# Session keys: when this session signed in and was last used, a sign-in waiting for its second
# step, and a TOTP key shown for enrolment and not confirmed yet.
SIGNED_IN_AT, SEEN_AT, PENDING_SIGN_IN, PENDING_TOTP = "signed_in_at", "seen_at", "pending_sign_in", "totp"
SECOND_STEP_SECONDS = 300
SEEN_RESOLUTION_SECONDS = 60  # the session cookie is rewritten at most once a minute for this
DEVICE_COOKIE_SECONDS = 365 * 24 * 3600


def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.staff_home"))
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data
        device = signin.trusted_device(request.cookies.get(signin.DEVICE_COOKIE), username)
        outcome = signin.check_password(
            username, form.password.data, address=request.remote_addr, device=device
        )
        if outcome.user and outcome.user.totp_secret:
            session[PENDING_SIGN_IN] = [outcome.user.id, outcome.user.session_version, int(time.time())]
            return redirect(url_for("auth.login_code", next=request.args.get("next")))
        if outcome.user:
            return _signed_in(outcome.user, username, device, second_factor=False)
        form.form_errors.append(_refusal(outcome))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


def login_code():
    """The second step for an account with a second factor: the code from the person's app."""
    if current_user.is_authenticated:
        return redirect(url_for("main.staff_home"))
    user = _pending_sign_in()
    if user is None:
        return redirect(url_for("auth.login"))
    form = SignInCodeForm()
    if form.validate_on_submit():
        device = signin.trusted_device(request.cookies.get(signin.DEVICE_COOKIE), user.username)
        outcome = signin.check_code(user, form.code.data, address=request.remote_addr, device=device)
        if outcome.user:
            session.pop(PENDING_SIGN_IN, None)
            return _signed_in(user, user.username, device, second_factor=True)
        form.code.errors.append(_refusal(outcome, _("The code is wrong or was used already.")))
    return render_template("auth/login_code.html", form=form), 200 if not form.errors else 400


def _refusal(outcome: signin.SignInOutcome, wrong: str | None = None) -> str:
    """The same words whether the account exists or not."""
    if outcome.wait:
        return ngettext(
            "Too many failed attempts. Please wait %(num)d second and try again.",
            "Too many failed attempts. Please wait %(num)d seconds and try again.",
            outcome.wait,
        )
    return wrong or _("Wrong username or password.")


def _pending_sign_in() -> User | None:
    """The account whose password was just given, for a few minutes and while nothing changed."""
    pending = session.get(PENDING_SIGN_IN)
    if not (isinstance(pending, list) and len(pending) == 3 and all(isinstance(n, int) for n in pending)):
        return None
    user_id, version, started = pending
    user = db.session.get(User, user_id)
    fresh = time.time() - started < SECOND_STEP_SECONDS
    if (
        user is None
        or not user.active
        or user.session_version != version
        or not fresh
        or not user.totp_secret
    ):
        session.pop(PENDING_SIGN_IN, None)
        return None
    return user


def _signed_in(user: User, username: str, device: str | None, *, second_factor: bool):
    login_user(user)
    now = int(time.time())
    session[SIGNED_IN_AT] = session[SEEN_AT] = now
    cookie = signin.signed_in(user, username=username, device=device, second_factor=second_factor)
    response = redirect(safe_next_url(url_for("main.staff_home")))
    response.set_cookie(
        signin.DEVICE_COOKIE,
        cookie,
        max_age=DEVICE_COOKIE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["PRODUCTION"],
    )
    return response


def end_expired_session():
    """Before every request of a signed-in staff member: the session ends after a while without
    activity and, however active, some hours after signing in."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    now = int(time.time())
    signed_in, seen = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    idle = current_app.config["STAFF_IDLE_MINUTES"] * 60
    longest = current_app.config["STAFF_SESSION_HOURS"] * 3600
    if (
        not isinstance(signed_in, int)
        or not isinstance(seen, int)
        or now - seen > idle
        or now - signed_in > longest
    ):
        logout_user()
        for key in (SIGNED_IN_AT, SEEN_AT):
            session.pop(key, None)
        flash(_("Your session has ended. Please sign in again."), "info")
        return
    if now - seen >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_AT] = now


@login_required
def logout():
    operations.sign_out_everywhere(current_user._get_current_object())
    logout_user()
    for key in (SIGNED_IN_AT, SEEN_AT):
        session.pop(key, None)
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.index"))


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def two_factor():
    """Enrol a TOTP second factor: scan the QR code (or type the key) into an authenticator app
    and give one code from it. The key waits in the session until a code proves it was taken."""
    user = current_user._get_current_object()
    if user.totp_secret:
        return render_template("auth/two_factor.html", enrolled=True, form=PasswordConfirmForm())
    secret = session.get(PENDING_TOTP)
    if not isinstance(secret, str):
        secret = session[PENDING_TOTP] = signin.new_totp_secret()
    form = SignInCodeForm()
    if form.validate_on_submit():
        if signin.enrol_second_factor(user, secret, form.code.data):
            session.pop(PENDING_TOTP, None)
            login_user(user)  # this session carries the new version; the others end
            flash(_("The second factor is on. Signing in now asks for a code from your app."), "info")
            return redirect(url_for("auth.profile"))
        form.code.errors.append(_("The code is wrong or was used already."))
    uri = signin.totp_uri(user, secret)
    return _no_cache(
        make_response(
            render_template(
                "auth/two_factor.html",
                enrolled=False,
                form=form,
                secret=secret,
                qr=segno.make(uri, error="m").svg_data_uri(scale=5),
            ),
            400 if form.errors else 200,
        )
    )


@roles_required(ROLE_PLANNER, ROLE_ADMIN)
def remove_two_factor():
    user = current_user._get_current_object()
    form = PasswordConfirmForm()
    if form.validate_on_submit() and user.check_password(form.password.data):
        signin.remove_second_factor(user, actor=user)
        flash(_("The second factor is off."), "info")
        return redirect(url_for("auth.profile"))
    if form.is_submitted() and not form.password.errors:
        form.password.errors.append(_("The password is wrong."))
    return render_template("auth/two_factor.html", enrolled=True, form=form), 400


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
