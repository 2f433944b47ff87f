"""Pre-aggregated counts of each cycle's input, kept exact by database triggers.

At a million inputs every aggregate of the dashboard read the cycle's million index entries (and
the strategic-issue counts joined them to 1.2 million tags): about ten full scans per view, tens
of seconds on this machine. The dashboard is viewed while input keeps arriving, so the cache per
data version (consult.scale.cache) is emptied by every new input and does not help then.

Three small tables hold the counts instead, moved by triggers in the same transaction as every
insert, update or delete of an input or a tag, whoever makes it (a page, the API, an import, the
scheduler, `consult synth`, bulk SQL), so they are never behind the data a reader sees:

- `review_input_rollup`: per cycle, district, subdistrict and sector, the inputs not hidden by
  moderation, with one column per channel, age band, gender and status (a "vector" row: one row
  per place and sector instead of one per combination of every dimension, which at a million
  inputs would be nearly a row per input);
- `review_tag_rollup`: the same places and sectors per strategic issue, counting the counted tags
  (not rejected) of inputs not hidden, of them confirmed, and per age band and gender;
- `review_daily_rollup`: inputs per cycle, Bangkok calendar day, district and sector, for the
  chart over time and for phases (a phase is a range of local days).

A cycle has at most a few thousand rows in each (a province's subdistricts × five sectors, times
its issues for tags), whatever its number of inputs. Filters by place, sector and phase read these
tables; a filter by hearing reads the inputs themselves (one hearing has few). Rows are never
removed when their counts fall to zero; readers keep only positive counts.

SQLite runs a trigger per row; PostgreSQL runs one per statement over its transition tables, so a
COPY of twenty thousand inputs moves each row of the rollups once.
"""

from sqlalchemy import Date, ForeignKey, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db

# The values each vector column counts; fixed here (and in the migration that built the tables):
# tests/review/test_rollup.py fails when the models offer a value these do not count.
SECTOR_KEYS = ("citizen", "private", "civil_society", "academia", "government")
CHANNEL_KEYS = ("online", "hearing_paper", "hearing_verbal", "line", "api")
AGE_KEYS = ("under_18", "18_24", "25_39", "40_59", "60_plus")
GENDER_KEYS = ("female", "male", "other", "unspecified")
STATUS_KEYS = ("received", "under_review", "considered", "used", "not_taken_up")
NONE = "none"  # the column of inputs that did not give their age band or gender
HIDDEN = "hidden"
REJECTED = "rejected"
CONFIRMED = "confirmed"
LOCAL_OFFSET_HOURS = 7  # Asia/Bangkok, no daylight saving time

CHANNEL_COLUMNS = {key: f"ch_{key}" for key in CHANNEL_KEYS}
AGE_COLUMNS = {**{key: f"age_{key}" for key in AGE_KEYS}, None: f"age_{NONE}"}
GENDER_COLUMNS = {**{key: f"g_{key}" for key in GENDER_KEYS}, None: f"g_{NONE}"}
STATUS_COLUMNS = {key: f"st_{key}" for key in STATUS_KEYS}
INPUT_VECTOR = {
    "channel": CHANNEL_COLUMNS,
    "age_band": AGE_COLUMNS,
    "gender": GENDER_COLUMNS,
    "status": STATUS_COLUMNS,
}
TAG_VECTOR = {"age_band": AGE_COLUMNS, "gender": GENDER_COLUMNS}


def _counts(columns) -> dict:
    return {name: mapped_column(Integer, default=0, nullable=False) for name in columns}


def _vector_names(vectors: dict) -> list[str]:
    return [name for columns in vectors.values() for name in columns.values()]


INPUT_KEY = ("cycle_id", "district_code", "subdistrict_code", "sector")
TAG_KEY = ("cycle_id", "issue_id", "district_code", "subdistrict_code", "sector")
DAILY_KEY = ("cycle_id", "day", "district_code", "sector")
INPUT_COUNTS = ["n", *_vector_names(INPUT_VECTOR)]
TAG_COUNTS = ["n", "confirmed", *_vector_names(TAG_VECTOR)]
DAILY_COUNTS = ["n"]


class InputRollup(db.Model):
    __tablename__ = "review_input_rollup"
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_cycle.id", ondelete="CASCADE"), primary_key=True
    )
    district_code: Mapped[str] = mapped_column(String(4), primary_key=True)  # '' when not given
    subdistrict_code: Mapped[str] = mapped_column(String(6), primary_key=True)  # '' when not given
    sector: Mapped[str] = mapped_column(String(20), primary_key=True)
    locals().update(_counts(INPUT_COUNTS))


class TagRollup(db.Model):
    __tablename__ = "review_tag_rollup"
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_cycle.id", ondelete="CASCADE"), primary_key=True
    )
    issue_id: Mapped[int] = mapped_column(
        ForeignKey("strategic_issue.id", ondelete="CASCADE"), primary_key=True
    )
    district_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    subdistrict_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    sector: Mapped[str] = mapped_column(String(20), primary_key=True)
    locals().update(_counts(TAG_COUNTS))


