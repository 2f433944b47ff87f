"""Thai full-text search over inputs, on SQLite (FTS5) and PostgreSQL (tsvector + GIN)."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from consult.extensions import db
from consult.inputs.operations import NewInput, submit_input
from consult.inputs.search import highlight, reindex, search_inputs
from consult.tagging.index import index_terms
from consult.tagging.models import TAG_REJECTED, InputSearchText, InputTag
from consult.timeutil import utcnow
from tests.conftest import drain_tag_queue


def _submit(world, text, *, sector="citizen", hearing=None, minutes_ago=0, issue_codes=()):
    item, _created = submit_input(
        NewInput(text=text, sector=sector, channel="online", issue_codes=list(issue_codes)),
        cycle=world["cycle"],
        hearing=hearing if hearing is not None else world["hearing"],
        now=utcnow() - timedelta(minutes=minutes_ago),
    )
    drain_tag_queue(current_app._get_current_object())  # tagged and indexed, as a tag worker does
    return item


def _texts(results):
    return [hit.input.text for hit in results.hits]


def test_compound_words_are_found_by_their_parts(world):
    flood = _submit(world, "น้ำท่วมถนนทุกปีในหน้าฝน")
    source = _submit(world, "แหล่งน้ำในหมู่บ้านตื้นเขิน")
    _submit(world, "ถนนลูกรังเป็นหลุมเป็นบ่อ")
    found = search_inputs("น้ำ", province="40")
    assert {hit.input.id for hit in found.hits} == {flood.id, source.id}
    assert _texts(search_inputs("แหล่งน้ำ", province="40")) == [source.text]
    assert _texts(search_inputs("น้ำท่วม", province="40")) == [flood.text]


def test_index_row_is_written_with_the_input(world):
    item = _submit(world, "ไฟฟ้าดับบ่อย")
    stored = db.session.get(InputSearchText, item.id)
    assert stored.terms == index_terms(item.text, "40")
    assert stored.terms.split()[:2] == ["prov40", "ไฟฟ้า"]


def test_every_query_word_must_match_and_more_matches_rank_first(world):
    for text in ("ถนนชำรุด", "ไฟฟ้าดับ", "ขยะล้น", "โรงเรียนขาดครู", "ฝุ่นควันจากการเผา", "ยาเสพติด"):
        _submit(world, text)  # a word found in few inputs tells more (BM25 and ts_rank alike)
    _submit(world, "ถนนเป็นหลุม ไฟฟ้าดับบ่อย ขยะไม่มีคนเก็บ และขาดน้ำใช้", minutes_ago=1)
    both = _submit(world, "น้ำประปาไม่ไหล น้ำขุ่น ขาดน้ำใช้", minutes_ago=5)
    results = search_inputs("น้ำ", province="40")
    assert results.hits[0].input.id == both.id
    assert results.hits[0].score > results.hits[1].score
    assert _texts(search_inputs("น้ำประปา ไม่ไหล", province="40")) == [both.text]
    assert search_inputs("น้ำ โรงเรียน", province="40").hits == []


def test_empty_or_stopword_queries_find_nothing(world):
    _submit(world, "น้ำท่วม")
    assert search_inputs("", province="40").hits == []
    assert search_inputs("prov40", province="40").hits == []  # the province word is not a Thai query
    assert search_inputs("   ", province="40").hits == []


def test_query_syntax_in_the_search_box_is_plain_text(world):
    item = _submit(world, 'ปัญหา "ขยะ" AND ไฟไหม้ NEAR ป่า*')
    assert _texts(search_inputs('"ขยะ" AND', province="40")) == [item.text]
    assert search_inputs('ขยะ* OR "', province="40").hits == [] or _texts(
        search_inputs('ขยะ* OR "', province="40")
    ) == [item.text]


def test_results_are_highlighted_and_html_escaped(world):
    _submit(world, "<script>alert(1)</script> น้ำท่วม & ดินสไลด์")
    snippet = str(search_inputs("น้ำท่วม", province="40").hits[0].snippet)
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "<mark>น้ำท่วม</mark>" in snippet
    assert "&amp;" in snippet


def test_highlight_marks_every_word_and_windows_long_texts():
    text = "ก" * 500 + " น้ำ ไหล " + "ข" * 500
    snippet = str(highlight(text, ("น้ำ", "ไหล")))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>น้ำ</mark>" in snippet and "<mark>ไหล</mark>" in snippet
    assert len(snippet) < 500


def test_filters_by_area_sector_hearing_issue_and_cycle(world):
    hearing = world["hearing"]
    water_issue = world["plan"].issues[0]
    at_hearing = _submit(world, "น้ำไม่พอทำการเกษตร", sector="private", issue_codes=[water_issue.code])
    online = _submit(world, "น้ำเสียจากโรงงาน", sector="citizen")
    online.hearing_id = None
    online.district_code = "4002"
    db.session.commit()
    assert _texts(search_inputs("น้ำ", province="40", sector="private")) == [at_hearing.text]
    assert _texts(search_inputs("น้ำ", province="40", hearing_id=hearing.id)) == [at_hearing.text]
    assert _texts(search_inputs("น้ำ", province="40", district="4002")) == [online.text]
    assert _texts(search_inputs("น้ำ", province="40", issue=water_issue.id)) == [at_hearing.text]
    assert len(search_inputs("น้ำ", province="40", cycle_id=world["cycle"].id).hits) == 2
    assert search_inputs("น้ำ", province="40", cycle_id=world["cycle"].id + 1000).hits == []
    assert search_inputs("น้ำ", province="50").hits == []
    tag = db.session.scalar(
        select(InputTag).where(InputTag.input_id == at_hearing.id, InputTag.issue_id == water_issue.id)
    )
    tag.state = TAG_REJECTED
    db.session.commit()
    assert search_inputs("น้ำ", province="40", issue=water_issue.id).hits == []


def test_pages_and_more(world):
    for minutes in range(5):
        _submit(world, f"น้ำท่วม ครั้งที่ {minutes}", minutes_ago=minutes)
    first = search_inputs("น้ำท่วม", province="40", limit=3)
    second = search_inputs("น้ำท่วม", province="40", limit=3, offset=3)
    assert len(first.hits) == 3 and first.more
    assert len(second.hits) == 2 and not second.more
    assert not {h.input.id for h in first.hits} & {h.input.id for h in second.hits}


def test_reindex_covers_inputs_written_in_bulk(world):
    item = _submit(world, "ขยะล้นถังทุกวัน")
    db.session.delete(db.session.get(InputSearchText, item.id))
    db.session.commit()
    assert search_inputs("ขยะ", province="40").hits == []
    assert reindex() == 1
    assert _texts(search_inputs("ขยะ", province="40")) == [item.text]
    item.text = "ไฟฟ้าดับ"
    db.session.commit()
    assert reindex("40") == 1
    assert search_inputs("ขยะ", province="40").hits == []
    assert _texts(search_inputs("ไฟฟ้า", province="40")) == [item.text]
