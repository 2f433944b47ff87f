"""The hearing finder: province → district → subdistrict as plain links (no JavaScript), upcoming
and past hearings, input on the whole cycle when no hearing is near, and share previews."""

import re
from datetime import timedelta

from consult.extensions import db


def links(page: str, pattern: str) -> list[str]:
    return re.findall(pattern, page)


def test_pickers_are_links_in_thai_alphabetical_order(client, world):
    page = client.get("/hearings").get_data(as_text=True)
    provinces = links(page, r'<li><a href="/hearings\?province=\d\d">([^<]+)</a>')
    assert len(provinces) == 77 and provinces[0] == "กระบี่" and provinces[-1] == "อุบลราชธานี"
    page = client.get("/hearings?province=40").get_data(as_text=True)
    districts = links(page, r'<li><a href="/hearings\?province=40&amp;district=\d{4}">([^<]+)</a>')
    assert districts[0] == "กระนวน" and districts[-1] == "อุบลรัตน์" and "เมืองขอนแก่น" in districts
    page = client.get("/hearings?province=40&district=4001").get_data(as_text=True)
    assert 'href="/hearings?province=40&amp;district=4001&amp;subdistrict=400101">ในเมือง</a>' in page
    assert "<script" not in page.replace('<script src="/static/js/', "")  # nothing inline, nothing needed


def test_english_names_sort_a_to_z(client, world):
    page = client.get("/hearings?lang=en").get_data(as_text=True)
    provinces = links(page, r'<li><a href="/hearings\?province=\d\d">([^<]+)</a>')
    assert provinces == sorted(provinces) and provinces[0] == "Amnat Charoen"


def test_hearings_of_the_area_and_input_on_the_whole_cycle_when_none_is_near(client, world):
    page = client.get("/hearings?province=40&district=4001&subdistrict=400101").get_data(as_text=True)
    assert world["hearing"].title in page and "ไม่มีเวทีใกล้บ้านท่าน?" not in page
    cycle_id = world["cycle"].id
    page = client.get("/hearings?province=40&district=4002&subdistrict=400201").get_data(as_text=True)
    assert "ไม่มีเวทีใกล้บ้านท่าน?" in page and world["hearing"].title not in page
    assert f'href="/cycles/{cycle_id}/input?subdistrict=400201"' in page


def test_past_hearings_and_no_cycle_link_outside_the_hearing_phase(client, world):
    hearing = world["hearing"]
    hearing.starts_at -= timedelta(days=40)
    hearing.ends_at -= timedelta(days=40)
    hearing.input_closes_at = hearing.ends_at
    world["cycle"].phase("hearings").ends_on = world["today"] - timedelta(days=1)
    db.session.commit()
    page = client.get("/hearings?province=40&district=4001").get_data(as_text=True)
    assert "เวทีที่ผ่านมา" in page and hearing.title in page
    assert f"/cycles/{world['cycle'].id}/input" not in page


def test_share_previews_for_line(client, world):
    page = client.get("/hearings?province=40").get_data(as_text=True)
    assert '<meta property="og:title" content="เวทีประชาคมในขอนแก่น">' in page
    assert '<meta property="og:image" content="http://consult.test/static/img/og-consult.png">' in page
    assert '<meta property="og:url" content="http://consult.test/hearings?province=40">' in page
    form = client.get(f"/hearings/{world['hearing'].id}/input").get_data(as_text=True)
    assert 'property="og:title" content="แสดงความคิดเห็น: เวทีประชาคมตำบลในเมือง"' in form


def test_codes_that_do_not_belong_together_fall_back_to_the_level_above(client, world):
    page = client.get("/hearings?province=40&district=5001&subdistrict=500101").get_data(as_text=True)
    assert "เลือกอำเภอ" in page and "เมืองเชียงใหม่" not in page
    assert client.get("/hearings?province=XX").status_code == 200
