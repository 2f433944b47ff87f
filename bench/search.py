"""Thai search over the inputs of a database filled by `consult synth`.

    python -m bench.search DATABASE_URL

The search belongs to the inputs area (consult.inputs.search.search_inputs: FTS5 on SQLite,
a GIN-indexed tsvector on PostgreSQL, over the words kept in input_search_text). It is always
scoped to one province, as the planners' search page is; measured here over every cycle of the
province with the most inputs, for words of each strategic issue, a common word found inside
compounds ("น้ำ") and a place name. Beside it, the same run times the bare index lookup (how
many inputs hold the words), and the planners' search page around it.
"""

import importlib.util
import sys

from sqlalchemy import func, select, text

from bench.common import (
    Figure,
    bench_app,
    database_kind,
    emit,
    ensure_planner,
    log,
    median,
    signed_in_client,
    timings_ms,
)

SEARCH_LIMIT_MS = 100
RUNS = 5
QUERIES = ["ฝาย", "น้ำท่วม", "ผู้สูงอายุ", "ยาเสพติด", "ถนนลาดยาง", "ขยะ", "โฮมสเตย์", "ครู", "น้ำ"]


def _busiest_province(app) -> tuple[str, int, int]:
    """(province code, its inputs, its latest cycle) for the province with the most inputs."""
    from consult.extensions import db
    from consult.inputs.models import CitizenInput

    with app.app_context():
        province, count = db.session.execute(
            select(CitizenInput.province_code, func.count())
            .group_by(CitizenInput.province_code)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        cycle_id = db.session.scalar(
            select(func.max(CitizenInput.cycle_id)).where(CitizenInput.province_code == province)
        )
    return province, count, cycle_id


def _place_name(app, province: str) -> str:
    from consult.extensions import db
    from consult.geography.models import Subdistrict

    with app.app_context():
        return db.session.scalar(
            select(Subdistrict.name_th)
            .where(Subdistrict.province_code == province)
            .order_by(func.length(Subdistrict.name_th).desc(), Subdistrict.code)
            .limit(1)
        )


def _matches(app, words: tuple[str, ...], province: str) -> int:
    """Inputs of the province holding all the words: the index lookup alone, without ranking or
    rows (the province is a word of the index)."""
    from consult.extensions import db
    from consult.tagging.index import FTS_TABLE, province_word

    words = (province_word(province), *words)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            return db.session.scalar(
                text(
                    "SELECT count(*) FROM input_search_text WHERE to_tsvector('simple', terms) "
                    "@@ plainto_tsquery('simple', :words)"
                ),
                {"words": " ".join(words)},
            )
        match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        return db.session.scalar(
            text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"), {"match": match}
        )


def measure(url: str, label: str = "province with the most inputs") -> list[Figure]:
    database = database_kind(url)
    if importlib.util.find_spec("consult.inputs.search") is None:
        return [
            emit(
                Figure(
                    "Thai search over the inputs, median",
                    None,
                    "ms",
                    SEARCH_LIMIT_MS,
                    note="not built yet: consult/inputs/search.py does not exist",
                    database=database,
                )
            )
        ]
    from consult.inputs.search import query_words, search_inputs

    app = bench_app(url)
    province, inputs, cycle_id = _busiest_province(app)
    queries = QUERIES + [_place_name(app, province)]
    searches, lookups, found, per_query = [], [], {}, {}

    def run_search(query):
        with app.app_context():
            result = search_inputs(query, province=province)
            found[query] = len(result.hits)

    for query in queries:
        with app.app_context():
            words = query_words(query)
        lookups += timings_ms(lambda: _matches(app, words, province), RUNS, warmup=1)
        samples = timings_ms(lambda: run_search(query), RUNS, warmup=1)
        searches += samples
        per_query[query] = median(samples)
        log(
            f"search {query!r} in province {province}: median {median(samples):.1f} ms, "
            f"{found[query]} hits on the first page, {_matches(app, words, province):,} inputs of the province "
            "hold the words"
        )
    if not any(found.values()):
        raise RuntimeError(
            f"search found nothing in province {province} although the index holds the "
            "words: the index rows and the search disagree"
        )
    client = signed_in_client(app, ensure_planner(app, province))
    pages = []

    def open_page(query):
        response = client.get(
            f"/tagging/cycles/{cycle_id}/search", query_string={"q": query, "cycles": "all"}
        )
        if response.status_code != 200:
            raise RuntimeError(f"the search page answered {response.status_code}")

    for query in queries:
        pages += timings_ms(lambda: open_page(query), 3, warmup=1)
    slowest = max(per_query, key=per_query.get)
    what = f"{label} ({inputs:,} inputs, province {province}), {len(queries)} queries × {RUNS}"
    return [
        emit(
            Figure(
                f"Thai search (search_inputs, first page of 50) over the {what}, median",
                median(searches),
                "ms",
                SEARCH_LIMIT_MS,
                reference=median(lookups),
                reference_name="bare index lookup (count of the province's matches)",
                note=f"slowest: {slowest!r} {per_query[slowest]:,.0f} ms",
                database=database,
            )
        ),
        emit(
            Figure(
                f"planners' search page over the {label}, median server time",
                median(pages),
                "ms",
                SEARCH_LIMIT_MS,
                reference=median(searches),
                reference_name="search_inputs alone",
                database=database,
            )
        ),
    ]


def main() -> None:
    measure(sys.argv[1])


if __name__ == "__main__":
    main()
