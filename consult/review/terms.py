"""The words and two-word phrases of input texts, segmented once and kept in InputTerms."""

import logging
from hashlib import blake2b

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError

from consult.extensions import db
from consult.inputs.models import CitizenInput
from consult.review.models import InputTerms
from consult.tagging.text import tokenize

log = logging.getLogger(__name__)
ROWS_PER_INSERT = 300


def text_hash(text: str) -> str:
    return blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def terms_of(text: str) -> set[str]:
    """Words and adjacent word pairs, as top_terms counts them; numbers on their own tell a
    planner nothing and are left out."""
    words = [word for word in tokenize(text) if not word[0].isdigit()]
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:]) if a != b}


def terms_for_inputs(items) -> dict[int, list[str]]:
    """input id → its distinct terms, from (id, text, stored hash, stored terms) as the caller
    read them (see `with_stored_terms`): the stored segmentation where it is of the current
    text, else segmented now and stored for next time."""
    result, fresh = {}, []
    for input_id, text, kept_hash, kept_terms in items:
        if input_id in result:
            continue
        digest = text_hash(text)
        if kept_hash == digest:
            result[input_id] = kept_terms.split("\n") if kept_terms else []
            continue
        result[input_id] = sorted(terms_of(text))
        fresh.append({"input_id": input_id, "text_hash": digest, "terms": "\n".join(result[input_id])})
    if fresh:
        _store(fresh)
    return result


def with_stored_terms(query):
    """The query (of inputs) with each input's stored terms beside it, read in the same statement."""
    return query.add_columns(InputTerms.text_hash, InputTerms.terms).outerjoin(
        InputTerms, InputTerms.input_id == CitizenInput.id
    )


def _store(rows: list[dict]) -> None:
    """Written in a transaction of its own, so that a page that only reads need not commit;
    two pages segmenting the same input at once both succeed (the last one wins)."""
    engine = db.engine
    insert = postgresql_insert if engine.dialect.name == "postgresql" else sqlite_insert
    try:
        with engine.begin() as connection:
            for start in range(0, len(rows), ROWS_PER_INSERT):
                statement = insert(InputTerms).values(rows[start : start + ROWS_PER_INSERT])
                connection.execute(
                    statement.on_conflict_do_update(
                        index_elements=[InputTerms.input_id],
                        set_={"text_hash": statement.excluded.text_hash, "terms": statement.excluded.terms},
                    )
                )
    except DBAPIError as error:  # only a cache: the terms were computed and are used anyway
        log.warning("could not store segmented terms: %s", error)


def segment_new_inputs(limit: int = 5000) -> int:
    """Segment inputs that have no stored terms yet; the scheduler runs this every few minutes
    so that dashboards rarely wait for segmentation."""
    rows = db.session.execute(
        select(CitizenInput.id, CitizenInput.text)
        .outerjoin(InputTerms, InputTerms.input_id == CitizenInput.id)
        .where(InputTerms.input_id.is_(None))
        .order_by(CitizenInput.id.desc())
        .limit(limit)
    ).all()
    for start in range(0, len(rows), 500):
        terms_for_inputs([(row.id, row.text, None, None) for row in rows[start : start + 500]])
    return len(rows)
