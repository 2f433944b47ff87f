"""The committee report as a DOCX in the layout of Thai government documents (ระเบียบสำนัก
นายกรัฐมนตรีว่าด้วยงานสารบรรณ): a covering memo (บันทึกข้อความ: the emblem, the title in 29 pt,
ส่วนราชการ / ที่ / วันที่ / เรื่อง in bold 20 pt, เรียน, the body with its 2.5 cm indent, the closing
and the signature block), then the hearing-result summary as its attachment. A4, TH Sarabun New
16 pt (Thai and Latin text alike), margins of 3 cm on the left and 2–2.5 cm elsewhere, the page
number centred at the top from the second page, dates in พ.ศ.

The printed report's charts and map are SVG, which Word cannot show; their numbers are here as
tables."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from flask_babel import gettext as _
from flask_babel import ngettext

from consult.i18n import current_language, format_date, format_datetime, format_number
from consult.participants import SECTORS
from consult.review.report import CommitteeReport

FONT = "TH Sarabun New"
BODY_SIZE = Pt(16)
TITLE_SIZE = Pt(20)
TABLE_SIZE = Pt(14)
MEMO_TITLE_SIZE = Pt(29)  # บันทึกข้อความ
MEMO_LABEL_SIZE = Pt(20)  # ส่วนราชการ, ที่, วันที่, เรื่อง
EMBLEM_HEIGHT = Cm(1.5)
MIDDLE = Cm(8)  # of the text width: A4 less the 3 cm and 2 cm margins
SIGNATURE_INDENT = Cm(7.5)
BLANK = "…" * 12  # to be filled in by hand (the document number, the signer)


def report_docx(report: CommitteeReport) -> bytes:
    document = Document()
    _page_setup(document)
    _fonts(document)
    language = current_language()
    cycle = report.cycle
    _memo(document, report, language)

    _paragraph(
        document, _("Hearing result summary"), size=TITLE_SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    _paragraph(document, cycle.display_title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, cycle.plan.title, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(
        document,
        _(
            "For the provincial committee · as of %(date)s",
            date=format_date(report.generated_at, "long", language),
        ),
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _paragraph(
        document, _("Scope: %(filters)s", filters=report.filters_text), align=WD_ALIGN_PARAGRAPH.CENTER
    )

    summary, cover = report.summary, report.coverage
    _heading(document, _("1. Participation"))
    _paragraph(
        document,
        _(
            "%(inputs)s inputs were received and %(hearings)s public hearings were held or scheduled; "
            "input came from %(with_input)s of the %(total)s subdistricts.",
            inputs=format_number(summary.inputs, language),
            hearings=format_number(summary.hearings, language),
            with_input=format_number(cover.with_input, language),
            total=format_number(cover.total, language),
        ),
        indent=True,
    )
    for dimension, title in (
        ("sector", _("By sector")),
        ("channel", _("By channel")),
        ("age_band", _("By age band")),
        ("gender", _("By gender")),
    ):
        _caption(document, title)
        _table(
            document,
            [_("Group"), _("Inputs")],
            [[label, format_number(count, language)] for label, count in report.breakdowns[dimension]],
        )

    _heading(document, _("2. Coverage"))
    _paragraph(
        document,
        _(
            "%(with_hearing)s of %(total)s subdistricts have a hearing; %(with_input)s have sent input; "
            "%(neither)s have neither.",
            with_hearing=format_number(cover.with_hearing, language),
            total=format_number(cover.total, language),
            with_input=format_number(cover.with_input, language),
            neither=format_number(len(cover.without_either), language),
        ),
        indent=True,
    )
    if cover.silent_sectors:
        _paragraph(
            document,
            _(
                "Sectors with no input at all: %(sectors)s",
                sectors=", ".join(str(SECTORS[s]) for s in cover.silent_sectors),
            ),
            indent=True,
        )
    _table(
        document,
        [_("District"), _("Subdistricts"), _("With a hearing"), _("With input"), _("Sectors without input")],
        [
            [
                d.name,
                d.subdistricts,
                d.with_hearing,
                d.with_input,
                ", ".join(str(SECTORS[s]) for s in d.missing_sectors) if d.with_input else _("no input yet"),
            ]
            for d in cover.districts
        ],
        widths=[Cm(3.4), Cm(1.6), Cm(2.4), Cm(2.4), Cm(6.2)],
    )
    if cover.late_minutes:
        _caption(document, _("Hearings whose minutes are overdue"))
        _table(
            document,
            [_("Hearing"), _("Held on")],
            [[h.title, format_date(h.starts_at, "long", language)] for h in cover.late_minutes],
        )

    _heading(document, _("3. Input per strategic issue"))
    codes = sorted(section.code for section in report.issues)
    areas = report.areas
    _caption(document, _("Issue × subdistrict") if areas.level == "subdistrict" else _("Issue × district"))
    _table(
        document,
        [_("Area"), _("Inputs"), *codes],
        [
            [
                row.name or _("Not given"),
                format_number(row.inputs, language),
                *(format_number(row.by_issue.get(code, 0), language) for code in codes),
            ]
            for row in areas.rows
            if row.inputs
        ]
        + [
            [
                _("Total"),
                format_number(areas.inputs, language),
                *(format_number(areas.issue_totals.get(code, 0), language) for code in codes),
            ]
        ],
        size=Pt(11),
        widths=[Cm(3.0), *_shared_widths(2.0, 0, len(codes), total=16.0 - 3.0)[:-1]],
    )
    cross = report.by_sector
    if len(cross.groups) >= 2:
        _caption(document, _("Which sectors raise which issue"))
        _table(
            document,
            [_("Strategic issue"), *(str(SECTORS[group]) for group in cross.groups), _("p-value")],
            [
                [
                    row.issue,
                    *(format_number(row.cells[group].count, language) for group in cross.groups),
                    _("too few inputs to test")
                    if row.too_small
                    else (f"{row.p_value:.3f}" if row.p_value is not None else "–"),
                ]
                for row in cross.rows
                if row.total
            ],
            size=Pt(12),
            widths=_shared_widths(2.8, 3.2, len(cross.groups)),
        )
    for section in report.issues:
        _caption(document, f"{section.code} {section.title}")
        _paragraph(
            document,
            ngettext(
                "%(inputs)s input (%(confirmed)s confirmed by planners).",
                "%(inputs)s inputs (%(confirmed)s confirmed by planners).",
                section.inputs,
                inputs=format_number(section.inputs, language),
                confirmed=format_number(section.confirmed, language),
            ),
            indent=True,
        )
        if section.voices.terms:
            _paragraph(
                document,
                _("Most said: %(terms)s", terms=", ".join(term for term, _count in section.voices.terms)),
                indent=True,
            )
        for quote in section.voices.quotes:
            _paragraph(
                document,
                f"“{quote.text}” ({SECTORS.get(quote.sector, quote.sector)})",
                italic=True,
                indent=True,
            )

    _heading(document, _("4. Proposed revisions"))
    if not report.revisions:
        _paragraph(document, _("No revision has been drafted yet."), indent=True)
    for revision in report.revisions:
        _caption(document, f"{revision.issue.code} {revision.title} ({revision.status_label})")
        _paragraph(document, _("Before: %(text)s", text=revision.text_before), indent=True)
        _paragraph(document, _("After: %(text)s", text=revision.text_after), indent=True)
        _paragraph(document, _("Why: %(text)s", text=revision.rationale), indent=True)
        _paragraph(
            document,
            ngettext(
                "Cites %(count)s input.",
                "Cites %(count)s inputs.",
                len(revision.inputs),
                count=format_number(len(revision.inputs), language),
            ),
            indent=True,
        )

    _paragraph(
        document,
        _("Prepared with consult on %(when)s.", when=format_datetime(report.generated_at, "long", language)),
        size=TABLE_SIZE,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _memo(document, report: CommitteeReport, language: str) -> None:
    """Page one: the memo that sends the summary to the committee's chair."""
    cycle, summary, cover = report.cycle, report.summary, report.coverage
    province = cycle.plan.province.name_en if language == "en" else cycle.plan.province.name_th
    title = document.add_paragraph()
    title.paragraph_format.tab_stops.add_tab_stop(MIDDLE, WD_TAB_ALIGNMENT.CENTER)
    title.paragraph_format.space_after = Pt(6)
    if report.emblem is not None:
        _styled(title.add_run()).add_picture(io.BytesIO(report.emblem.image), height=EMBLEM_HEIGHT)
    _styled(title.add_run("\t" + _("Memorandum")), size=MEMO_TITLE_SIZE, bold=True)

    _labelled(document, _("Office"), _("Provincial Office of %(province)s", province=province))
    number = _labelled(document, _("Ref."), BLANK)
    number.paragraph_format.tab_stops.add_tab_stop(MIDDLE, WD_TAB_ALIGNMENT.LEFT)
    _styled(number.add_run("\t" + _("Dated")), size=MEMO_LABEL_SIZE, bold=True)
    _styled(number.add_run("  " + format_date(report.generated_at, "long", language)))
    _labelled(document, _("Subject"), _("Summary of the hearings: %(cycle)s", cycle=cycle.display_title))
    addressee = _labelled(
        document,
        _("Attention"),
        _("Chair of the Provincial Integrated Administration Committee of %(province)s", province=province),
        size=BODY_SIZE,
    )
    addressee.paragraph_format.space_before = Pt(6)

    top_issues = [section for section in report.issues if section.inputs][:3]
    facts = _(
        "%(inputs)s inputs were received and %(hearings)s public hearings were held or scheduled; "
        "input came from %(with_input)s of the %(total)s subdistricts.",
        inputs=format_number(summary.inputs, language),
        hearings=format_number(summary.hearings, language),
        with_input=format_number(cover.with_input, language),
        total=format_number(cover.total, language),
    )
    if top_issues:
        facts += " " + _(
            "The issues raised most: %(issues)s.",
            issues=", ".join(
                f"{section.code} {section.title} ({format_number(section.inputs, language)})"
                for section in top_issues
            ),
        )
    paragraphs = [
        _(
            "As %(province)s reviews %(plan)s, it has heard the public and every sector on it.",
            province=province,
            plan=cycle.plan.title,
        ),
        facts,
        ngettext(
            "%(count)s revision of the plan is proposed. The details are in the attached summary.",
            "%(count)s revisions of the plan are proposed. The details are in the attached summary.",
            len(report.revisions),
            count=format_number(len(report.revisions), language),
        ),
    ]
    for text in paragraphs:
        _paragraph(document, text, indent=True).paragraph_format.space_before = Pt(6)
    closing = _paragraph(document, _("For your consideration."), indent=True)
    closing.paragraph_format.space_before = Pt(12)
    closing.paragraph_format.keep_with_next = True  # never a signature alone on a page

    for index, text in enumerate((f"({BLANK})", _("Position") + " " + BLANK)):
        line = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.CENTER)
        line.paragraph_format.left_indent = SIGNATURE_INDENT
        line.paragraph_format.keep_with_next = index == 0
        if index == 0:
            line.paragraph_format.space_before = Pt(42)  # room for the signature
    _styled(line.add_run()).add_break(WD_BREAK.PAGE)  # the summary, the memo's attachment, follows


