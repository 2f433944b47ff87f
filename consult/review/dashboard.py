"""Everything the planners' dashboard shows, gathered from the shared queries in one place."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from consult.review.charts import BarChart, TimeChart, bar_chart, time_chart
from consult.review.filters import ReviewFilter
from consult.review.queries import (
    ANSWERED_STATUSES,
    DIMENSIONS,
    NOT_GIVEN,
    CycleSummary,
    breakdown,
    cycle_summary,
)
from consult.review.tables import AreaTable, CrossTable, activity_by_day, cross_table, issues_by_area
from consult.review.voices import IssueVoices, voices_by_issue
from consult.scale.cache import cached_per_cycle_version


def labelled(dimension: str, counts: dict[str, int]) -> list[tuple[str, int]]:
    """(label, count) in the dimension's own order, "not given" last; absent values count 0."""
    labels = DIMENSIONS[dimension]
    items = [(str(label), counts.get(key, 0)) for key, label in labels.items()]
    if counts.get(NOT_GIVEN):
        items.append((_("Not given"), counts[NOT_GIVEN]))
    return items


def group_label(dimension: str, key: str) -> str:
    return str(DIMENSIONS[dimension].get(key, _("Not given")))


@dataclass
class Dashboard:
    summary: CycleSummary
    answered: int
    activity: TimeChart
    areas: AreaTable
    charts: dict[str, BarChart]
    voices: dict[str, IssueVoices]
    cross: CrossTable

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.summary.inputs if self.summary.inputs else None

    def __deepcopy__(self, memo):
        # Only ever read (by the page's template): the per-version cache may hand out the same
        # object instead of copying its hundreds of cells on every view.
        return self


@cached_per_cycle_version
def build_dashboard(cycle, filters: ReviewFilter, cross_dimension: str, today: date) -> Dashboard:
    summary = cycle_summary(cycle, filters)
    charts = {"sector": bar_chart(labelled("sector", summary.by_sector))}
    statuses = {}
    for dimension in ("channel", "age_band", "gender", "status"):
        counts = breakdown(cycle, dimension, filters)
        charts[dimension] = bar_chart(labelled(dimension, counts))
        if dimension == "status":
            statuses = counts
    return Dashboard(
        summary=summary,
        answered=sum(statuses.get(status, 0) for status in ANSWERED_STATUSES),
        activity=time_chart(activity_by_day(cycle, filters), today),
        areas=issues_by_area(cycle, filters),
        charts=charts,
        voices=voices_by_issue(cycle, filters),
        cross=cross_table(cycle, cross_dimension, filters),
    )
