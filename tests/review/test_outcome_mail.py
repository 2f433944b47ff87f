"""Closing the loop: a contributor who left an email address hears, once, that their input was
not taken up (and why) or hidden (and why); the receipt page says the same and promises nothing
that will not come."""

from sqlalchemy import select

from consult.extensions import db
from consult.inputs.moderation import HIDE, moderate
from consult.notifications.models import OutboxMessage
from consult.review.operations import set_input_status
from tests.conftest import csrf_token, login

REASON = "ข้อเสนอนี้อยู่ในอำนาจของกรมทางหลวง จังหวัดได้ส่งต่อให้หน่วยงานแล้ว"


def _messages():
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_not_taken_up_is_mailed_once_with_its_reason(client, review_world):
    planner = review_world["users"]["planner"]
    mailed, silent = review_world["inputs"][1], review_world["inputs"][2]  # 2 gave no address
    set_input_status([mailed, silent], "not_taken_up", planner, REASON)
    set_input_status([mailed], "considered", planner)
    set_input_status([mailed], "not_taken_up", planner, REASON + " อีกครั้ง")  # changed again: no second mail
    (message,) = _messages()
    assert message.recipient == "somying@example.org"
    assert message.idempotency_key == f"input-not-taken-up:{mailed.id}"
    assert mailed.receipt_display in message.subject and REASON in message.body
    assert f"/receipts/{mailed.receipt}" in message.body

    page = client.get(f"/receipts/{mailed.receipt}?lang=en").get_data(as_text=True)
    assert "Not taken up" in page and REASON in page
    assert "when the province publishes them" not in page  # no promise after "not taken up"
    assert "the planners did not take this input up" in page


def test_the_planners_form_mails_not_taken_up_too(client, review_world):
    item = review_world["inputs"][1]
    login(client, "planner")
    url = f"/review/inputs/{item.id}"
    client.post(url, data={"csrf_token": csrf_token(client, url), "status": "not_taken_up", "reason": REASON})
    assert [message.idempotency_key for message in _messages()] == [f"input-not-taken-up:{item.id}"]


def test_hidden_is_mailed_once_with_a_reason_they_can_read(client, review_world):
    item = review_world["inputs"][1]
    moderate(item, HIDE, review_world["users"]["planner"], "personal_data")
    moderate(item, HIDE, review_world["users"]["planner"], "personal_data")
    (message,) = _messages()
    assert message.idempotency_key == f"input-hidden:{item.id}"
    assert "ข้อมูลส่วนบุคคล" in message.body  # the reason in words, not its key
    assert "personal_data" not in message.body
    page = client.get(f"/receipts/{item.receipt}?lang=en").get_data(as_text=True)
    assert "Hidden by a moderator" in page and "Reason: Personal data" in page
    assert "when the province publishes them" not in page
