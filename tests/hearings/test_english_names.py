"""Staff may give a hearing and a cycle English names; the English site, API and feed use them."""

from icalendar import Calendar
from sqlalchemy import select

from consult.extensions import db
from consult.hearings.models import Hearing
from consult.strategy.models import StrategyCycle
from tests.conftest import csrf_token, login
from tests.hearings.helpers import add_hearing, working_day
from tests.hearings.test_hearing_lifecycle import edit_form


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_english_page_shows_the_english_title_and_venue(client, world):
    hearing = add_hearing(
        world, day=working_day(world["today"], 25), title="เวทีประชาคมตำบลในเมือง", venue="ศาลาประชาคมบ้านโนนทัน"
    )
    hearing.title_en, hearing.venue_en = "Nai Mueang public hearing", "Ban Non Than community hall"
    world["cycle"].title_en = "Test review cycle"
    db.session.commit()
    english = page(client, f"/hearings/{hearing.id}?lang=en")
    assert "<h1>Nai Mueang public hearing</h1>" in english and "Ban Non Than community hall" in english
    assert "Test review cycle" in english and "เวทีประชาคมตำบลในเมือง" not in english
    thai = page(client, f"/hearings/{hearing.id}?lang=th")
    assert "<h1>เวทีประชาคมตำบลในเมือง</h1>" in thai and "ศาลาประชาคมบ้านโนนทัน" in thai
    assert "Nai Mueang public hearing" not in thai
    assert "Test review cycle" in page(client, f"/cycles/{world['cycle'].id}?lang=en")


def test_without_an_english_title_the_english_page_shows_the_thai_one(client, world):
    hearing = world["hearing"]
    assert hearing.title_en is None
    assert f"<h1>{hearing.title}</h1>" in page(client, f"/hearings/{hearing.id}?lang=en")


def test_the_api_adds_the_english_names_and_keeps_the_thai_ones(client, world):
    hearing = world["hearing"]
    hearing.title_en, hearing.venue_en = "Nai Mueang public hearing", "Meeting room, Nai Mueang SAO"
    db.session.commit()
    body = client.get(f"/api/v1/hearings/{hearing.id}", headers={"Accept-Language": "en"}).get_json()
    assert body["title"] == "เวทีประชาคมตำบลในเมือง" and body["venue"] == "ห้องประชุม อบต."
    assert (
        body["title_en"] == "Nai Mueang public hearing" and body["venue_en"] == "Meeting room, Nai Mueang SAO"
    )
    [cycle] = client.get("/api/v1/cycles?province=40").get_json()["items"]
    assert cycle["title"] == "รอบทดสอบ" and cycle["title_en"] is None
    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert {"title_en", "venue_en"} <= set(schema["Hearing"]["properties"])
    assert "title_en" in schema["Cycle"]["properties"]


def test_the_feed_in_english_names_the_hearing_in_english(client, world):
    hearing = world["hearing"]
    hearing.title_en, hearing.venue_en = "Nai Mueang public hearing", "Meeting room, Nai Mueang SAO"
    db.session.commit()

    def event(language):
        feed = Calendar.from_ical(client.get(f"/hearings.ics?province=40&lang={language}").get_data())
        return next(
            event for event in feed.walk("VEVENT") if str(event["UID"]).startswith(f"hearing-{hearing.id}@")
        )

    assert str(event("en")["SUMMARY"]) == "Nai Mueang public hearing"
    assert str(event("en")["LOCATION"]) == "Meeting room, Nai Mueang SAO"
    assert str(event("th")["SUMMARY"]) == "เวทีประชาคมตำบลในเมือง"


def test_staff_give_the_english_names_in_the_hearing_and_calendar_forms(client, world):
    hearing = add_hearing(world, day=working_day(world["today"], 25))
    login(client, "official")
    url = f"/staff/hearings/{hearing.id}/edit"
    assert 'name="title_en"' in page(client, url) and 'name="venue_en"' in page(client, url)
    data = edit_form(hearing, title_en="  Second Nai Mueang hearing ", venue_en="Community hall")
    data["csrf_token"] = csrf_token(client, url)
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Hearing, hearing.id)
    assert (saved.title_en, saved.venue_en) == ("Second Nai Mueang hearing", "Community hall")
    assert 'value="Second Nai Mueang hearing"' in page(client, url)

    cycle = world["cycle"]
    client.post("/logout", data={"csrf_token": csrf_token(client, "/staff")})
    login(client, "planner")
    url = f"/staff/cycles/{cycle.id}/edit"
    form = page(client, url)
    assert 'name="title_en"' in form
    data = {
        "csrf_token": csrf_token(client, url),
        "plan_id": cycle.plan_id,
        "title": cycle.title,
        "title_en": "Review of fiscal year 2027",
    }
    for phase in cycle.phases:
        data[f"{phase.key}_starts"], data[f"{phase.key}_ends"] = (
            phase.starts_on.isoformat(),
            phase.ends_on.isoformat(),
        )
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(StrategyCycle, cycle.id).title_en == "Review of fiscal year 2027"


def test_the_demo_is_english_on_the_english_site(app, client, app_context):
    app.config["DEMO_PASSWORD"] = "demo-password-1"
    assert app.test_cli_runner().invoke(args=["consult", "demo"]).exit_code == 0
    hearing = db.session.scalars(select(Hearing).order_by(Hearing.id)).first()
    english = page(client, f"/hearings/{hearing.id}?lang=en")
    assert "Public hearing on the provincial development plan: Nai Mueang subdistrict" in english
    assert "Meeting room, Nai Mueang Subdistrict Administrative Organization" in english
    assert "Khon Kaen Provincial Development Plan review, fiscal year" in english
    assert "เวทีประชาคม" not in english
