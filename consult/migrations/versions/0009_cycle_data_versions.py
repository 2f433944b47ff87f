"""scale: each cycle's data version, moved by triggers, keying the aggregate cache

Revision ID: 0009_cycle_data_versions
Revises: 0008_notifications
Create Date: 2026-12-04

The triggers move a cycle's row in cycle_data_version on every change to its inputs, tags,
hearings, hearing subdistricts and plan issues (see consult/scale/cache.py). SQLite has row
triggers only; PostgreSQL gets statement triggers with transition tables, so that a COPY of a
million rows moves each version once, not a million times.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_cycle_data_versions"
down_revision = "0008_notifications"
branch_labels = None
depends_on = None

# For each watched table: the cycles a set of its rows belongs to, {rows} being those rows
# (NEW/OLD in a SQLite row trigger, a transition table in PostgreSQL).
CYCLES_OF = {
    "citizen_input": "SELECT cycle_id FROM {rows}",
    "hearing": "SELECT cycle_id FROM {rows}",
    "input_tag": "SELECT cycle_id FROM citizen_input WHERE id IN (SELECT input_id FROM {rows})",
    "hearing_subdistrict": "SELECT cycle_id FROM hearing WHERE id IN (SELECT hearing_id FROM {rows})",
    "strategic_issue": "SELECT id FROM strategy_cycle WHERE plan_id IN (SELECT plan_id FROM {rows})",
}
# The column of each watched table that CYCLES_OF reads.
ROW_COLUMN = {
    "citizen_input": "cycle_id",
    "hearing": "cycle_id",
    "input_tag": "input_id",
    "hearing_subdistrict": "hearing_id",
    "strategic_issue": "plan_id",
}
SQLITE_START = "abs(random() % 1000000000000)"
POSTGRESQL_START = "floor(random() * 1e12)::bigint"
# Tables whose planner statistics the covering indexes depend on (PostgreSQL; SQLite analyses all).
ANALYZED = (
    "citizen_input",
    "input_tag",
    "hearing",
    "review_input_rollup",
    "review_tag_rollup",
    "review_daily_rollup",
)


def _sqlite_upgrade():
    op.execute(f"""
        CREATE TRIGGER cycle_version_start AFTER INSERT ON strategy_cycle BEGIN
            INSERT OR REPLACE INTO cycle_data_version (cycle_id, version) VALUES (NEW.id, {SQLITE_START});
        END""")
    for table, cycles_sql in CYCLES_OF.items():
        column = ROW_COLUMN[table]
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            # A row trigger sees one row as NEW or OLD: "SELECT NEW.x AS x" makes it a table.
            one_row_tables = " UNION ALL ".join(f"SELECT {row}.{column} AS {column}" for row in rows)
            op.execute(f"""
                CREATE TRIGGER cycle_version_{table}_{event.lower()} AFTER {event} ON {table} BEGIN
                    UPDATE cycle_data_version SET version = version + 1
                    WHERE cycle_id IN ({cycles_sql.format(rows=f"({one_row_tables})")});
                END""")


def _sqlite_downgrade():
    op.execute("DROP TRIGGER IF EXISTS cycle_version_start")
    for table in CYCLES_OF:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS cycle_version_{table}_{event}")


def _postgresql_upgrade():
    op.execute(f"""
        CREATE FUNCTION cycle_version_start() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO cycle_data_version (cycle_id, version)
            SELECT id, {POSTGRESQL_START} FROM new_rows
            ON CONFLICT (cycle_id) DO UPDATE SET version = EXCLUDED.version;
            RETURN NULL;
        END $$""")
    op.execute("""
        CREATE TRIGGER cycle_version_start AFTER INSERT ON strategy_cycle
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cycle_version_start()""")
    for table, cycles_sql in CYCLES_OF.items():
        # plpgsql plans a statement when it first runs it, so the branch naming a transition
        # table that this event lacks is never planned.
        op.execute(f"""
            CREATE FUNCTION cycle_version_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'DELETE' THEN
                    UPDATE cycle_data_version SET version = version + 1
                    WHERE cycle_id IN ({cycles_sql.format(rows="new_rows")});
                END IF;
                IF TG_OP <> 'INSERT' THEN
                    UPDATE cycle_data_version SET version = version + 1
                    WHERE cycle_id IN ({cycles_sql.format(rows="old_rows")});
                END IF;
                RETURN NULL;
            END $$""")
        for event, referencing in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            op.execute(f"""
                CREATE TRIGGER cycle_version_{table}_{event.lower()} AFTER {event} ON {table}
                REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION cycle_version_{table}()""")


def _postgresql_downgrade():
    op.execute("DROP TRIGGER IF EXISTS cycle_version_start ON strategy_cycle")
    op.execute("DROP FUNCTION IF EXISTS cycle_version_start()")
    for table in CYCLES_OF:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS cycle_version_{table}_{event} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS cycle_version_{table}()")


def upgrade():
    op.create_table(
        "cycle_data_version",
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["strategy_cycle.id"],
            name=op.f("fk_cycle_data_version_cycle_id_strategy_cycle"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cycle_id", name=op.f("pk_cycle_data_version")),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _sqlite_upgrade()
    else:
        _postgresql_upgrade()
    # Statistics from the start, as the migrations have always left them: the planners then know
    # the new tables for empty rather than never counted, until the daily job or autovacuum runs.
    op.execute("ANALYZE" if sqlite else f"ANALYZE {', '.join(ANALYZED)}")


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_downgrade()
    else:
        _postgresql_downgrade()
    op.drop_table("cycle_data_version")
