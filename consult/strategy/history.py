"""The plan's history: each strategic issue's wording at any date, and what each revision changed."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.i18n import LOCAL_ZONE
from consult.strategy.diff import Piece, word_diff
from consult.strategy.models import IssueVersion, Revision, StrategicIssue, StrategicPlan


@dataclass
class Wording:
    version: int
    title_th: str
    title_en: str
    description: str
    valid_from: datetime
    revision: Revision | None = None
    changes: list[Piece] = field(default_factory=list)  # against the version before


def _stored_versions(issue_ids) -> dict[int, list[IssueVersion]]:
    versions: dict[int, list[IssueVersion]] = {}
    for version in db.session.scalars(
        select(IssueVersion)
        .where(IssueVersion.issue_id.in_(list(issue_ids)))
        .options(selectinload(IssueVersion.revision))
        .order_by(IssueVersion.issue_id, IssueVersion.version)
    ):
        versions.setdefault(version.issue_id, []).append(version)
    return versions


def issue_history(issue: StrategicIssue) -> list[Wording]:
    """Every wording the issue has had, oldest first; an issue never revised has one."""
    stored = _stored_versions([issue.id]).get(issue.id)
    if not stored:
        return [
            Wording(
                version=1,
                title_th=issue.title_th,
                title_en=issue.title_en,
                description=issue.description_th,
                valid_from=issue.plan.created_at,
            )
        ]
    history = []
    for version in stored:
        previous = history[-1].description if history else None
        history.append(
            Wording(
                version=version.version,
                title_th=version.title_th,
                title_en=version.title_en,
                description=version.description_th,
                valid_from=version.valid_from,
                revision=version.revision,
                changes=word_diff(previous, version.description_th) if previous is not None else [],
            )
        )
    return history


@dataclass
class IssueOnDate:
    issue: StrategicIssue
    wording: Wording
    latest_version: int

    @property
    def is_current(self) -> bool:
        return self.wording.version == self.latest_version


def plan_on(plan: StrategicPlan, day: date) -> list[IssueOnDate]:
    """Each issue's wording in force at the end of `day` (Bangkok time)."""
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=LOCAL_ZONE)
    stored = _stored_versions(issue.id for issue in plan.issues)
    result = []
    for issue in plan.issues:
        versions = stored.get(issue.id)
        if not versions:
            wording = Wording(1, issue.title_th, issue.title_en, issue.description_th, plan.created_at)
            result.append(IssueOnDate(issue, wording, 1))
            continue
        in_force = [v for v in versions if v.valid_from < end] or versions[:1]
        chosen = in_force[-1]
        result.append(
            IssueOnDate(
                issue,
                Wording(
                    chosen.version,
                    chosen.title_th,
                    chosen.title_en,
                    chosen.description_th,
                    chosen.valid_from,
                    chosen.revision,
                ),
                versions[-1].version,
            )
        )
    return result


def published_revisions_of_plan(plan: StrategicPlan) -> list[Revision]:
    return list(
        db.session.scalars(
            select(Revision)
            .where(Revision.plan_id == plan.id, Revision.published_at.is_not(None))
            .order_by(Revision.published_at.desc())
        )
    )