def _labelled(document, label: str, value: str, size=None):
    """A memo line: its label in bold 20 pt, its value in the body size."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    _styled(paragraph.add_run(label), size=size or MEMO_LABEL_SIZE, bold=True)
    _styled(paragraph.add_run("  " + value))
    return paragraph


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance = Cm(1.2)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _styled(header.add_run("- "))
    _page_number_field(header)
    _styled(header.add_run(" -"))


def _page_number_field(paragraph) -> None:
    run = _styled(paragraph.add_run())
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == "PAGE" else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _fonts(document) -> None:
    """Word picks the font of Thai text from the complex-script slot: name it everywhere."""
    for style_name in ("Normal", "Table Grid"):
        style = document.styles[style_name]
        style.font.name = FONT
        style.font.size = BODY_SIZE if style_name == "Normal" else TABLE_SIZE
        properties = style.element.get_or_add_rPr()
        _set_font_slots(properties)
        size = properties.find(qn("w:szCs"))
        if size is None:
            size = OxmlElement("w:szCs")
            properties.append(size)
        size.set(qn("w:val"), str(int((BODY_SIZE if style_name == "Normal" else TABLE_SIZE).pt * 2)))
        language = properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            properties.append(language)
        language.set(qn("w:bidi"), "th-TH")
    # Single spacing, as official documents are typed (Word's default 1.08 adds a line a page).
    document.styles["Normal"].paragraph_format.line_spacing = 1.0
    document.core_properties.language = "th-TH"


def _set_font_slots(properties) -> None:
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def _styled(run, size=None, bold=False, italic=False):
    run.font.name = FONT
    run.font.size = size or BODY_SIZE
    run.bold, run.italic = bold or None, italic or None
    properties = run._r.get_or_add_rPr()
    _set_font_slots(properties)
    complex_size = OxmlElement("w:szCs")
    complex_size.set(qn("w:val"), str(int((size or BODY_SIZE).pt * 2)))
    properties.append(complex_size)
    if bold:
        properties.append(OxmlElement("w:bCs"))
    return run


def _paragraph(document, text: str, *, size=None, bold=False, italic=False, align=None, indent=False):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(2.5)  # the customary Thai paragraph indent
    paragraph.paragraph_format.space_after = Pt(0)
    _styled(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    return paragraph


def _caption(document, text: str) -> None:
    """A bold title kept on the page of what follows it (a table, a quote)."""
    _paragraph(document, text, bold=True).paragraph_format.keep_with_next = True


def _heading(document, text: str) -> None:
    paragraph = _paragraph(document, text, bold=True)
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.keep_with_next = True


def _table(document, header: list[str], rows: list[list], size=TABLE_SIZE, widths=None) -> None:
    """A gridded table; `widths` (Cm) keep narrow columns from breaking Thai words inside."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header):
        cell.paragraphs[0].text = ""
        _styled(cell.paragraphs[0].add_run(str(text)), size=size, bold=True)
    _repeat_as_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            _styled(cell.paragraphs[0].add_run(str(value)), size=size)
    if widths:
        table.autofit = False
        _narrow_cell_margins(table)
        for column, width in zip(table.columns, widths):
            column.width = width  # the grid, which LibreOffice follows; Word follows the cells
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width


def _narrow_cell_margins(table, twips: int = 45) -> None:
    """0.08 cm each side instead of Word's 0.19 cm: a code such as SI10 fits its column."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _shared_widths(first: float, last: float, middle: int, total: float = 16.0) -> list:
    """Column widths: the first and last as given, the text width's rest shared by the others."""
    each = (total - first - last) / max(middle, 1)
    return [Cm(first), *(Cm(each) for _ in range(middle)), Cm(last)]


def _repeat_as_header(row) -> None:
    """The header row is printed again at the top of each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
