""" "The public "you said, we did": what a cycle heard on each strategic issue and what changed
because of it. Counts always; words and quotes only from texts the province publishes and a
moderator approved."""

from dataclasses import dataclass, field

from consult.inputs.moderation import publishes_texts
from consult.review.input_lists import published_revisions, status_counts_by_issue
from consult.review.queries import CycleSummary, cycle_summary
from consult.review.voices import IssueVoices, voices_by_issue
from consult.strategy.models import Revision

PUBLIC_SAMPLE = 150  # inputs per issue read for the public page's words and quotes


@dataclass
class IssueResult:
    issue: object
    inputs: int
    statuses: dict[str, int]
    voices: IssueVoices
    revisions: list[Revision] = field(default_factory=list)


def cycle_results(cycle, *, quotes: int = 2) -> tuple[CycleSummary, list[IssueResult]]:
    summary = cycle_summary(cycle)
    statuses = status_counts_by_issue(cycle)
    if publishes_texts(cycle.province_code):
        voices = voices_by_issue(cycle, quotes=quotes, public=True, sample=PUBLIC_SAMPLE)
    else:  # words of unpublished texts could still name people: counts only
        voices = {
            issue.code: IssueVoices(issue=issue.code, sampled=0, terms=[], quotes=[])
            for issue in cycle.plan.issues
        }
    revisions = published_revisions(cycle)
    results = [
        IssueResult(
            issue=issue,
            inputs=summary.by_issue.get(issue.code, 0),
            statuses=statuses.get(issue.code, {}),
            voices=voices[issue.code],
            revisions=[r for r in revisions if r.issue_id == issue.id],
        )
        for issue in cycle.plan.issues
    ]
    return summary, results
