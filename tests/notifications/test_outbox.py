import threading
from datetime import timedelta

from sqlalchemy import func, select

from consult.extensions import db
from consult.notifications.models import OutboxMessage
from consult.notifications.operations import queue_email
from consult.notifications.sender import MAX_ATTEMPTS, send_due_messages
from consult.timeutil import utcnow
from tests.notifications.smtp import free_port, smtp_config

THAI_SUBJECT = "แจ้งเตือน: เวทีประชาคมตำบลในเมือง วันที่ 3 ธันวาคม 2569"


def outbox_count() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage))


def test_a_queued_message_waits_in_the_outbox_until_the_caller_commits(app_context):
    message = queue_email("somchai@example.org", THAI_SUBJECT, "สวัสดีครับ", key="test:1")
    assert message.id and message.sent_at is None and message.attempts == 0
    db.session.rollback()
    assert outbox_count() == 0


def test_the_same_key_twice_queues_one_message(app_context):
    first = queue_email("somchai@example.org", THAI_SUBJECT, "ครั้งแรก", key="test:same")
    assert queue_email("somchai@example.org", THAI_SUBJECT, "ครั้งที่สอง", key="test:same") is None
    db.session.commit()
    assert queue_email("somchai@example.org", THAI_SUBJECT, "ครั้งที่สาม", key="test:same") is None
    db.session.commit()
    assert outbox_count() == 1
    assert db.session.get(OutboxMessage, first.id).body == "ครั้งแรก"


def test_a_message_without_a_usable_address_is_refused(app_context):
    for recipient in ("", "   ", "no-at-sign"):
        try:
            queue_email(recipient, "s", "b", key=f"bad:{recipient}")
        except ValueError:
            continue
        raise AssertionError(f"{recipient!r} was accepted")


def test_without_smtp_settings_mail_is_logged_and_kept(app_context, caplog):
    caplog.set_level("INFO", logger="consult.mail")
    queue_email("somchai@example.org", THAI_SUBJECT, "เนื้อความภาษาไทย", key="test:log")
    db.session.commit()
    report = send_due_messages()
    assert (report.sent, report.failed) == (1, 0)
    message = db.session.scalar(select(OutboxMessage))
    assert message.transport == "log" and message.sent_at is not None and message.body == "เนื้อความภาษาไทย"
    assert "somchai@example.org" in caplog.text and "เนื้อความภาษาไทย" in caplog.text
    assert send_due_messages().sent == 0


def test_mail_reaches_an_smtp_server_once_with_thai_subject_and_body(app_context, smtp_inbox):
    queue_email(
        "somchai@example.org", THAI_SUBJECT, "เรียน คุณสมชาย\nพบกันที่ศาลาวัด", key="test:smtp", language="th"
    )
    db.session.commit()
    assert send_due_messages().sent == 1
    assert send_due_messages().sent == 0
    [received] = smtp_inbox.messages
    assert received["To"] == "somchai@example.org"
    assert received["From"] == "consult <no-reply@consult.test>"
    assert received["Subject"] == THAI_SUBJECT
    assert received["Content-Language"] == "th"
    assert received["Message-ID"].endswith("@consult.test>")
    assert "พบกันที่ศาลาวัด" in received.get_content()
    message = db.session.scalar(select(OutboxMessage))
    assert message.transport == "smtp" and message.attempts == 1 and message.last_error is None


def test_an_unreachable_server_leaves_the_message_queued_with_a_back_off(app):
    with app.app_context():
        saved = {name: app.config[name] for name in smtp_config(0)}
        app.config.update(smtp_config(free_port()))  # nothing listens there
        try:
            queue_email("somchai@example.org", THAI_SUBJECT, "body", key="test:down")
            queue_email("somying@example.org", THAI_SUBJECT, "body", key="test:down2")
            db.session.commit()
            report = send_due_messages()
        finally:
            app.config.update(saved)
        # The first failure stops the batch, so the second message is not even tried.
        assert (report.sent, report.failed) == (0, 1)
        failed, untouched = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        assert (
            failed.sent_at is None and failed.attempts == 1 and "ConnectionRefusedError" in failed.last_error
        )
        assert failed.due_at > utcnow() + timedelta(seconds=90)
        assert untouched.attempts == 0 and untouched.last_error is None
        # Later, with the server back (the log transport here), it goes out.
        assert send_due_messages(now=utcnow() + timedelta(minutes=3)).sent == 2
        assert db.session.get(OutboxMessage, failed.id).attempts == 2


def test_a_message_is_given_up_after_max_attempts_but_kept(app_context):
    message = queue_email("somchai@example.org", THAI_SUBJECT, "body", key="test:max")
    message.attempts = MAX_ATTEMPTS
    db.session.commit()
    assert send_due_messages().sent == 0
    assert outbox_count() == 1


def test_two_senders_at_once_send_every_message_exactly_once(app, smtp_inbox):
    with app.app_context():
        for number in range(40):
            queue_email(f"person{number}@example.org", THAI_SUBJECT, "body", key=f"test:race:{number}")
        db.session.commit()
    start = threading.Barrier(2)
    reports, failures = [], []

    def sender():
        with app.app_context():
            try:
                start.wait()
                reports.append(send_due_messages())
            except Exception as error:  # surfaced below: a thread cannot fail the test itself
                failures.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert sum(report.sent for report in reports) == 40
    received = sorted(message["To"] for message in smtp_inbox.messages)
    assert received == sorted(f"person{number}@example.org" for number in range(40))
