"""The auth area's URL rules, and the session loader that makes a signed-in user out of a cookie."""

from flask import Blueprint, current_app

from consult.auth import queries, views
from consult.extensions import limiter, login_manager

auth_blueprint = Blueprint("auth", __name__)
login_manager.login_view = "auth.login"
login_manager.login_message = None
login_manager.user_loader(queries.load_session_user)

login = limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])(views.login)
auth_blueprint.add_url_rule("/login", view_func=login, methods=["GET", "POST"])
auth_blueprint.add_url_rule("/logout", view_func=views.logout, methods=["POST"])
auth_blueprint.add_url_rule("/staff/profile", view_func=views.profile, methods=["GET", "POST"])
auth_blueprint.add_url_rule("/staff/profile/password", view_func=views.change_password, methods=["POST"])
# Rate-limited like sign-in: the token is unguessable, but the page should not invite trying.
password_link = limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])(
    views.password_link
)
auth_blueprint.add_url_rule("/password/<token>", view_func=password_link, methods=["GET", "POST"])
auth_blueprint.add_url_rule("/staff/accounts", view_func=views.staff_list)
auth_blueprint.add_url_rule("/staff/accounts/new", view_func=views.new_staff, methods=["GET", "POST"])
auth_blueprint.add_url_rule(
    "/staff/accounts/<int:user_id>", view_func=views.edit_staff, methods=["GET", "POST"]
)
auth_blueprint.add_url_rule(
    "/staff/accounts/<int:user_id>/active", view_func=views.set_staff_active, methods=["POST"]
)
auth_blueprint.add_url_rule(
    "/staff/accounts/<int:user_id>/password", view_func=views.reset_staff_password, methods=["POST"]
)
auth_blueprint.add_url_rule("/staff/audit", view_func=views.audit_log)
