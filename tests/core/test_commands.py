import re
from pathlib import Path

import click
from sqlalchemy import func, select

from consult import create_app
from consult.auth.models import User
from consult.extensions import db
from consult.hearings.models import Hearing
from consult.inputs.models import CitizenInput
from consult.strategy.models import PHASE_HEARINGS, StrategyCycle


def counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (User, Hearing, CitizenInput, StrategyCycle)
    )


def test_demo_loads_khon_kaen_and_is_idempotent(app, app_context):
    runner = app.test_cli_runner(env={"CONSULT_DEMO_PASSWORD": ""})
    app.config["DEMO_PASSWORD"] = "demo-password-1"
    first = runner.invoke(args=["consult", "demo"])
    assert first.exit_code == 0, first.output
    assert "official" in first.output and "planner" in first.output and "admin" in first.output
    loaded = counts()
    assert loaded[0] == 4 and loaded[1] >= 3 and loaded[2] >= 10 and loaded[3] == 1  # two planners
    cycle = db.session.scalar(select(StrategyCycle))
    assert cycle.province_code == "40" and cycle.phase(PHASE_HEARINGS) is not None
    official = db.session.scalar(select(User).where(User.username == "official"))
    assert official.subdistrict_codes == {"400101"} and official.check_password("demo-password-1")
    again = runner.invoke(args=["consult", "demo"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert counts() == loaded


def test_demo_generates_passwords_when_none_is_configured(app, app_context):
    app.config["DEMO_PASSWORD"] = None
    result = app.test_cli_runner().invoke(args=["consult", "demo"])
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if "user planner" in line)
    password = line.split()[-1]
    planner = db.session.scalar(select(User).where(User.username == "planner"))
    assert len(password) >= 10 and planner.check_password(password)


def test_create_user_command(app, app_context):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "consult",
            "create-user",
            "somchai",
            "--role",
            "official",
            "--subdistrict",
            "400101",
            "--password",
            "a-long-password",
        ]
    )
    assert result.exit_code == 0, result.output
    bad = runner.invoke(
        args=[
            "consult",
            "create-user",
            "nobody",
            "--role",
            "official",
            "--subdistrict",
            "999999",
            "--password",
            "a-long-password",
        ]
    )
    assert bad.exit_code != 0 and "subdistrict" in bad.output


def test_load_geography_command_reports_nothing_new(app, app_context):
    result = app.test_cli_runner().invoke(args=["consult", "load-geography"])
    assert result.exit_code == 0 and "0 provinces" in result.output


README = Path(__file__).resolve().parents[2] / "README.md"


def registered_commands(group: click.Group, prefix: str = "consult") -> list[str]:
    """Every command under the `consult` group as typed after `flask --app wsgi`, groups walked."""
    names = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        names.extend(registered_commands(command, path) if isinstance(command, click.Group) else [path])
    return names


def readme_commands_table() -> list[str]:
    """The code spans that start each row of the README's table of commands."""
    section = README.read_text(encoding="utf-8").split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    return [
        span.removeprefix("flask --app wsgi ")
        for span in re.findall(r"^\| `([^`]+)`", section, flags=re.MULTILINE)
    ]


def test_readme_lists_every_consult_command(tmp_path):
    application = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/commands.sqlite3"})
    commands = registered_commands(application.cli.get_command(None, "consult"))
    listed = readme_commands_table()
    assert {"consult backup", "consult restore", "consult pdpa erase"} <= set(commands)
    missing = [
        command
        for command in commands
        if not any(row == command or row.startswith(command + " ") for row in listed)
    ]
    assert missing == []


def test_readme_links_the_contract_kept_in_the_repository():
    contract = README.parent / "docs" / "contract.md"
    assert "](docs/contract.md)" in README.read_text(encoding="utf-8")
    text = contract.read_text(encoding="utf-8")
    assert text.startswith("# consult: the public interface it promises")
    assert "GET /api/v1/hearings/<id>" in text and "/hearings.ics" in text
