import psycopg
import pytest
from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy import text as sql
from sqlalchemy.engine import make_url

from consult.backup import backup, restore
from consult.extensions import db
from consult.hearings.models import Hearing
from consult.inputs.models import CitizenInput, InputContact
from consult.inputs.operations import NewInput, submit_input


def snapshot():
    rows = db.session.execute(
        select(CitizenInput.receipt, CitizenInput.text, CitizenInput.sector).order_by(CitizenInput.receipt)
    ).all()
    contacts = db.session.scalar(select(func.count()).select_from(InputContact))
    return [tuple(row) for row in rows], contacts


def test_backup_and_restore_round_trip_loses_nothing(app, world, tmp_path):
    for text in ("น้ำท่วมนาข้าวทุกปี อยากให้ขุดลอกลำห้วย", "ถนนเข้าหมู่บ้านเป็นหลุมเป็นบ่อ 🚜", "ขอบคุณครับ"):
        submit_input(
            NewInput(text=text, sector="citizen", channel="online", contact_phone="0812345678", consent=True),
            cycle=world["cycle"],
            hearing=world["hearing"],
        )
    before = snapshot()
    hearing_id = world["hearing"].id
    runner = app.test_cli_runner()
    target = tmp_path / "consult.backup"
    result = runner.invoke(args=["consult", "backup", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0

    db.session.execute(db.delete(InputContact))
    db.session.execute(db.update(CitizenInput).where(CitizenInput.text.like("ถนน%")).values(text="changed"))
    db.session.commit()
    assert snapshot() != before

    db.session.remove()
    result = runner.invoke(args=["consult", "restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert snapshot() == before
    # the restored database keeps working
    hearing = db.session.get(Hearing, hearing_id)
    submit_input(
        NewInput(text="หลังกู้คืน", sector="private", channel="online"), cycle=hearing.cycle, hearing=hearing
    )
    assert len(snapshot()[0]) == len(before[0]) + 1


def test_restore_of_a_missing_file_is_refused(app, app_context, tmp_path):
    result = app.test_cli_runner().invoke(args=["consult", "restore", str(tmp_path / "nope"), "--yes"])
    assert result.exit_code != 0


def row_counts(database_url: str) -> dict[str, int]:
    """Rows of every table in the database, the migrations' own table and the scheduler's included."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return {
                name: connection.execute(sql(f'SELECT count(*) FROM "{name}"')).scalar()
                for name in inspect(connection).get_table_names()
            }
    finally:
        engine.dispose()


@pytest.fixture
def empty_database(app, tmp_path):
    """A database that has nothing in it yet, on the same server (or in a new SQLite file)."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        yield url.set(database=str(tmp_path / "restored.sqlite3")).render_as_string(hide_password=False)
        return
    name = f"{url.database}_restored"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_an_empty_database_has_every_row_of_every_table(
    app, world, tmp_path, empty_database
):
    for text in ("น้ำท่วมนาข้าวทุกปี", "ถนนเข้าหมู่บ้านเป็นหลุมเป็นบ่อ"):
        submit_input(
            NewInput(text=text, sector="citizen", channel="online", contact_phone="0812345678", consent=True),
            cycle=world["cycle"],
            hearing=world["hearing"],
        )
    db.session.commit()
    source = app.config["SQLALCHEMY_DATABASE_URI"]
    before = row_counts(source)
    assert before["subdistrict"] == 7436 and before["citizen_input"] == 2 and before["alembic_version"] >= 1
    assert row_counts(empty_database) == {}

    restore(empty_database, backup(source, tmp_path / "consult.backup"))
    assert row_counts(empty_database) == before
