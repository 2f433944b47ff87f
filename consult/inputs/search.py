"""Thai full-text search over inputs, for planners: one function over both databases, and the
rebuilding of the index it reads.

SQLite reads the FTS5 table ``input_search_fts`` (ranked by BM25), PostgreSQL a GIN-indexed
tsvector of the same words (ranked by ts_rank); both index the words of
:func:`consult.tagging.index.index_terms` (of the text without its personal numbers and emails,
:func:`search_terms`), so the same query finds the same inputs.
"""

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import and_, column, delete, exists, false, func, insert, literal_column, select, table
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.inputs.masking import mask_personal_data, without_personal_data
from consult.inputs.models import CitizenInput
from consult.tagging.index import FTS_TABLE, index_terms, province_word
from consult.tagging.models import TAG_REJECTED, InputSearchText, InputTag
from consult.tagging.text import tokenize

MAX_QUERY_WORDS = 8
SNIPPET_CHARS = 400
SNIPPET_LEAD = 60
REINDEX_BATCH = 2000


@dataclass(frozen=True)
class SearchHit:
    input: CitizenInput
    score: float
    snippet: Markup


@dataclass(frozen=True)
class SearchResults:
    words: tuple[str, ...]
    hits: list[SearchHit]
    more: bool  # another page follows


PROVINCE_WORD = re.compile(r"prov\d+")


def search_terms(text: str, province_code: str) -> str:
    """The index words of an input: its personal numbers and emails are not among them."""
    return index_terms(without_personal_data(text), province_code)


def query_words(query: str) -> tuple[str, ...]:
    """The query's words, without any that would read as the index's province word."""
    words = (word for word in tokenize(query) if not PROVINCE_WORD.fullmatch(word))
    return tuple(dict.fromkeys(words))[:MAX_QUERY_WORDS]


def _matching(query, words: tuple[str, ...], province: str):
    """``query`` narrowed to the inputs of ``province`` whose index holds every word, with a
    "score" column, and the order that puts the best match first."""
    if db.engine.dialect.name == "postgresql":
        document = func.to_tsvector("simple", InputSearchText.terms)
        wanted = func.plainto_tsquery("simple", " ".join((province_word(province), *words)))
        score = func.ts_rank(document, wanted)
        return (
            query.add_columns(score.label("score"))
            .join(InputSearchText, InputSearchText.input_id == CitizenInput.id)
            .where(document.op("@@")(wanted))
        ), [score.desc()]
    fts = table(FTS_TABLE, column("rowid"), column("rank"))
    # each word a quoted phrase: FTS5 query syntax (AND, NEAR, *) in a citizen's text stays text
    match = " ".join('"' + word.replace('"', '""') + '"' for word in (province_word(province), *words))
    score = fts.c.rank
    return (
        query.add_columns((-score).label("score"))
        .join(fts, fts.c.rowid == CitizenInput.id)
        .where(literal_column(FTS_TABLE).op("MATCH")(match))
    ), [score]  # BM25 in FTS5: lower is better


def text_condition(query: str, province: str):
    """The same match as a condition that any query over inputs can take: the planners' input
    list counts and pages its inputs with it. A query without words matches nothing."""
    words = query_words(query)
    if not words:
        return false()
    found, _order = _matching(select(CitizenInput.id), words, province)
    return CitizenInput.id.in_(found.with_only_columns(CitizenInput.id))


def search_inputs(
    query: str,
    *,
    province: str,
    cycle_id: int | None = None,
    issue: int | None = None,
    district: str | None = None,
    sector: str | None = None,
    hearing_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> SearchResults:
    """Inputs of ``province`` holding every word of ``query``, best match first (newest first
    among equals). ``issue`` is a strategic issue id: inputs with a tag for it that no planner
    rejected. An empty query, or one of stopwords only, finds nothing."""
    words = query_words(query)
    if not words:
        return SearchResults(words, [], False)
    found, order = _matching(select(CitizenInput), words, province)
    conditions = [CitizenInput.province_code == province]
    if cycle_id is not None:
        conditions.append(CitizenInput.cycle_id == cycle_id)
    if district:
        conditions.append(CitizenInput.district_code == district)
    if sector:
        conditions.append(CitizenInput.sector == sector)
    if hearing_id is not None:
        conditions.append(CitizenInput.hearing_id == hearing_id)
    if issue is not None:
        conditions.append(
            exists().where(
                and_(
                    InputTag.input_id == CitizenInput.id,
                    InputTag.issue_id == issue,
                    InputTag.state != TAG_REJECTED,
                )
            )
        )
    rows = db.session.execute(
        found.where(*conditions)
        .order_by(*order, CitizenInput.submitted_at.desc(), CitizenInput.id.desc())
        .options(
            selectinload(CitizenInput.tags).selectinload(InputTag.issue),
            selectinload(CitizenInput.subdistrict),
        )  # each hit names its subdistrict
        .offset(offset)
        .limit(limit + 1)
    ).all()
    hits = [
        SearchHit(row[0], float(row.score), highlight(mask_personal_data(row[0].text), words))
        for row in rows[:limit]
    ]
    return SearchResults(words, hits, len(rows) > limit)


def highlight(text: str, words: tuple[str, ...] | list[str]) -> Markup:
    """The text (or a window of it around the first match) HTML-escaped, with every occurrence
    of a query word marked."""
    pattern = (
        re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)
        if words
        else None
    )
    first = pattern.search(text) if pattern else None
    start = 0
    if len(text) > SNIPPET_CHARS and first and first.start() > SNIPPET_LEAD:
        start = first.start() - SNIPPET_LEAD
    window = text[start : start + SNIPPET_CHARS]
    parts = ["…"] if start else []
    position = 0
    for match in pattern.finditer(window) if pattern else ():
        parts.append(escape(window[position : match.start()]))
        parts.append(Markup("<mark>%s</mark>") % match.group())
        position = match.end()
    parts.append(escape(window[position:]))
    if start + SNIPPET_CHARS < len(text):
        parts.append("…")
    return Markup("").join(parts)


def reindex(province_code: str | None = None, batch: int = REINDEX_BATCH) -> int:
    """Rebuild the index rows of all inputs (or one province's), in batches committed one by one,
    for inputs written in bulk (synthetic data, restored backups) or after an index change."""
    done = 0
    last_id = 0
    while True:
        query = select(CitizenInput.id, CitizenInput.text, CitizenInput.province_code).where(
            CitizenInput.id > last_id
        )
        if province_code:
            query = query.where(CitizenInput.province_code == province_code)
        rows = db.session.execute(query.order_by(CitizenInput.id).limit(batch)).all()
        if not rows:
            return done
        ids = [row.id for row in rows]
        db.session.execute(delete(InputSearchText).where(InputSearchText.input_id.in_(ids)))
        db.session.execute(
            insert(InputSearchText),
            [{"input_id": row.id, "terms": search_terms(row.text, row.province_code)} for row in rows],
        )
        db.session.commit()
        done += len(rows)
        last_id = ids[-1]
