"""Exports read back: Thai text and Buddhist Era dates intact, no personal data for planners, and
the same totals as the dashboard and the summary API for the same filters."""

import csv
import io
import re
from urllib.parse import urlencode

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from consult.auth.models import AuditEvent
from consult.extensions import db
from consult.i18n import to_local
from tests.conftest import login

FILTERS = [
    {},
    {"phase": "hearings"},
    {"district": "4001"},
    {"subdistrict": "400102"},
    {"sector": "citizen"},
    {"district": "4002", "sector": "academia"},
    {"phase": "data_gathering"},
    {"subdistrict": "400202"},  # of a group hearing: its input that names no subdistrict counts here
    {"subdistrict": "400303"},
]


def _csv_rows(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode("utf-8"))  # Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _sheets(response) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(response.get_data()), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


SECTOR_CODES = {
    "Citizens": "citizen",
    "Private sector": "private",
    "Civil society": "civil_society",
    "Academia": "academia",
    "Government": "government",
}


def _dashboard_issue_table(page: str) -> dict[str, int]:
    """The "Input by strategic issue" table of the dashboard: code → inputs (zeros left out)."""
    table = page.split('<table class="review-table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<span class="code">(\w+)</span>.*?</th>\s*<td class="num">([\d,]+)</td>', table, re.S)
    assert rows, "the dashboard has no issue table"
    return {code: int(count.replace(",", "")) for code, count in rows if count != "0"}


def _matrix(page: str) -> str:
    return page.split('<table class="matrix">', 1)[1].split("</table>", 1)[0]


def _dashboard_matrix_totals(page: str) -> tuple[int, dict[str, int]]:
    """The total row of the issue × area table: inputs, and per issue (zeros left out)."""
    matrix = _matrix(page)
    codes = re.findall(r"<abbr title=\"[^\"]*\">(\w+)</abbr>", matrix.split("</thead>", 1)[0])
    cells = [
        int(value.replace(",", ""))
        for value in re.findall(r'<td class="num">([\d,]+)</td>', matrix.split("<tfoot>", 1)[1])
    ]
    assert len(cells) == len(codes) + 1
    return cells[0], {code: count for code, count in zip(codes, cells[1:]) if count}


def _dashboard_district_rows(page: str) -> dict[str, int]:
    """District code → inputs, from the rows of the issue × district table (zeros left out)."""
    body = _matrix(page).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r'district=(\d{4})[^"]*"[^>]*>[^<]*</a></th>\s*<td class="num">([\d,]+)</td>', body)
    return {code: int(count.replace(",", "")) for code, count in rows if count != "0"}


def _dashboard_sector_chart(page: str) -> dict[str, int]:
    """The "By sector" bar chart, read from its accessible label (zeros left out)."""
    label = re.search(r'aria-label="By sector: ([^"]*)"', page).group(1)
    counts = {}
    for part in label.split(", "):
        name, count = part.rsplit(" ", 1)
        if count != "0":
            counts[SECTOR_CODES[name]] = int(count.replace(",", ""))
    return counts


def test_input_csv_for_a_planner(client, review_world):
    login(client, "planner")
    response = client.get(f"/review/cycles/{review_world['cycle'].id}/export/inputs.csv?lang=th")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    header, *rows = _csv_rows(response)
    assert header[:3] == ["รหัสรับเรื่อง", "วันที่ได้รับ", "วันที่ได้รับ (ISO 8601)"]
    assert "อีเมล" not in header and "ชื่อ" not in header
    assert len(rows) == 9  # the hidden input is left out
    first = next(row for row in rows if row[0] == review_world["inputs"][1].receipt)
    assert first[-1] == review_world["inputs"][1].text  # Thai text intact
    assert re.search(r" 25\d\d เวลา \d\d:\d\d น\.$", first[1])  # '18 พ.ย. 2569 เวลา 12:00 น.'
    assert first[2].endswith("+07:00")
    assert first[7] == "ภาคประชาชน" and first[13] == "SI01 SI02"
    body = response.get_data().decode("utf-8")
    assert "somying@example.org" not in body and "0812345678" not in body and "สมหญิง" not in body
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "review.export_inputs"))
    assert event.detail == {"filters": {}, "format": "csv"}


def test_input_xlsx_read_back(client, review_world):
    login(client, "planner")
    response = client.get(
        f"/review/cycles/{review_world['cycle'].id}/export/inputs.xlsx?district=4001&lang=th"
    )
    ((title, rows),) = _sheets(response).items()
    header, *data = rows
    assert title == "ความคิดเห็น"
    assert len(data) == 6
    texts = {row[0]: row[15] for row in data}
    assert texts[review_world["inputs"][3].receipt] == review_world["inputs"][3].text
    received = {row[0]: row[1] for row in data}
    given = review_world["inputs"][3]
    assert received[given.receipt] == to_local(given.submitted_at).replace(tzinfo=None)  # a date cell
    flat = " ".join(str(value) for row in rows for value in row)
    assert "somying@example.org" not in flat and "สมหญิง" not in flat

    sheet = load_workbook(io.BytesIO(response.get_data())).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:P{len(data) + 1}"
    assert sheet.column_dimensions["P"].width > 60 and sheet.column_dimensions["A"].width >= 10
    assert sheet["B2"].is_date and "107" in sheet["B2"].number_format  # the Buddhist calendar
    assert sheet["A1"].font.bold


