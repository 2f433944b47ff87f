from sqlalchemy import func, select

from consult.extensions import db
from consult.hearings.models import Hearing
from consult.inputs.models import CitizenInput, InputContact
from consult.inputs.operations import NewInput, submit_input


def snapshot():
    rows = db.session.execute(select(CitizenInput.receipt, CitizenInput.text, CitizenInput.sector)
                              .order_by(CitizenInput.receipt)).all()
    contacts = db.session.scalar(select(func.count()).select_from(InputContact))
    return [tuple(row) for row in rows], contacts


def test_backup_and_restore_round_trip_loses_nothing(app, world, tmp_path):
    for text in ("น้ำท่วมนาข้าวทุกปี อยากให้ขุดลอกลำห้วย", "ถนนเข้าหมู่บ้านเป็นหลุมเป็นบ่อ 🚜", "ขอบคุณครับ"):
        submit_input(NewInput(text=text, sector="citizen", channel="online", contact_phone="0812345678",
                              consent=True), cycle=world["cycle"], hearing=world["hearing"])
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
    submit_input(NewInput(text="หลังกู้คืน", sector="private", channel="online"), cycle=hearing.cycle,
                 hearing=hearing)
    assert len(snapshot()[0]) == len(before[0]) + 1


def test_restore_of_a_missing_file_is_refused(app, app_context, tmp_path):
    result = app.test_cli_runner().invoke(args=["consult", "restore", str(tmp_path / "nope"), "--yes"])
    assert result.exit_code != 0
