"""The committee report, printable and as a DOCX in the layout of Thai government documents."""

import io

from docx import Document
from docx.oxml.ns import qn

from consult.revisions import operations as revisions
from tests.conftest import login


def _propose(review_world):
    planner = review_world["users"]["planner"]
    issue = review_world["plan"].issues[0]
    draft = revisions.draft_revision(
        review_world["cycle"],
        issue,
        title="ตลาดกลางข้าวหอมมะลิ",
        text_after=issue.description_th + " และตลาดกลางข้าวหอมมะลิ",
        rationale="ประชาชนเสนอ",
        user=planner,
    )
    revisions.cite_inputs(draft, [review_world["inputs"][1]], planner)
    return draft


def test_printable_report(client, review_world):
    _propose(review_world)
    login(client, "planner")
    page = client.get(f"/review/cycles/{review_world['cycle'].id}/report?lang=th").get_data(as_text=True)
    assert "รายงานสรุปผลการรับฟังความคิดเห็น" in page
    assert f"ข้อมูล ณ {review_world['today'].day}" in page and str(review_world["today"].year + 543) in page
    for heading in (
        "1. การมีส่วนร่วม",
        "2. ความครอบคลุมของการรับฟัง",
        "3. ความคิดเห็นรายประเด็นยุทธศาสตร์",
        "4. ข้อเสนอการทบทวนยุทธศาสตร์",
    ):
        assert heading in page
    assert "ได้รับความคิดเห็น 9 รายการ" in page
    assert review_world["inputs"][2].text in page  # a representative quote of SI01
    assert review_world["inputs"][7].text not in page  # hidden by moderation
    assert "ตลาดกลางข้าวหอมมะลิ" in page and "ฉบับร่าง" in page
    assert 'class="report-page"' in page  # the print stylesheet's A4 page with numbers


def test_docx_summary_in_thai_government_layout(client, review_world):
    _propose(review_world)
    login(client, "planner")
    response = client.get(f"/review/cycles/{review_world['cycle'].id}/report.docx?lang=th&district=4001")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.get_data()))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm, 1), round(section.right_margin.cm, 1)) == (3.0, 2.0)
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:cs")) == normal.get(qn("w:ascii")) == "TH Sarabun New"
    header = section.header._element.xml
    assert "PAGE" in header and section.different_first_page_header_footer
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert text.startswith("รายงานสรุปผลการรับฟังความคิดเห็น")
    assert "ขอบเขต: อำเภอ: เมืองขอนแก่น" in text
    assert str(review_world["today"].year + 543) in text
    assert "ตลาดกลางข้าวหอมมะลิ" in text
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "ภาคประชาชน" in cells
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    assert all(run.font.name == "TH Sarabun New" for run in runs)
