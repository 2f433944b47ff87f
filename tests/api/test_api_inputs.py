from datetime import timedelta

from sqlalchemy import select

from consult.extensions import db
from consult.inputs.models import CitizenInput, InputContact


def post(client, hearing_id, body, **headers):
    return client.post(f"/api/v1/hearings/{hearing_id}/inputs", json=body, headers=headers)


def test_input_to_an_open_hearing_gets_a_receipt(client, world):
    response = post(
        client,
        world["hearing"].id,
        {"text": "อยากให้ขุดลอกคลองก่อนหน้าฝน น้ำท่วมนาทุกปี", "sector": "citizen", "issues": ["SI02"]},
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "received" and len(body["receipt"]) == 8
    stored = db.session.scalar(select(CitizenInput).where(CitizenInput.receipt == body["receipt"]))
    assert stored.hearing_id == world["hearing"].id and stored.subdistrict_code == "400101"
    assert stored.channel == "api"
    status = client.get(f"/api/v1/inputs/{body['receipt']}").get_json()
    assert status["receipt"] == body["receipt"] and status["hearing"] == world["hearing"].id
    assert status["issues"] == [] and status["revisions"] == []  # nothing confirmed by a planner yet
    assert status["submitted_at"].endswith("+07:00")


def test_invalid_input_gets_field_messages_in_thai_by_default(client, world):
    response = post(client, world["hearing"].id, {"text": "", "sector": "farmer"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_input"
    assert error["fields"]["text"] == "กรุณาเขียนความคิดเห็นของท่าน"
    assert "sector" in error["fields"]


def test_invalid_input_in_english_on_request(client, world):
    response = post(
        client, world["hearing"].id, {"sector": "citizen"}, **{"Accept-Language": "en-US,en;q=0.8"}
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"]["text"] == "Please write your input."


def test_contact_without_consent_is_refused(client, world):
    body = {"text": "ถนนเป็นหลุมเป็นบ่อ", "sector": "citizen", "contact": {"phone": "0812345678"}}
    response = post(client, world["hearing"].id, body)
    assert response.status_code == 400
    assert "consent" in response.get_json()["error"]["fields"]
    body["consent"] = True
    created = post(client, world["hearing"].id, body)
    assert created.status_code == 201
    contact = db.session.scalar(select(InputContact))
    assert contact.phone == "0812345678"
    # The receipt answer carries no personal data.
    status = client.get(f"/api/v1/inputs/{created.get_json()['receipt']}").get_data(as_text=True)
    assert "0812345678" not in status


def test_unknown_fields_wrong_types_and_unknown_issues_are_refused(client, world):
    hearing_id = world["hearing"].id
    assert post(client, hearing_id, {"text": "x", "sector": "citizen", "mood": "happy"}).status_code == 400
    assert post(client, hearing_id, {"text": 5, "sector": "citizen"}).status_code == 400
    response = post(client, hearing_id, {"text": "ข้อความ", "sector": "citizen", "issues": ["SI99"]})
    assert response.status_code == 400 and "issues" in response.get_json()["error"]["fields"]
    assert post(client, hearing_id, ["not", "an", "object"]).status_code == 400


def test_not_json_and_malformed_json(client, world):
    url = f"/api/v1/hearings/{world['hearing'].id}/inputs"
    assert (
        client.post(url, data="text=hello", content_type="application/x-www-form-urlencoded").status_code
        == 415
    )
    response = client.post(url, data=b'{"text": "\xff', content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_json"


def test_body_too_large_answers_413(client, world, app):
    response = post(
        client, world["hearing"].id, {"text": "ก" * (app.config["MAX_CONTENT_LENGTH"]), "sector": "citizen"}
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "request_entity_too_large"


def test_closed_hearing_answers_409(client, world):
    hearing = world["hearing"]
    hearing.input_closes_at = hearing.input_opens_at + timedelta(seconds=1)
    db.session.commit()
    response = post(client, hearing.id, {"text": "ความคิดเห็น", "sector": "citizen"})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "input_closed"


def test_unknown_hearing_answers_404(client, world):
    assert post(client, 999999, {"text": "x", "sector": "citizen"}).status_code == 404
    assert client.get("/api/v1/inputs/AAAA2222").status_code == 404


def test_idempotency_key_stores_once(client, world):
    body = {"text": "ขอไฟส่องสว่างทางเข้าหมู่บ้าน", "sector": "citizen"}
    first = post(client, world["hearing"].id, body, **{"Idempotency-Key": "abc-123"})
    again = post(client, world["hearing"].id, body, **{"Idempotency-Key": "abc-123"})
    assert first.status_code == 201 and again.status_code == 200
    assert first.get_json()["receipt"] == again.get_json()["receipt"]
    assert db.session.scalar(select(db.func.count()).select_from(CitizenInput)) == 1


def test_summary_counts(client, world):
    hearing_id = world["hearing"].id
    post(client, hearing_id, {"text": "น้ำท่วมนาข้าวทุกปี", "sector": "citizen", "issues": ["SI02"]})
    post(client, hearing_id, {"text": "อยากให้มีตลาดสินค้าชุมชน", "sector": "private", "issues": ["SI04"]})
    summary = client.get(f"/api/v1/cycles/{world['cycle'].id}/summary").get_json()
    assert summary["inputs"] == 2 and summary["hearings"] == 1
    assert summary["by_sector"] == {"citizen": 1, "private": 1}
    assert summary["by_district"] == {"4001": 2}
    assert summary["subdistricts_with_input"] == 1
    assert summary["by_issue"]["SI02"] >= 1 and summary["by_issue"]["SI04"] >= 1
    assert client.get("/api/v1/cycles/999999/summary").status_code == 404