def test_exports_refuse_filters_that_do_not_fit(client, review_world):
    login(client, "planner")
    cycle = review_world["cycle"].id
    assert client.get(f"/review/cycles/{cycle}/export/inputs.csv?district=5001").status_code == 400
    assert client.get(f"/review/cycles/{cycle}/export/aggregates.xlsx?sector=robots").status_code == 400
    assert client.get(f"/review/cycles/{cycle}/export/nothing.csv").status_code == 404


def test_aggregate_workbook_has_one_sheet_per_view(client, review_world):
    login(client, "planner")
    url = f"/review/cycles/{review_world['cycle'].id}/export/aggregates.xlsx"
    assert list(_sheets(client.get(url + "?lang=en"))) == [
        "Summary",
        "By strategic issue",
        "Issue × district",
        "By sector",
        "By channel",
        "By age band",
        "By gender",
        "By status",
        "Over time",
        "Issue × sector",
        "Issue × age band",
        "Issue × gender",
        "Coverage",
    ]
    sheets = _sheets(client.get(url + "?lang=th"))
    assert "ประเด็น × ภาคส่วน" in sheets and "ความครอบคลุม" in sheets
    over_time = sheets["ตามช่วงเวลา"]
    assert re.search(r" 25\d\d$", over_time[1][0])  # '10 พ.ย. 2569'
    sector_cross = sheets["ประเด็น × ภาคส่วน"]
    si01 = next(row for row in sector_cross if row[0] == "SI01")
    assert si01[2:4] == (3, 1.35)  # citizens: count and lift, as worked out by hand


def _english(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: urlencode(f) or "none")
@pytest.mark.parametrize("world_fixture", ["review_world", "group_world"])
def test_dashboard_exports_and_api_agree(client, request, world_fixture, filters):
    """group_world adds inputs given at group hearings without a subdistrict and one for the
    whole cycle: every total counts them once."""
    review_world = request.getfixturevalue(world_fixture)
    login(client, "planner")
    cycle = review_world["cycle"].id
    query = urlencode(filters)
    api = client.get(f"/api/v1/cycles/{cycle}/summary?{query}").get_json()

    dashboard = client.get(f"/review/?cycle={cycle}&{query}&lang=en").get_data(as_text=True)
    assert f"<strong>{api['inputs']}</strong> {_english('input', 'inputs', api['inputs'])}" in dashboard
    assert (
        f"<strong>{api['hearings']}</strong> {_english('hearing', 'hearings', api['hearings'])}" in dashboard
    )
    with_input = api["subdistricts_with_input"]
    assert (
        f"<strong>{with_input}</strong> "
        f"{_english('subdistrict with input', 'subdistricts with input', with_input)}"
    ) in dashboard
    assert _dashboard_issue_table(dashboard) == api["by_issue"]
    assert _dashboard_matrix_totals(dashboard) == (api["inputs"], api["by_issue"])
    assert _dashboard_sector_chart(dashboard) == api["by_sector"]
    if "district" not in filters and "subdistrict" not in filters:
        assert _dashboard_district_rows(dashboard) == api["by_district"]

    rows = _csv_rows(client.get(f"/review/cycles/{cycle}/export/inputs.csv?{query}"))[1:]
    assert len(rows) == api["inputs"]
    from_rows: dict[str, int] = {}
    for row in rows:
        for code in row[13].split():
            from_rows[code] = from_rows.get(code, 0) + 1
    assert from_rows == api["by_issue"]

    sheets = _sheets(client.get(f"/review/cycles/{cycle}/export/aggregates.xlsx?{query}&lang=en"))
    summary = dict(sheets["Summary"][1:])
    assert (summary["Inputs"], summary["Hearings"], summary["Subdistricts with input"]) == (
        api["inputs"],
        api["hearings"],
        api["subdistricts_with_input"],
    )
    assert {row[0]: row[2] for row in sheets["By strategic issue"][1:] if row[2]} == api["by_issue"]
    labels = SECTOR_CODES
    assert {labels[row[0]]: row[1] for row in sheets["By sector"][1:] if row[1]} == api["by_sector"]
    if "district" not in filters and "subdistrict" not in filters:
        by_area = {row[0]: row[2] for row in sheets["Issue × district"][1:] if row[2]}
        assert sum(by_area.values()) == api["inputs"]  # inputs without a place have a row of their own
        assert {code: count for code, count in by_area.items() if code} == api["by_district"]


def test_summary_api_explains_bad_filters(client, review_world):
    response = client.get(
        f"/api/v1/cycles/{review_world['cycle'].id}/summary?sector=robots", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {"sector": "Unknown sector."}
    assert set(client.get(f"/api/v1/cycles/{review_world['cycle'].id}/summary").get_json()) == {
        "inputs",
        "hearings",
        "by_issue",
        "by_sector",
        "by_district",
        "subdistricts_with_input",
    }
