"""Finding: `Idempotency-Key` was global. A second caller reusing a key on another hearing with
another text got the first person's receipt (and with it the power to erase their contact
details), and their own input was silently dropped."""

from datetime import timedelta

from sqlalchemy import func, select

from consult.extensions import db
from consult.hearings.models import Hearing
from consult.inputs.models import CitizenInput
from tests.inputs.conftest import input_form_data


def post(client, hearing_id, body, key):
    return client.post(f"/api/v1/hearings/{hearing_id}/inputs", json=body, headers={"Idempotency-Key": key})


def _second_hearing(world) -> Hearing:
    first = world["hearing"]
    hearing = Hearing(
        cycle=first.cycle,
        province_code="40",
        district_code="4001",
        title="เวทีที่สอง",
        starts_at=first.starts_at + timedelta(days=1),
        ends_at=first.ends_at + timedelta(days=1),
        venue="ศาลาประชาคม",
        input_opens_at=first.input_opens_at,
        input_closes_at=first.input_closes_at,
        subdistricts=list(first.subdistricts),
    )
    db.session.add(hearing)
    db.session.commit()
    return hearing


def test_a_key_reused_on_another_hearing_stores_that_callers_own_input(client, world):
    other = _second_hearing(world)
    first = post(client, world["hearing"].id, {"text": "ขอไฟส่องสว่างทางเข้าหมู่บ้าน", "sector": "citizen"}, "k-1")
    second = post(client, other.id, {"text": "ขอให้ซ่อมถนนลูกรัง", "sector": "private"}, "k-1")
    assert first.status_code == 201 and second.status_code == 201
    assert first.get_json()["receipt"] != second.get_json()["receipt"]
    texts = set(db.session.scalars(select(CitizenInput.text)))
    assert texts == {"ขอไฟส่องสว่างทางเข้าหมู่บ้าน", "ขอให้ซ่อมถนนลูกรัง"}


def test_the_same_key_with_another_body_is_refused_with_409(client, world):
    hearing_id = world["hearing"].id
    first = post(client, hearing_id, {"text": "ขอไฟส่องสว่างทางเข้าหมู่บ้าน", "sector": "citizen"}, "k-2")
    again = post(client, hearing_id, {"text": "ขอไฟส่องสว่างทางเข้าหมู่บ้าน", "sector": "citizen"}, "k-2")
    other = post(client, hearing_id, {"text": "ขอให้ซ่อมถนนลูกรัง", "sector": "citizen"}, "k-2")
    assert first.status_code == 201 and again.status_code == 200
    assert again.get_json()["receipt"] == first.get_json()["receipt"]
    assert other.status_code == 409
    error = other.get_json()["error"]
    assert error["code"] == "idempotency_key_reused" and "Idempotency-Key" in error["message"]
    assert first.get_json()["receipt"] not in other.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 1


def test_a_changed_form_sent_again_is_a_new_input_not_the_old_receipt(client, world):
    url = f"/hearings/{world['hearing'].id}/input"
    data = input_form_data(client, url)
    first = client.post(url, data=data)
    assert first.status_code == 303
    changed = client.post(url, data={**data, "text": "ขอให้ซ่อมถนนลูกรังในหมู่บ้าน"})
    page = changed.get_data(as_text=True)
    assert changed.status_code == 400 and "แบบฟอร์มนี้ถูกส่งไปแล้วด้วยข้อความอื่น" in page
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 1
    fresh_key = input_form_data(client, url)["submission_key"]
    assert (
        client.post(url, data={**data, "submission_key": fresh_key, "text": "ขอให้ซ่อมถนนลูกรัง"}).status_code
        == 303
    )
    assert db.session.scalar(select(func.count()).select_from(CitizenInput)) == 2
