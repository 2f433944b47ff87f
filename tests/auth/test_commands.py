"""The staff commands: create-user with an email, reset-password, deactivate-user, activate-user."""

from sqlalchemy import select

from consult.auth.models import User
from consult.extensions import db


def run(app, *args, **kwargs):
    return app.test_cli_runner().invoke(args=["consult", *args], **kwargs)


def user_named(username: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def test_create_user_takes_an_email(app, app_context):
    result = run(
        app,
        "create-user",
        "somsri",
        "--role",
        "official",
        "--subdistrict",
        "400101",
        "--email",
        "a@b.th",
        "--password",
        "a-long-password",
    )
    assert result.exit_code == 0, result.output
    user = user_named("somsri")
    assert (
        user.email == "a@b.th"
        and user.subdistrict_codes == {"400101"}
        and user.check_password("a-long-password")
    )


def test_create_user_errors_stay_in_english(app, app_context):
    result = run(app, "create-user", "nobody", "--role", "planner", "--password", "a-long-password")
    assert result.exit_code != 0 and "A planner needs an existing province" in result.output


def test_reset_password_prompts_checks_and_ends_sessions(app, app_context, world):
    version = world["users"]["official"].session_version
    short = run(app, "reset-password", "official", "--password", "short")
    assert short.exit_code != 0 and "Too short" in short.output
    result = run(app, "reset-password", "official", input="a-new-long-password\na-new-long-password\n")
    assert result.exit_code == 0, result.output
    user = user_named("official")
    assert user.check_password("a-new-long-password") and user.session_version > version
    assert run(app, "reset-password", "nobody", "--password", "a-new-long-password").exit_code != 0


def test_deactivate_and_activate_user(app, app_context, world):
    assert run(app, "deactivate-user", "planner").exit_code == 0
    assert not user_named("planner").active
    assert run(app, "activate-user", "planner").exit_code == 0
    assert user_named("planner").active
