"""The committee report (รายงานสรุปผลการรับฟังความคิดเห็น) for the provincial committee (กบจ.):
participation, coverage, input per issue with representative quotes, and the proposed
revisions. One content, two forms: a printable page and a DOCX document (report_docx.py)."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from consult.extensions import db
from consult.geography.models import ProvinceEmblem
from consult.i18n import current_language, to_local
from consult.review.charts import (
    BarChart,
    CoverageMap,
    TimeChart,
    bar_chart,
    coverage_map,
    fit_label,
    time_chart,
)
from consult.review.coverage import Coverage, coverage
from consult.review.dashboard import labelled
from consult.review.filters import ReviewFilter, describe_filters
from consult.review.queries import CycleSummary, breakdown, cycle_summary
from consult.review.tables import AreaTable, CrossTable, activity_by_day, cross_table, issues_by_area
from consult.review.voices import IssueVoices, voices_by_issue
from consult.strategy.models import REVISION_PUBLISHED, Revision

QUOTES_PER_ISSUE = 3
TERMS_PER_ISSUE = 8
GAPS_LISTED = 40


@dataclass
class IssueSection:
    code: str
    title: str
    inputs: int
    confirmed: int
    voices: IssueVoices


@dataclass
class CommitteeReport:
    cycle: object
    filters: ReviewFilter
    filters_text: str
    generated_at: datetime
    summary: CycleSummary
    breakdowns: dict[str, list[tuple[str, int]]]
    coverage: Coverage
    issues: list[IssueSection]
    revisions: list[Revision]
    activity: TimeChart
    charts: dict[str, BarChart]  # sector, issue
    place_map: CoverageMap
    areas: AreaTable
    by_sector: CrossTable
    emblem: ProvinceEmblem | None

    @property
    def gaps(self):
        return self.coverage.without_either[:GAPS_LISTED]

    @property
    def fiscal_year(self) -> int:
        """Of the report's date: Buddhist Era on the Thai site, the Common Era year on the English."""
        year = fiscal_year(to_local(self.generated_at).date())
        return year if current_language() == "th" else year - 543

    @property
    def published_revisions(self) -> int:
        return sum(1 for revision in self.revisions if revision.status == REVISION_PUBLISHED)


def fiscal_year(day: date) -> int:
    """The Thai government's fiscal year (ปีงบประมาณ, Buddhist Era) a day falls in: it begins on
    1 October of the year before the one it is named after."""
    return day.year + 543 + (1 if day.month >= 10 else 0)


def build_report(cycle, filters: ReviewFilter, *, now: datetime, minutes_due_days: int) -> CommitteeReport:
    summary = cycle_summary(cycle, filters)
    breakdowns = {"sector": labelled("sector", summary.by_sector)}
    for dimension in ("channel", "age_band", "gender"):
        breakdowns[dimension] = labelled(dimension, breakdown(cycle, dimension, filters))
    voices = voices_by_issue(cycle, filters, terms=TERMS_PER_ISSUE, quotes=QUOTES_PER_ISSUE)
    issues = sorted(
        (
            IssueSection(
                code=issue.code,
                title=issue.title,
                inputs=summary.by_issue.get(issue.code, 0),
                confirmed=summary.confirmed_by_issue.get(issue.code, 0),
                voices=voices[issue.code],
            )
            for issue in cycle.plan.issues
        ),
        key=lambda section: -section.inputs,
    )
    sector_counts = labelled("sector", summary.by_sector)
    issue_counts = [(fit_label(f"{section.code} {section.title}"), section.inputs) for section in issues]
    result = coverage(cycle, filters, now=now, minutes_due_days=minutes_due_days)
    revisions = list(
        db.session.scalars(
            select(Revision)
            .where(Revision.cycle_id == cycle.id)
            .order_by(Revision.status.desc(), Revision.id)
        )
    )
    return CommitteeReport(
        cycle=cycle,
        filters=filters,
        filters_text=describe_filters(cycle, filters),
        generated_at=now,
        summary=summary,
        breakdowns=breakdowns,
        coverage=result,
        issues=issues,
        revisions=revisions,
        activity=time_chart(activity_by_day(cycle, filters), to_local(now).date()),
        charts={"sector": bar_chart(sector_counts), "issue": bar_chart(issue_counts)},
        place_map=coverage_map(result, cycle.province_code),
        areas=issues_by_area(cycle, filters),
        by_sector=cross_table(cycle, "sector", filters),
        emblem=db.session.get(ProvinceEmblem, cycle.province_code),
    )