class DailyRollup(db.Model):
    __tablename__ = "review_daily_rollup"
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_cycle.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[object] = mapped_column(Date, primary_key=True)  # the Bangkok calendar day
    district_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    sector: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


# ---------------------------------------------------------------------------------------------
# The SQL that counts them again (`rebuild`). Migration 0007_review holds the triggers, built from
# these same statements when it was written. `row` is the alias of an input row, `tag` of a tag row.


def _case(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _vector_values(row: str, vectors: dict) -> list[str]:
    values = []
    for column, names in vectors.items():
        for key, _name in names.items():
            values.append(
                _case(f"{row}.{column} IS NULL") if key is None else _case(f"{row}.{column} = '{key}'")
            )
    return values


def _local_day(row: str, dialect: str) -> str:
    if dialect == "sqlite":
        return f"date({row}.submitted_at, '+{LOCAL_OFFSET_HOURS} hours')"
    return f"CAST({row}.submitted_at + interval '{LOCAL_OFFSET_HOURS} hours' AS date)"


def _upsert(
    table: str,
    key: tuple,
    counts: list[str],
    key_values: list[str],
    count_values: list[str],
    source: str,
    where: str,
    sign: str,
    grouped: bool,
) -> str:
    """INSERT … SELECT … ON CONFLICT DO UPDATE adding (sign '+') or taking away (sign '-') counts.
    `grouped` sums over many source rows (PostgreSQL's transition tables); otherwise one row."""
    if grouped:
        values = [f"{sign}SUM({value})" for value in count_values]
        tail = f" GROUP BY {', '.join(key_values)} ORDER BY {', '.join(key_values)}"
    else:
        values = [f"{sign}({value})" for value in count_values]
        tail = ""
    updates = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in counts)
    return (
        f"INSERT INTO {table} ({', '.join(key)}, {', '.join(counts)}) "
        f"SELECT {', '.join(key_values)}, {', '.join(values)} FROM {source} WHERE {where}{tail} "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
    )


def _input_key(row: str) -> list[str]:
    return [
        f"{row}.cycle_id",
        f"COALESCE({row}.district_code, '')",
        f"COALESCE({row}.subdistrict_code, '')",
        f"{row}.sector",
    ]


def input_statements(row: str, source: str, sign: str, dialect: str, grouped: bool) -> list[str]:
    """Add or take away input rows `row` (from `source`) in the input and daily rollups."""
    visible = f"{row}.moderation <> '{HIDDEN}'"
    return [
        _upsert(
            "review_input_rollup",
            INPUT_KEY,
            INPUT_COUNTS,
            _input_key(row),
            ["1", *_vector_values(row, INPUT_VECTOR)],
            source,
            visible,
            sign,
            grouped,
        ),
        _upsert(
            "review_daily_rollup",
            DAILY_KEY,
            DAILY_COUNTS,
            [
                f"{row}.cycle_id",
                _local_day(row, dialect),
                f"COALESCE({row}.district_code, '')",
                f"{row}.sector",
            ],
            ["1"],
            source,
            visible,
            sign,
            grouped,
        ),
    ]


def tag_statement(row: str, tag: str, source: str, where: str, sign: str, grouped: bool) -> str:
    """Add or take away the counted tags `tag` of visible inputs `row`, joined in `source`."""
    return _upsert(
        "review_tag_rollup",
        TAG_KEY,
        TAG_COUNTS,
        [f"{row}.cycle_id", f"{tag}.issue_id", *_input_key(row)[1:]],
        ["1", _case(f"{tag}.state = '{CONFIRMED}'"), *_vector_values(row, TAG_VECTOR)],
        source,
        f"{row}.moderation <> '{HIDDEN}' AND {tag}.state <> '{REJECTED}' AND ({where})",
        sign,
        grouped,
    )


def fill_statements(dialect: str) -> list[str]:
    """Counts of everything already stored, for `rebuild` after bulk SQL that ran with the
    triggers off. The triggers themselves are SQL copied into migration 0007_review; the tests in
    tests/review/test_rollup.py hold them and this to the same counts."""
    return [
        *input_statements("n", "citizen_input n", "+", dialect, True),
        tag_statement("i", "t", "citizen_input i JOIN input_tag t ON t.input_id = i.id", "TRUE", "+", True),
    ]


def rebuild(connection) -> None:
    """Empty the rollups and count everything again (the rollups' own repair; one scan)."""
    for table in ("review_input_rollup", "review_tag_rollup", "review_daily_rollup"):
        connection.execute(text(f"DELETE FROM {table}"))
    for statement in fill_statements(connection.dialect.name):
        connection.execute(text(statement))
