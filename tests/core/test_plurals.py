"""English says "1 input" and "2 inputs"; Thai, which has one plural form, says both alike."""

from consult.extensions import db


def hearing_page(client, hearing, language):
    return client.get(f"/hearings/{hearing.id}?lang={language}").get_data(as_text=True)


def test_places_left_on_the_hearing_page(client, world):
    hearing = world["hearing"]
    hearing.capacity, hearing.registered_count = 3, 2
    db.session.commit()
    assert "1 place left." in hearing_page(client, hearing, "en")
    assert "เหลือที่นั่ง 1 ที่" in hearing_page(client, hearing, "th")
    hearing.capacity, hearing.registered_count = 2_500, 0
    db.session.commit()
    assert "2,500 places left." in hearing_page(client, hearing, "en")
    assert "เหลือที่นั่ง 2,500 ที่" in hearing_page(client, hearing, "th")


def test_one_input_on_the_results_page(client, world):
    cycle_results = f"/cycles/{world['cycle'].id}/results"
    response = client.post(
        f"/api/v1/hearings/{world['hearing'].id}/inputs",
        json={"text": "อยากให้ขุดลอกคลองก่อนหน้าฝน", "sector": "citizen"},
    )
    assert response.status_code == 201
    english = client.get(cycle_results + "?lang=en").get_data(as_text=True)
    assert "<strong>1</strong> input</p>" in english and "<strong>1</strong> hearing</p>" in english
    thai = client.get(cycle_results + "?lang=th").get_data(as_text=True)
    assert "<strong>1</strong> ความคิดเห็น</p>" in thai and "<strong>1</strong> เวที</p>" in thai
    client.post(
        f"/api/v1/hearings/{world['hearing'].id}/inputs",
        json={"text": "อยากให้มีไฟส่องสว่างริมถนนในหมู่บ้าน", "sector": "private"},
    )
    assert "<strong>2</strong> inputs</p>" in client.get(cycle_results + "?lang=en").get_data(as_text=True)
