from icalendar import Calendar


def test_provinces_lists_all_77(client):
    items = client.get("/api/v1/provinces").get_json()["items"]
    assert len(items) == 77
    assert {"code": "40", "name_th": "ขอนแก่น", "name_en": "Khon Kaen"} in items


def test_districts_and_subdistricts_with_thai_and_english_names(client):
    districts = client.get("/api/v1/provinces/40/districts").get_json()["items"]
    assert districts[0] == {"code": "4001", "name_th": "เมืองขอนแก่น", "name_en": "Mueang Khon Kaen"}
    subdistricts = client.get("/api/v1/districts/4001/subdistricts").get_json()["items"]
    assert subdistricts[0] == {"code": "400101", "name_th": "ในเมือง", "name_en": "Nai Mueang"}
    assert all(len(item["code"]) == 6 for item in subdistricts)


def test_unknown_codes_answer_404_as_json(client):
    response = client.get("/api/v1/provinces/99/districts")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/districts/9999/subdistricts").status_code == 404


def test_cycles_with_phases(client, world):
    items = client.get("/api/v1/cycles?province=40").get_json()["items"]
    assert len(items) == 1
    cycle = items[0]
    assert cycle["province"] == "40" and cycle["plan"] == world["plan"].id
    assert [phase["key"] for phase in cycle["phases"]] == ["data_gathering", "hearings", "drafting"]
    assert (
        cycle["phases"][1]["starts_on"]
        == (world["today"].fromordinal(world["today"].toordinal() - 10)).isoformat()
    )
    assert client.get("/api/v1/cycles?province=50").get_json()["items"] == []


def test_hearing_shape(client, world):
    hearing = world["hearing"]
    body = client.get(f"/api/v1/hearings/{hearing.id}").get_json()
    assert body["id"] == hearing.id
    assert body["subdistricts"] == ["400101"] and body["province"] == "40"
    assert body["cycle"] == world["cycle"].id and body["plan"] == world["plan"].id
    assert body["starts_at"].endswith("+07:00") and body["input_closes_at"].endswith("+07:00")
    assert body["issues"] == ["SI01", "SI02", "SI03"]
    assert body["status"] == "announced" and body["input_open"] is True
    assert body["url"].endswith(f"/hearings/{hearing.id}")
    assert body["ics_url"].endswith(f"/hearings/{hearing.id}.ics")


def test_hearing_list_filters_and_pages(client, world, app):
    app.config["API_PAGE_SIZE"] = 1
    from datetime import timedelta

    from consult.extensions import db
    from consult.geography.queries import subdistricts_by_codes
    from consult.hearings.models import Hearing

    first = world["hearing"]
    second = Hearing(
        cycle_id=first.cycle_id,
        province_code="40",
        district_code="4002",
        title="เวทีที่สอง",
        starts_at=first.starts_at + timedelta(days=1),
        ends_at=first.ends_at + timedelta(days=1),
        venue="ศาลา",
        input_opens_at=first.input_opens_at,
        input_closes_at=first.input_closes_at,
        subdistricts=subdistricts_by_codes(["400201"]),
    )
    db.session.add(second)
    db.session.commit()
    page = client.get("/api/v1/hearings?province=40").get_json()
    assert [item["id"] for item in page["items"]] == [first.id]
    assert page["next"] is not None
    page2 = client.get(page["next"].replace("http://consult.test", "")).get_json()
    assert [item["id"] for item in page2["items"]] == [second.id] and page2["next"] is None
    assert [i["id"] for i in client.get("/api/v1/hearings?subdistrict=400201").get_json()["items"]] == [
        second.id
    ]
    assert [i["id"] for i in client.get("/api/v1/hearings?district=4001").get_json()["items"]] == [first.id]
    day = second.starts_at.date().isoformat()
    assert [i["id"] for i in client.get(f"/api/v1/hearings?from={day}").get_json()["items"]] == [second.id]
    assert client.get("/api/v1/hearings?province=50").get_json() == {"items": [], "next": None}
    app.config["API_PAGE_SIZE"] = 50


def test_bad_filters_answer_400_with_field_messages(client):
    response = client.get("/api/v1/hearings?from=yesterday&province=4", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    fields = response.get_json()["error"]["fields"]
    assert set(fields) == {"from", "province"}
    assert "date" in fields["from"]


def test_plan_issues(client, world):
    items = client.get(f"/api/v1/plans/{world['plan'].id}/issues").get_json()["items"]
    assert len(items) == 10
    assert items[0]["code"] == "SI01" and items[0]["title_en"] == "Agriculture and agro-processing"


def test_ics_feed_parses_back(client, world):
    response = client.get("/hearings.ics?province=40")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    hearing = world["hearing"]
    assert str(event["uid"]).startswith(f"hearing-{hearing.id}@")
    other_host = Calendar.from_ical(
        client.get("/hearings.ics?province=40", headers={"Host": "other.example"}).data
    )
    assert str(other_host.walk("VEVENT")[0]["uid"]) == str(event["uid"])  # stable whatever the host
    assert event.decoded("dtstart") == hearing.starts_at
    assert str(event["dtstart"].params["TZID"]) == "Asia/Bangkok"
    assert str(event["location"]) == hearing.venue
    assert str(event["url"]).endswith(f"/hearings/{hearing.id}")
    assert calendar.walk("VTIMEZONE")


def test_openapi_document_is_valid(client):
    from openapi_spec_validator import validate

    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    assert "/hearings/{id}/inputs" in document["paths"]
