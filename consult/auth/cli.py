"""`flask --app wsgi consult create-user | reset-password | remove-two-factor | deactivate-user |
activate-user`."""

import click
from flask_babel import force_locale

from consult.auth.operations import create_user, reset_password, set_active
from consult.auth.queries import find_user
from consult.auth.signin import remove_second_factor
from consult.extensions import db


def _refused(error: ValueError) -> click.ClickException:
    with force_locale("en"):  # the command line speaks English, as every other command does
        return click.ClickException(str(error))


def _existing(username: str):
    user = find_user(username)
    if user is None:
        raise click.ClickException(f"no user {username!r}")
    return user


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["official", "planner", "admin"]), required=True)
@click.option("--province", help="province code (planners)")
@click.option("--subdistrict", "subdistricts", multiple=True, help="subdistrict code (officials)")
@click.option("--name", default="", help="display name")
@click.option("--email", default=None, help="email address, for notifications and password links")
@click.password_option()
def create_user_command(username, role, province, subdistricts, name, email, password):
    """Create a staff account."""
    if find_user(username):
        raise click.ClickException(f"user {username!r} exists already")
    try:
        create_user(
            username,
            password,
            role,
            display_name=name,
            email=email,
            province_code=province,
            subdistrict_codes=subdistricts,
        )
    except ValueError as error:
        raise _refused(error) from error
    db.session.commit()
    click.echo(f"created {role} {username}")


@click.command("reset-password")
@click.argument("username")
@click.password_option(help="the new password (asked for when not given)")
def reset_password_command(username, password):
    """Set a staff account's password (a lost one) and end its sessions; unlocks it too."""
    user = _existing(username)
    try:
        reset_password(user, password, actor=None)
    except ValueError as error:
        raise _refused(error) from error
    click.echo(f"password of {user.username} changed; its sessions are signed out")


@click.command("deactivate-user")
@click.argument("username")
def deactivate_user_command(username):
    """Stop a staff account from signing in, ending its sessions at once."""
    set_active(_existing(username), False, actor=None)
    click.echo(f"{username} deactivated")


@click.command("activate-user")
@click.argument("username")
def activate_user_command(username):
    """Let a deactivated staff account sign in again."""
    set_active(_existing(username), True, actor=None)
    click.echo(f"{username} can sign in again")


@click.command("remove-two-factor")
@click.argument("username")
def remove_two_factor_command(username):
    """Remove a staff account's second factor (a lost phone): it signs in with its password alone."""
    remove_second_factor(_existing(username), actor=None)
    click.echo(f"{username} signs in with the password alone until a new second factor is added")


def register(group) -> None:
    for command in (
        create_user_command,
        reset_password_command,
        remove_two_factor_command,
        deactivate_user_command,
        activate_user_command,
    ):
        group.add_command(command)
