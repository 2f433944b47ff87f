"""The coverage map: every placed subdistrict of the province drawn once, in the state the
coverage counts give it, with a legend and a table for screen readers; the public cycle page
shows only whether a subdistrict was heard."""

import re
import unicodedata

from sqlalchemy import func, select

from consult.extensions import db
from consult.geography.models import Subdistrict
from consult.review.charts import (
    MAP_HEARD,
    MAP_HEARING_ONLY,
    MAP_UNHEARD,
    coverage_map,
    fit_label,
    shade_ranges,
)
from consult.review.coverage import coverage
from consult.timeutil import utcnow
from tests.conftest import login

MARK = re.compile(r'<(circle|rect) [^>]*class="map-mark map-(\w+)[^"]*"><title>([^<]*)</title>')


def _placed_in_khon_kaen() -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Subdistrict)
        .where(Subdistrict.province_code == "40", Subdistrict.latitude.is_not(None))
    )


def test_map_states_follow_the_coverage(review_world):
    result = coverage(review_world["cycle"], now=utcnow())
    drawn = coverage_map(result, "40")
    assert len(drawn.marks) == _placed_in_khon_kaen()
    assert len({mark.code for mark in drawn.marks}) == len(drawn.marks)
    by_code = {mark.code: mark for mark in drawn.marks}
    for item in result.subdistricts:
        if item.code not in by_code:
            continue
        expected = MAP_HEARD if item.inputs else MAP_HEARING_ONLY if item.hearings else MAP_UNHEARD
        assert by_code[item.code].state == expected
        assert by_code[item.code].inputs == item.inputs
    assert drawn.counts[MAP_HEARD] == result.with_input
    assert sum(drawn.counts.values()) == result.total
    assert by_code["400101"].state == MAP_HEARD
    assert by_code["400103"].state != MAP_HEARING_ONLY  # its only hearing was cancelled
    assert len(drawn.unplaced) == result.total - len(drawn.marks)


def test_coverage_page_draws_the_map_with_legend_and_table(client, review_world):
    login(client, "planner")
    page = client.get(f"/review/cycles/{review_world['cycle'].id}/coverage?lang=th").get_data(as_text=True)
    assert '<svg class="chart chart-map"' in page and 'aria-describedby="by-subdistrict"' in page
    marks = MARK.findall(page)
    assert len(marks) == _placed_in_khon_kaen()
    heard = [title for _shape, state, title in marks if state == "heard"]
    assert any(title.startswith("ในเมือง") or "ความคิดเห็น" in title for title in heard)
    assert "ได้รับความคิดเห็นแล้ว" in page and "ยังไม่ได้รับฟัง" in page  # the legend, in Thai
    assert "ไม่มีขอบเขต" in page  # says what the marks are


def test_public_cycle_page_shows_heard_or_not_without_counts(client, review_world):
    page = client.get(f"/cycles/{review_world['cycle'].id}?lang=th").get_data(as_text=True)
    marks = MARK.findall(page)
    assert len(marks) == _placed_in_khon_kaen()
    assert all(":" not in title for _shape, _state, title in marks)  # names only, no numbers
    assert '<details class="map-table">' in page  # the same as a table, folded
    assert "map-shade-" not in page


def test_legend_shades_cover_every_count_once():
    for largest in (1, 2, 3, 7, 40, 1001):
        ranges = shade_ranges(largest)
        covered = [value for shade in ranges for value in range(shade.lowest, shade.highest + 1)]
        assert covered == list(range(1, largest + 1))


def test_labels_are_never_cut_before_a_thai_mark():
    text = "SI10 การบริหารจัดการที่ดีและการมีส่วนร่วมของประชาชน"
    for limit in range(5, 40):
        label = fit_label(text, limit)
        kept = label.removesuffix("…")
        assert text.startswith(kept)
        if kept != text:  # what follows the cut is a letter, never a vowel or tone mark of it
            assert unicodedata.category(text[len(kept)]) != "Mn"
    assert fit_label("สั้น", 20) == "สั้น"
