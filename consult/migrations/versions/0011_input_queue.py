"""inputs: the queue of inputs waiting to be tagged and indexed after their submission answered,
and the version that keys each process's cache of the hearings, cycles and plans inputs go to

Revision ID: 0011_input_queue
Revises: 0010_english_titles
Create Date: 2026-12-04 21:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_input_queue"
down_revision = "0010_english_titles"
branch_labels = None
depends_on = None


# What a submission reads of these tables is cached per process; any change to them moves the
# version (SQLite: row triggers; PostgreSQL: one statement trigger per table).
WATCHED = (
    "hearing",
    "hearing_subdistrict",
    "strategy_cycle",
    "cycle_phase",
    "strategic_plan",
    "strategic_issue",
)
EVENTS = ("INSERT", "UPDATE", "DELETE")
SQLITE_MOVE = (
    "INSERT INTO input_target_version (id, version) VALUES (1, abs(random() % 1000000000000)) "
    "ON CONFLICT (id) DO UPDATE SET version = excluded.version"
)
POSTGRESQL_FUNCTION = "input_target_version_move"


def _create_version_triggers():
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for event in EVENTS:
                op.execute(
                    f"CREATE TRIGGER input_target_{table}_{event.lower()} AFTER {event} ON {table} "
                    f"BEGIN {SQLITE_MOVE}; END"
                )
        op.execute(SQLITE_MOVE)
        return
    op.execute(
        f"CREATE FUNCTION {POSTGRESQL_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO input_target_version (id, version) VALUES (1, floor(random() * 1e12)::bigint) "
        "ON CONFLICT (id) DO UPDATE SET version = excluded.version; RETURN NULL; END $$"
    )
    for table in WATCHED:
        op.execute(
            f"CREATE TRIGGER input_target_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {POSTGRESQL_FUNCTION}()"
        )
    op.execute("INSERT INTO input_target_version (id, version) VALUES (1, floor(random() * 1e12)::bigint)")


def _drop_version_triggers():
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER input_target_{table}_{event.lower()}")
        return
    for table in WATCHED:
        op.execute(f"DROP TRIGGER input_target_{table} ON {table}")
    op.execute(f"DROP FUNCTION {POSTGRESQL_FUNCTION}()")


def upgrade():
    op.create_table(
        "input_queue",
        sa.Column("input_id", sa.Integer(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["input_id"],
            ["citizen_input.id"],
            name=op.f("fk_input_queue_input_id_citizen_input"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("input_id", name=op.f("pk_input_queue")),
    )
    op.create_index("ix_input_queue_queued_at", "input_queue", ["queued_at"], unique=False)
    op.create_table(
        "input_target_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_input_target_version")),
    )
    _create_version_triggers()


def downgrade():
    _drop_version_triggers()
    op.drop_table("input_target_version")
    op.drop_table("input_queue")
