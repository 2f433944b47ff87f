"""The committee report, printable and as a DOCX in the layout of Thai government documents."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.geography.models import ProvinceEmblem
from consult.review.emblems import EMBLEM_MAX_BYTES, EmblemRefused, set_province_emblem
from consult.review.report import fiscal_year
from consult.revisions import operations as revisions
from consult.timeutil import utcnow
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
    assert text.lstrip().startswith("บันทึกข้อความ")  # the covering memo, then the summary
    assert "\nรายงานสรุปผลการรับฟังความคิดเห็น\n" in text
    assert "ขอบเขต: อำเภอ: เมืองขอนแก่น" in text
    assert str(review_world["today"].year + 543) in text
    assert "ตลาดกลางข้าวหอมมะลิ" in text
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "ภาคประชาชน" in cells
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    assert all(run.font.name == "TH Sarabun New" for run in runs)


PNG = (Path(__file__).resolve().parents[2] / "consult" / "static" / "img" / "favicon-32.png").read_bytes()


def test_report_cover_charts_map_and_tables(client, review_world):
    _propose(review_world)
    login(client, "planner")
    page = client.get(f"/review/cycles/{review_world['cycle'].id}/report?lang=th").get_data(as_text=True)
    cover = page.split('<header class="report-cover">', 1)[1].split("</header>", 1)[0]
    assert "ขอนแก่น" in cover and review_world["cycle"].title in cover
    assert f"จัดทำในปีงบประมาณ พ.ศ. {fiscal_year(review_world['today'])}" in cover
    assert "<dd>9</dd>" in cover  # inputs, as the participation section counts them
    assert "การมีส่วนร่วมตามช่วงเวลา" in page and 'class="chart chart-time"' in page
    assert page.count('class="chart chart-bars"') == 2  # by sector and by issue
    assert '<svg class="chart chart-map"' in page
    assert "ประเด็น × อำเภอ" in page and "ภาคส่วนใดกล่าวถึงประเด็นใด" in page
    assert "ข้อมูลน้อยเกินกว่าจะทดสอบ" in page  # nine inputs: every test is too small


def test_fiscal_year_starts_in_october():
    assert fiscal_year(date(2026, 9, 30)) == 2569
    assert fiscal_year(date(2026, 10, 1)) == 2570


def test_docx_opens_with_the_government_memo(client, review_world):
    login(client, "planner")
    response = client.get(f"/review/cycles/{review_world['cycle'].id}/report.docx?lang=th")
    document = Document(io.BytesIO(response.get_data()))
    lines = [paragraph.text for paragraph in document.paragraphs]
    assert lines[0].strip() == "บันทึกข้อความ"
    assert lines[1].startswith("ส่วนราชการ") and "สำนักงานจังหวัดขอนแก่น" in lines[1]
    assert lines[2].startswith("ที่") and "\tวันที่" in lines[2]
    assert lines[3].startswith("เรื่อง") and lines[4].startswith("เรียน")
    assert any(line.startswith("ตำแหน่ง") for line in lines[:20])
    assert "จึงเรียนมาเพื่อโปรดทราบและพิจารณา" in lines
    title_runs = document.paragraphs[0].runs
    assert max(run.font.size.pt for run in title_runs if run.text.strip()) == 29
    assert len(document.inline_shapes) == 0  # no emblem uploaded


def test_an_uploaded_emblem_heads_the_memo(client, review_world):
    login(client, "admin")
    url = "/review/provinces/40/emblem?lang=th"
    form = client.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    refused = client.post(
        url, data={"csrf_token": token, "image": (io.BytesIO(b"GIF89a not a png"), "emblem.png")}
    )
    assert refused.status_code == 400 and "ไม่ใช่ภาพ PNG หรือ JPEG" in refused.get_data(as_text=True)
    # (the size limit is checked below the form: the test client spools a large body to a file it
    # never closes)
    with pytest.raises(EmblemRefused, match="1 MB"):
        set_province_emblem(
            "40", PNG + b"\0" * EMBLEM_MAX_BYTES, user=review_world["users"]["admin"], now=utcnow()
        )
    saved = client.post(url, data={"csrf_token": token, "image": (io.BytesIO(PNG), "emblem.png")})
    assert saved.status_code == 302
    emblem = db.session.get(ProvinceEmblem, "40")
    assert (emblem.content_type, emblem.width, emblem.height) == ("image/png", 32, 32)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "review.set_emblem"))

    planner = client.application.test_client()
    login(planner, "planner")
    assert planner.get(url).status_code == 403  # only administrators upload
    image = planner.get("/review/provinces/40/emblem.img")
    assert image.data == PNG and image.mimetype == "image/png"
    assert planner.get("/review/provinces/41/emblem.img").status_code == 403  # another province
    report = planner.get(f"/review/cycles/{review_world['cycle'].id}/report?lang=th").get_data(as_text=True)
    assert 'class="report-emblem"' in report
    document = Document(
        io.BytesIO(planner.get(f"/review/cycles/{review_world['cycle'].id}/report.docx").data)
    )
    assert len(document.inline_shapes) == 1
