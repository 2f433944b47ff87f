"""What people say: for each issue, its most telling words and the inputs that represent them."""

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from consult.extensions import db
from consult.inputs.models import MODERATION_APPROVED, CitizenInput
from consult.review.filters import ReviewFilter
from consult.review.queries import NO_FILTER, counted_tags, input_conditions
from consult.review.terms import terms_for_inputs, with_stored_terms
from consult.strategy.models import StrategyCycle
from consult.tagging.models import InputTag

VOICES_SAMPLE = 200  # inputs per issue read for "what people say"
VOICES_WINDOW = 2000  # of the cycle's latest inputs, which those are taken from


@dataclass
class Quote:
    input_id: int
    receipt: str
    text: str
    sector: str
    approved: bool


@dataclass
class IssueVoices:
    issue: str
    sampled: int
    terms: list[tuple[str, int]]
    quotes: list[Quote]


def voices_by_issue(
    cycle: StrategyCycle,
    filters: ReviewFilter = NO_FILTER,
    *,
    terms: int = 12,
    quotes: int = 3,
    public: bool = False,
    sample: int = VOICES_SAMPLE,
) -> dict[str, IssueVoices]:
    """Per issue, the most frequent words and phrases of its latest inputs (each counted once
    per input) and the inputs that say most of them in few words, as representative quotes.
    The latest VOICES_WINDOW inputs of the cycle (after the filters) are read once, with their
    tags and stored words, and each issue takes up to `sample` of them: one statement, however
    many issues. `public` reads only texts that moderation approved for publication."""
    where = input_conditions(cycle, filters)
    if public:
        where.append(CitizenInput.moderation == MODERATION_APPROVED)
    newest = (
        select(CitizenInput.id)
        .where(*where)
        .order_by(CitizenInput.submitted_at.desc(), CitizenInput.id.desc())
        .limit(VOICES_WINDOW)
        .subquery()
    )
    rows = db.session.execute(
        with_stored_terms(
            select(
                InputTag.issue_id,
                CitizenInput.id,
                CitizenInput.receipt,
                CitizenInput.text,
                CitizenInput.sector,
                CitizenInput.moderation,
            )
            .join(newest, newest.c.id == CitizenInput.id)
            .join(InputTag, InputTag.input_id == CitizenInput.id)
            .where(counted_tags())
            .order_by(CitizenInput.submitted_at.desc(), CitizenInput.id.desc())
        )
    ).all()
    by_issue: dict[int, list] = defaultdict(list)
    for row in rows:
        if len(by_issue[row.issue_id]) < sample:
            by_issue[row.issue_id].append(row)
    term_sets = terms_for_inputs(
        [(row.id, row.text, row.text_hash, row.terms) for chosen in by_issue.values() for row in chosen]
    )
    result = {}
    for issue in cycle.plan.issues:
        chosen = by_issue.get(issue.id, [])
        counts: Counter = Counter()
        for row in chosen:
            counts.update(term_sets[row.id])
        top = heapq.nsmallest(terms, counts.items(), key=lambda item: (-item[1], item[0]))
        result[issue.code] = IssueVoices(
            issue=issue.code,
            sampled=len(chosen),
            terms=top,
            quotes=_representative(chosen, term_sets, dict(top), quotes, public),
        )
    return result


def _representative(rows, term_sets, top: dict[str, int], limit: int, public: bool) -> list[Quote]:
    top_terms = set(top)

    def score(row) -> float:
        found = term_sets[row.id]
        return sum(top[term] for term in top_terms.intersection(found)) / max(len(found), 1) ** 0.5

    chosen, seen = [], set()
    if limit <= 0:
        return chosen
    for row in sorted(rows, key=lambda r: (-score(r), r.id)):
        approved = row.moderation == MODERATION_APPROVED
        if (public and not approved) or row.text in seen:
            continue
        seen.add(row.text)
        chosen.append(
            Quote(input_id=row.id, receipt=row.receipt, text=row.text, sector=row.sector, approved=approved)
        )
        if len(chosen) == limit:
            break
    return chosen
