"""Finding: phone numbers written `081 - 234 - 5678`, `081/234/5678`, `081–234–5678` or
`(081)2345678` were not masked on public pages nor highlighted for the moderator, and the
planners' search showed masked numbers unmasked. The search index kept them too."""

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.inputs.models import MODERATION_APPROVED, ProvinceInputPolicy
from consult.inputs.operations import NewInput, submit_input
from consult.inputs.search import reindex
from consult.tagging.models import InputSearchText
from tests.conftest import login

NUMBERS = ("081 - 234 - 5678", "081/234/5678", "081–234–5678", "(081)2345678", "1-1037-00012-34-5")
TEXT = "ถนนทางเข้าหมู่บ้านชำรุด ติดต่อ " + " หรือ ".join(NUMBERS)


@pytest.fixture
def published(world, drain_queue):
    """An approved input of the world's hearing whose text holds the numbers, tagged and indexed."""
    item, _created = submit_input(
        NewInput(text=TEXT, sector="citizen", channel="online"),
        cycle=world["cycle"],
        hearing=world["hearing"],
    )
    item.moderation = MODERATION_APPROVED
    db.session.add(ProvinceInputPolicy(province_code="40", publish_texts=True))
    db.session.commit()
    drain_queue()
    return item


def _digits_in(page: str) -> list[str]:
    return [number for number in NUMBERS if number in page]


def test_public_pages_mask_every_way_of_writing_a_number(client, world, published):
    item = published
    for url in (f"/cycles/{world['cycle'].id}/voices", f"/cycles/{world['cycle'].id}/voices/{item.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "ถนนทางเข้าหมู่บ้านชำรุด" in page and _digits_in(page) == [], url


def test_the_moderator_sees_each_number_highlighted(app, world, published):
    client = app.test_client()
    login(client, "planner")
    page = client.get("/staff/moderation?state=approved").get_data(as_text=True)
    for number in NUMBERS:
        assert f">{number}</mark>" in page.replace("&amp;", "&")


def test_the_planners_search_shows_the_numbers_masked(app, world, published):
    client = app.test_client()
    login(client, "planner")
    page = client.get(f"/tagging/cycles/{world['cycle'].id}/search?q=ถนน").get_data(as_text=True)
    assert "ชำรุด" in page and _digits_in(page) == []


def test_the_search_index_keeps_no_phone_or_id_number(app_context, world, published):
    for _round in ("as stored", "rebuilt"):
        terms = db.session.scalar(select(InputSearchText.terms))
        assert "ถนน" in terms and not any(ch.isdigit() for ch in terms.replace("prov40", "")), terms
        reindex()
