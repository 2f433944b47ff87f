"""Citizens registering for a hearing: consent, capacity, the waiting list, cancelling."""

import threading
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.hearings.models import Hearing, Registration
from consult.hearings.operations import cancel_hearing
from consult.hearings.registrations import (
    RegistrationClosed,
    cancel_registration,
    erase_contacts_after_cycle,
    find_registration,
    register,
)
from consult.i18n import LOCAL_ZONE
from consult.notifications.models import OutboxMessage
from consult.timeutil import utcnow
from tests.conftest import csrf_token
from tests.hearings.helpers import add_hearing, working_day


def sign_up(hearing, email=None, **details):
    return register(
        hearing,
        name=details.get("name"),
        phone=details.get("phone"),
        email=email,
        consent=bool(email or details),
        language=details.get("language", "th"),
        now=utcnow(),
    )


def test_a_citizen_registers_through_the_page_and_gets_a_reference_and_an_email(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25), capacity=2)
    url = f"/hearings/{hearing.id}/register"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "name": "สมปอง ใจดี",
            "phone": "081 234 5678",
            "email": "sompong@example.org",
            "consent": "y",
        },
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    registration = db.session.scalar(select(Registration))
    assert registration.status == "confirmed" and registration.name == "สมปอง ใจดี"
    assert f"{registration.reference[:5]}-{registration.reference[5:]}" in page and "ท่านได้ที่นั่งแล้ว" in page
    [email] = db.session.scalars(select(OutboxMessage))
    assert email.recipient == "sompong@example.org" and email.subject.startswith("ท่านได้ที่นั่งแล้ว:")
    assert registration.reference[:5] in email.body
    assert db.session.get(Hearing, hearing.id).registered_count == 1


def test_contact_details_need_consent_and_none_are_needed(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    url = f"/hearings/{hearing.id}/register?lang=en"
    token = csrf_token(client, url)
    refused = client.post(url, data={"csrf_token": token, "phone": "0812345678"})
    assert refused.status_code == 400
    assert "Please agree to how we keep your contact details, or leave them empty." in refused.get_data(
        as_text=True
    )
    bad_email = client.post(url, data={"csrf_token": token, "email": "not-an-address", "consent": "y"})
    assert "Please give a valid email address." in bad_email.get_data(as_text=True)
    anonymous = client.post(url, data={"csrf_token": token})
    assert anonymous.status_code == 302
    registration = db.session.scalar(select(Registration))
    assert registration.status == "confirmed" and not registration.consent and registration.phone is None


def test_a_full_hearing_puts_people_on_a_waiting_list_and_a_cancellation_lets_the_first_in(world):
    hearing = add_hearing(world, day=working_day(world["today"], 25), capacity=2)
    first, second = sign_up(hearing, "a@example.org"), sign_up(hearing, "b@example.org")
    third, fourth = sign_up(hearing, "c@example.org", language="en"), sign_up(hearing, "d@example.org")
    assert [r.status for r in (first, second, third, fourth)] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    cancel_registration(first, now=utcnow())
    db.session.expire_all()
    statuses = {r.email: r.status for r in db.session.scalars(select(Registration))}
    assert statuses == {
        "a@example.org": "cancelled",
        "b@example.org": "confirmed",
        "c@example.org": "confirmed",
        "d@example.org": "waiting",
    }
    assert db.session.get(Hearing, hearing.id).registered_count == 2
    promoted = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.idempotency_key.like("%:promoted"))
    )
    assert promoted.recipient == "c@example.org" and promoted.subject.startswith("A place is free for you")
    cancel_registration(first, now=utcnow())  # twice changes nothing
    assert db.session.get(Hearing, hearing.id).registered_count == 2


def test_raising_the_capacity_lets_the_waiting_list_in(client, world):
    from tests.conftest import login
    from tests.hearings.test_hearing_lifecycle import edit_form

    hearing = add_hearing(world, day=working_day(world["today"], 25), capacity=1)
    sign_up(hearing, "a@example.org")
    waiting = sign_up(hearing, "b@example.org")
    login(client, "official")
    url = f"/staff/hearings/{hearing.id}/edit"
    data = edit_form(db.session.get(Hearing, hearing.id), capacity="5")
    data["csrf_token"] = csrf_token(client, url)
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Registration, waiting.id).status == "confirmed"
    assert db.session.get(Hearing, hearing.id).registered_count == 2


def test_no_registration_for_a_cancelled_or_past_hearing(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    cancel_hearing(hearing, "ย้ายไปรวมกับเวทีอำเภอ", user=world["users"]["official"])
    with pytest.raises(RegistrationClosed):
        sign_up(hearing)
    assert client.get(f"/hearings/{hearing.id}/register").status_code == 409
    past = add_hearing(world, day=world["today"] - timedelta(days=3), venue="ที่อื่น")
    with pytest.raises(RegistrationClosed):
        sign_up(past)
    assert "ลงทะเบียนเข้าร่วม" not in client.get(f"/hearings/{past.id}").get_data(as_text=True)


def test_the_citizen_can_look_up_and_cancel_with_the_reference(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25), capacity=10)
    registration = sign_up(hearing, "a@example.org")
    spaced = f"{registration.reference[:5].lower()}-{registration.reference[5:]}"
    assert find_registration(spaced).id == registration.id
    url = f"/registrations/{registration.reference}"
    response = client.post(url, data={"csrf_token": csrf_token(client, url)})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Registration, registration.id).status == "cancelled"
    assert db.session.get(Hearing, hearing.id).registered_count == 0
    assert client.get("/registrations/NOSUCHREF1").status_code == 404


def test_two_people_racing_for_the_last_place_do_not_both_get_it(app, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25), capacity=1)
    hearing_id = hearing.id
    start = threading.Barrier(4)
    failures = []

    def attempt(number):
        with app.app_context():
            try:
                start.wait()
                register(
                    db.session.get(Hearing, hearing_id),
                    name=None,
                    phone=None,
                    email=None,
                    consent=False,
                    language="th",
                    now=utcnow(),
                )
            except Exception as error:  # surfaced below
                failures.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    db.session.expire_all()
    statuses = sorted(r.status for r in db.session.scalars(select(Registration)))
    assert statuses == ["confirmed", "waiting", "waiting", "waiting"]
    assert db.session.get(Hearing, hearing_id).registered_count == 1


def test_officials_see_who_registered_but_the_public_does_not(app, client, world):
    from tests.conftest import login

    hearing = add_hearing(world, day=working_day(world["today"], 25), capacity=10)
    sign_up(hearing, "privacy@example.org", name="นางสาวข้อมูลส่วนตัว")
    assert "privacy@example.org" not in client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    login(client, "official")
    page = client.get(f"/staff/hearings/{hearing.id}").get_data(as_text=True)
    assert "privacy@example.org" in page and "นางสาวข้อมูลส่วนตัว" in page


def test_contact_details_are_erased_once_the_cycle_has_ended(world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    registration = sign_up(hearing, "keep-until-the-end@example.org", name="สมศรี", phone="0812345678")
    assert erase_contacts_after_cycle(utcnow()) == 0  # the cycle is still running
    last_phase_end = max(phase.ends_on for phase in world["cycle"].phases)
    after = datetime.combine(last_phase_end + timedelta(days=1), time(1), tzinfo=LOCAL_ZONE)
    assert erase_contacts_after_cycle(after) == 1
    db.session.expire_all()
    erased = db.session.get(Registration, registration.id)
    assert (erased.name, erased.phone, erased.email) == (None, None, None) and erased.status == "confirmed"
    assert erase_contacts_after_cycle(after) == 0
