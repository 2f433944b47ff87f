"""The planners' input list (filtered, searched, paged) and the row-level export's batches."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.inputs.models import CitizenInput
from consult.inputs.search import text_condition
from consult.review.filters import ReviewFilter
from consult.review.queries import NO_FILTER, counted_tags, input_conditions
from consult.strategy.models import REVISION_PUBLISHED, Revision, StrategicIssue, StrategyCycle
from consult.tagging.models import InputTag


@dataclass(frozen=True)
class InputSearch:
    text: str = ""
    issue: str | None = None  # an issue code: inputs with a non-rejected tag for it
    status: str | None = None


def input_query(cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER, search: InputSearch = InputSearch()):
    query = select(CitizenInput).where(*input_conditions(cycle, filters))
    if search.text:
        query = query.where(text_condition(search.text, cycle.province_code))
    if search.issue:
        query = query.where(
            CitizenInput.id.in_(
                select(InputTag.input_id)
                .join(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
                .where(
                    StrategicIssue.plan_id == cycle.plan_id,
                    StrategicIssue.code == search.issue,
                    counted_tags(),
                )
            )
        )
    if search.status:
        query = query.where(CitizenInput.status == search.status)
    return query


def input_page(
    cycle: StrategyCycle,
    filters: ReviewFilter = NO_FILTER,
    search: InputSearch = InputSearch(),
    *,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[CitizenInput], int]:
    """One page of the planners' input list (newest first) and how many inputs it has in all;
    words are matched by the full-text index, as on the tagging search page."""
    query = input_query(cycle, filters, search)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(
        query.options(selectinload(CitizenInput.tags).selectinload(InputTag.issue))
        .order_by(CitizenInput.submitted_at.desc(), CitizenInput.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return list(items), total


def export_batch(
    cycle: StrategyCycle, filters: ReviewFilter, after_id: int, limit: int
) -> list[CitizenInput]:
    """The next counted inputs after `after_id` in id order, with what an export row shows
    loaded: exports read a million rows in such batches (keyset, not offset)."""
    return list(
        db.session.scalars(
            select(CitizenInput)
            .where(*input_conditions(cycle, filters), CitizenInput.id > after_id)
            .options(
                selectinload(CitizenInput.tags).selectinload(InputTag.issue),
                selectinload(CitizenInput.contact),
                selectinload(CitizenInput.hearing),
                selectinload(CitizenInput.subdistrict),
            )
            .order_by(CitizenInput.id)
            .limit(limit)
        )
    )


def published_revisions(cycle: StrategyCycle) -> list[Revision]:
    return list(
        db.session.scalars(
            select(Revision)
            .where(Revision.cycle_id == cycle.id, Revision.status == REVISION_PUBLISHED)
            .order_by(Revision.published_at)
        )
    )


def status_counts_by_issue(
    cycle: StrategyCycle, filters: ReviewFilter = NO_FILTER
) -> dict[str, dict[str, int]]:
    """issue code → input status → inputs: what became of the input on each issue."""
    result: dict[str, dict[str, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(StrategicIssue.code, CitizenInput.status, func.count())
        .select_from(CitizenInput)
        .join(InputTag, InputTag.input_id == CitizenInput.id)
        .join(StrategicIssue, StrategicIssue.id == InputTag.issue_id)
        .where(*input_conditions(cycle, filters), counted_tags())
        .group_by(StrategicIssue.code, CitizenInput.status)
    )
    for code, status, count in rows:
        result[code][status] = count
    return dict(result)
