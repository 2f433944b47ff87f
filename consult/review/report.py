"""The committee report (รายงานสรุปผลการรับฟังความคิดเห็น) for the provincial committee (กบจ.):
participation, coverage, input per issue with representative quotes, and the proposed
revisions. One content, two forms: a printable page and a DOCX document (report_docx.py)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from consult.extensions import db
from consult.review.coverage import Coverage, coverage
from consult.review.dashboard import labelled
from consult.review.filters import ReviewFilter, describe_filters
from consult.review.queries import CycleSummary, breakdown, cycle_summary
from consult.review.voices import IssueVoices, voices_by_issue
from consult.strategy.models import Revision

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

    @property
    def gaps(self):
        return self.coverage.without_either[:GAPS_LISTED]


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
        coverage=coverage(cycle, filters, now=now, minutes_due_days=minutes_due_days),
        issues=issues,
        revisions=revisions,
    )
