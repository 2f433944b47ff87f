from sqlalchemy import func, select

from consult.auth.models import User
from consult.extensions import db
from consult.hearings.models import Hearing
from consult.inputs.models import CitizenInput
from consult.strategy.models import PHASE_HEARINGS, StrategyCycle


def counts():
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (User, Hearing, CitizenInput, StrategyCycle))


def test_demo_loads_khon_kaen_and_is_idempotent(app, app_context):
    runner = app.test_cli_runner(env={"CONSULT_DEMO_PASSWORD": ""})
    app.config["DEMO_PASSWORD"] = "demo-password-1"
    first = runner.invoke(args=["consult", "demo"])
    assert first.exit_code == 0, first.output
    assert "official" in first.output and "planner" in first.output and "admin" in first.output
    loaded = counts()
    assert loaded[0] == 3 and loaded[1] >= 3 and loaded[2] >= 10 and loaded[3] == 1
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
    result = runner.invoke(args=["consult", "create-user", "somchai", "--role", "official",
                                 "--subdistrict", "400101", "--password", "a-long-password"])
    assert result.exit_code == 0, result.output
    bad = runner.invoke(args=["consult", "create-user", "nobody", "--role", "official",
                              "--subdistrict", "999999", "--password", "a-long-password"])
    assert bad.exit_code != 0 and "subdistrict" in bad.output


def test_load_geography_command_reports_nothing_new(app, app_context):
    result = app.test_cli_runner().invoke(args=["consult", "load-geography"])
    assert result.exit_code == 0 and "0 provinces" in result.output
