"""review: segmented input words, and each cycle's pre-aggregated counts kept by triggers

Revision ID: 0007_review
Revises: 0006_tagging
Create Date: 2026-12-04

The three rollup tables hold a cycle's counts of inputs (per place and sector, one column per
channel, age band, gender and status), of counted tags (per issue too) and of inputs per Bangkok
day; triggers move them in the same transaction as every change to an input or a tag (see
consult/review/rollup.py, which reads them and can rebuild them). The trigger SQL below is what
that module generated on 2026-12-04, copied so that editing it never changes this revision:
SQLite runs a trigger per row, PostgreSQL one per statement over its transition tables.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_review"
down_revision = "0006_tagging"
branch_labels = None
depends_on = None

INPUT_COUNTS = (
    "n",
    "ch_online",
    "ch_hearing_paper",
    "ch_hearing_verbal",
    "ch_line",
    "ch_api",
    "age_under_18",
    "age_18_24",
    "age_25_39",
    "age_40_59",
    "age_60_plus",
    "age_none",
    "g_female",
    "g_male",
    "g_other",
    "g_unspecified",
    "g_none",
    "st_received",
    "st_under_review",
    "st_considered",
    "st_used",
    "st_not_taken_up",
)
TAG_COUNTS = (
    "n",
    "confirmed",
    "age_under_18",
    "age_18_24",
    "age_25_39",
    "age_40_59",
    "age_60_plus",
    "age_none",
    "g_female",
    "g_male",
    "g_other",
    "g_unspecified",
    "g_none",
)
# PostgreSQL names each trigger after its function; review_rollup_input_tags is SQLite's alone
# (PostgreSQL's update function moves the tags too).
POSTGRESQL_FUNCTIONS = (
    "review_rollup_input_insert",
    "review_rollup_input_update",
    "review_rollup_input_delete",
    "review_rollup_tag_insert",
    "review_rollup_tag_update",
    "review_rollup_tag_delete",
)
SQLITE_TRIGGER_NAMES = (*POSTGRESQL_FUNCTIONS, "review_rollup_input_tags")


def _counts(names):
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def upgrade():
    op.create_table(
        "review_input_terms",
        sa.Column("input_id", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(length=16), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["input_id"],
            ["citizen_input.id"],
            name=op.f("fk_review_input_terms_input_id_citizen_input"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("input_id", name=op.f("pk_review_input_terms")),
    )
    op.create_table(
        "review_input_rollup",
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("district_code", sa.String(length=4), nullable=False),  # '' when not given
        sa.Column("subdistrict_code", sa.String(length=6), nullable=False),  # '' when not given
        sa.Column("sector", sa.String(length=20), nullable=False),
        *_counts(INPUT_COUNTS),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["strategy_cycle.id"],
            name=op.f("fk_review_input_rollup_cycle_id_strategy_cycle"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "cycle_id", "district_code", "subdistrict_code", "sector", name=op.f("pk_review_input_rollup")
        ),
    )
    op.create_table(
        "review_tag_rollup",
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("district_code", sa.String(length=4), nullable=False),
        sa.Column("subdistrict_code", sa.String(length=6), nullable=False),
        sa.Column("sector", sa.String(length=20), nullable=False),
        *_counts(TAG_COUNTS),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["strategy_cycle.id"],
            name=op.f("fk_review_tag_rollup_cycle_id_strategy_cycle"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["strategic_issue.id"],
            name=op.f("fk_review_tag_rollup_issue_id_strategic_issue"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "cycle_id",
            "issue_id",
            "district_code",
            "subdistrict_code",
            "sector",
            name=op.f("pk_review_tag_rollup"),
        ),
    )
    op.create_table(
        "review_daily_rollup",
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),  # the Bangkok calendar day
        sa.Column("district_code", sa.String(length=4), nullable=False),
        sa.Column("sector", sa.String(length=20), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["strategy_cycle.id"],
            name=op.f("fk_review_daily_rollup_cycle_id_strategy_cycle"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "cycle_id", "day", "district_code", "sector", name=op.f("pk_review_daily_rollup")
        ),
    )
    for statement in SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_TRIGGERS:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in POSTGRESQL_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}() CASCADE")
    op.drop_table("review_daily_rollup")
    op.drop_table("review_tag_rollup")
    op.drop_table("review_input_rollup")
    op.drop_table("review_input_terms")


SQLITE_TRIGGERS = (
    "CREATE TRIGGER review_rollup_input_insert AFTER INSERT ON citizen_input BEGIN INSERT INTO "
    "review_input_rollup (cycle_id, district_code, subdistrict_code, sector, n, ch_online, "
    "ch_hearing_paper, ch_hearing_verbal, ch_line, ch_api, age_under_18, age_18_24, age_25_39, "
    "age_40_59, age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, g_none, "
    "st_received, st_under_review, st_considered, st_used, st_not_taken_up) SELECT NEW.cycle_id, "
    "COALESCE(NEW.district_code, ''), COALESCE(NEW.subdistrict_code, ''), NEW.sector, +(1), "
    "+(CASE WHEN NEW.channel = 'online' THEN 1 ELSE 0 END), +(CASE WHEN NEW.channel = "
    "'hearing_paper' THEN 1 ELSE 0 END), +(CASE WHEN NEW.channel = 'hearing_verbal' THEN 1 ELSE "
    "0 END), +(CASE WHEN NEW.channel = 'line' THEN 1 ELSE 0 END), +(CASE WHEN NEW.channel = "
    "'api' THEN 1 ELSE 0 END), +(CASE WHEN NEW.age_band = 'under_18' THEN 1 ELSE 0 END), +(CASE "
    "WHEN NEW.age_band = '18_24' THEN 1 ELSE 0 END), +(CASE WHEN NEW.age_band = '25_39' THEN 1 "
    "ELSE 0 END), +(CASE WHEN NEW.age_band = '40_59' THEN 1 ELSE 0 END), +(CASE WHEN "
    "NEW.age_band = '60_plus' THEN 1 ELSE 0 END), +(CASE WHEN NEW.age_band IS NULL THEN 1 ELSE 0 "
    "END), +(CASE WHEN NEW.gender = 'female' THEN 1 ELSE 0 END), +(CASE WHEN NEW.gender = 'male' "
    "THEN 1 ELSE 0 END), +(CASE WHEN NEW.gender = 'other' THEN 1 ELSE 0 END), +(CASE WHEN "
    "NEW.gender = 'unspecified' THEN 1 ELSE 0 END), +(CASE WHEN NEW.gender IS NULL THEN 1 ELSE 0 "
    "END), +(CASE WHEN NEW.status = 'received' THEN 1 ELSE 0 END), +(CASE WHEN NEW.status = "
    "'under_review' THEN 1 ELSE 0 END), +(CASE WHEN NEW.status = 'considered' THEN 1 ELSE 0 "
    "END), +(CASE WHEN NEW.status = 'used' THEN 1 ELSE 0 END), +(CASE WHEN NEW.status = "
    "'not_taken_up' THEN 1 ELSE 0 END) FROM (SELECT 1) WHERE NEW.moderation <> 'hidden' ON "
    "CONFLICT (cycle_id, district_code, subdistrict_code, sector) DO UPDATE SET n = "
    "review_input_rollup.n + excluded.n, ch_online = review_input_rollup.ch_online + "
    "excluded.ch_online, ch_hearing_paper = review_input_rollup.ch_hearing_paper + "
    "excluded.ch_hearing_paper, ch_hearing_verbal = review_input_rollup.ch_hearing_verbal + "
    "excluded.ch_hearing_verbal, ch_line = review_input_rollup.ch_line + excluded.ch_line, "
    "ch_api = review_input_rollup.ch_api + excluded.ch_api, age_under_18 = "
    "review_input_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_input_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_input_rollup.age_25_39 + excluded.age_25_39, age_40_59 = "
    "review_input_rollup.age_40_59 + excluded.age_40_59, age_60_plus = "
    "review_input_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_input_rollup.age_none + excluded.age_none, g_female = review_input_rollup.g_female + "
    "excluded.g_female, g_male = review_input_rollup.g_male + excluded.g_male, g_other = "
    "review_input_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_input_rollup.g_unspecified + excluded.g_unspecified, g_none = "
    "review_input_rollup.g_none + excluded.g_none, st_received = review_input_rollup.st_received "
    "+ excluded.st_received, st_under_review = review_input_rollup.st_under_review + "
    "excluded.st_under_review, st_considered = review_input_rollup.st_considered + "
    "excluded.st_considered, st_used = review_input_rollup.st_used + excluded.st_used, "
    "st_not_taken_up = review_input_rollup.st_not_taken_up + excluded.st_not_taken_up; INSERT "
    "INTO review_daily_rollup (cycle_id, day, district_code, sector, n) SELECT NEW.cycle_id, "
    "date(NEW.submitted_at, '+7 hours'), COALESCE(NEW.district_code, ''), NEW.sector, +(1) FROM "
    "(SELECT 1) WHERE NEW.moderation <> 'hidden' ON CONFLICT (cycle_id, day, district_code, "
    "sector) DO UPDATE SET n = review_daily_rollup.n + excluded.n; END",
    "CREATE TRIGGER review_rollup_input_update AFTER UPDATE ON citizen_input WHEN OLD.cycle_id "
    "IS NOT NEW.cycle_id OR OLD.moderation IS NOT NEW.moderation OR OLD.district_code IS NOT "
    "NEW.district_code OR OLD.subdistrict_code IS NOT NEW.subdistrict_code OR OLD.sector IS NOT "
    "NEW.sector OR OLD.age_band IS NOT NEW.age_band OR OLD.gender IS NOT NEW.gender OR "
    "OLD.channel IS NOT NEW.channel OR OLD.status IS NOT NEW.status OR OLD.submitted_at IS NOT "
    "NEW.submitted_at BEGIN INSERT INTO review_input_rollup (cycle_id, district_code, "
    "subdistrict_code, sector, n, ch_online, ch_hearing_paper, ch_hearing_verbal, ch_line, "
    "ch_api, age_under_18, age_18_24, age_25_39, age_40_59, age_60_plus, age_none, g_female, "
    "g_male, g_other, g_unspecified, g_none, st_received, st_under_review, st_considered, "
    "st_used, st_not_taken_up) SELECT OLD.cycle_id, COALESCE(OLD.district_code, ''), "
    "COALESCE(OLD.subdistrict_code, ''), OLD.sector, -(1), -(CASE WHEN OLD.channel = 'online' "
    "THEN 1 ELSE 0 END), -(CASE WHEN OLD.channel = 'hearing_paper' THEN 1 ELSE 0 END), -(CASE "
    "WHEN OLD.channel = 'hearing_verbal' THEN 1 ELSE 0 END), -(CASE WHEN OLD.channel = 'line' "
    "THEN 1 ELSE 0 END), -(CASE WHEN OLD.channel = 'api' THEN 1 ELSE 0 END), -(CASE WHEN "
    "OLD.age_band = 'under_18' THEN 1 ELSE 0 END), -(CASE WHEN OLD.age_band = '18_24' THEN 1 "
    "ELSE 0 END), -(CASE WHEN OLD.age_band = '25_39' THEN 1 ELSE 0 END), -(CASE WHEN "
    "OLD.age_band = '40_59' THEN 1 ELSE 0 END), -(CASE WHEN OLD.age_band = '60_plus' THEN 1 ELSE "
    "0 END), -(CASE WHEN OLD.age_band IS NULL THEN 1 ELSE 0 END), -(CASE WHEN OLD.gender = "
    "'female' THEN 1 ELSE 0 END), -(CASE WHEN OLD.gender = 'male' THEN 1 ELSE 0 END), -(CASE "
    "WHEN OLD.gender = 'other' THEN 1 ELSE 0 END), -(CASE WHEN OLD.gender = 'unspecified' THEN 1 "
    "ELSE 0 END), -(CASE WHEN OLD.gender IS NULL THEN 1 ELSE 0 END), -(CASE WHEN OLD.status = "
    "'received' THEN 1 ELSE 0 END), -(CASE WHEN OLD.status = 'under_review' THEN 1 ELSE 0 END), "
    "-(CASE WHEN OLD.status = 'considered' THEN 1 ELSE 0 END), -(CASE WHEN OLD.status = 'used' "
    "THEN 1 ELSE 0 END), -(CASE WHEN OLD.status = 'not_taken_up' THEN 1 ELSE 0 END) FROM (SELECT "
    "1) WHERE OLD.moderation <> 'hidden' ON CONFLICT (cycle_id, district_code, subdistrict_code, "
    "sector) DO UPDATE SET n = review_input_rollup.n + excluded.n, ch_online = "
    "review_input_rollup.ch_online + excluded.ch_online, ch_hearing_paper = "
    "review_input_rollup.ch_hearing_paper + excluded.ch_hearing_paper, ch_hearing_verbal = "
    "review_input_rollup.ch_hearing_verbal + excluded.ch_hearing_verbal, ch_line = "
    "review_input_rollup.ch_line + excluded.ch_line, ch_api = review_input_rollup.ch_api + "
    "excluded.ch_api, age_under_18 = review_input_rollup.age_under_18 + excluded.age_under_18, "
    "age_18_24 = review_input_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_input_rollup.age_25_39 + excluded.age_25_39, age_40_59 = "
    "review_input_rollup.age_40_59 + excluded.age_40_59, age_60_plus = "
    "review_input_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_input_rollup.age_none + excluded.age_none, g_female = review_input_rollup.g_female + "
    "excluded.g_female, g_male = review_input_rollup.g_male + excluded.g_male, g_other = "
    "review_input_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_input_rollup.g_unspecified + excluded.g_unspecified, g_none = "
    "review_input_rollup.g_none + excluded.g_none, st_received = review_input_rollup.st_received "
    "+ excluded.st_received, st_under_review = review_input_rollup.st_under_review + "
    "excluded.st_under_review, st_considered = review_input_rollup.st_considered + "
    "excluded.st_considered, st_used = review_input_rollup.st_used + excluded.st_used, "
    "st_not_taken_up = review_input_rollup.st_not_taken_up + excluded.st_not_taken_up; INSERT "
    "INTO review_daily_rollup (cycle_id, day, district_code, sector, n) SELECT OLD.cycle_id, "
    "date(OLD.submitted_at, '+7 hours'), COALESCE(OLD.district_code, ''), OLD.sector, -(1) FROM "
    "(SELECT 1) WHERE OLD.moderation <> 'hidden' ON CONFLICT (cycle_id, day, district_code, "
    "sector) DO UPDATE SET n = review_daily_rollup.n + excluded.n; INSERT INTO "
    "review_input_rollup (cycle_id, district_code, subdistrict_code, sector, n, ch_online, "
    "ch_hearing_paper, ch_hearing_verbal, ch_line, ch_api, age_under_18, age_18_24, age_25_39, "
    "age_40_59, age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, g_none, "
    "st_received, st_under_review, st_considered, st_used, st_not_taken_up) SELECT NEW.cycle_id, "
    "COALESCE(NEW.district_code, ''), COALESCE(NEW.subdistrict_code, ''), NEW.sector, +(1), "
    "+(CASE WHEN NEW.channel = 'online' THEN 1 ELSE 0 END), +(CASE WHEN NEW.channel = "
    "'hearing_paper' THEN 1 ELSE 0 END), +(CASE WHEN NEW.channel = 'hearing_verbal' THEN 1 ELSE "
    "0 END), +(CASE WHEN NEW.channel = 'line' THEN 1 ELSE 0 END), +(CASE WHEN NEW.channel = "
    "'api' THEN 1 ELSE 0 END), +(CASE WHEN NEW.age_band = 'under_18' THEN 1 ELSE 0 END), +(CASE "
    "WHEN NEW.age_band = '18_24' THEN 1 ELSE 0 END), +(CASE WHEN NEW.age_band = '25_39' THEN 1 "
    "ELSE 0 END), +(CASE WHEN NEW.age_band = '40_59' THEN 1 ELSE 0 END), +(CASE WHEN "
    "NEW.age_band = '60_plus' THEN 1 ELSE 0 END), +(CASE WHEN NEW.age_band IS NULL THEN 1 ELSE 0 "
    "END), +(CASE WHEN NEW.gender = 'female' THEN 1 ELSE 0 END), +(CASE WHEN NEW.gender = 'male' "
    "THEN 1 ELSE 0 END), +(CASE WHEN NEW.gender = 'other' THEN 1 ELSE 0 END), +(CASE WHEN "
    "NEW.gender = 'unspecified' THEN 1 ELSE 0 END), +(CASE WHEN NEW.gender IS NULL THEN 1 ELSE 0 "
    "END), +(CASE WHEN NEW.status = 'received' THEN 1 ELSE 0 END), +(CASE WHEN NEW.status = "
    "'under_review' THEN 1 ELSE 0 END), +(CASE WHEN NEW.status = 'considered' THEN 1 ELSE 0 "
    "END), +(CASE WHEN NEW.status = 'used' THEN 1 ELSE 0 END), +(CASE WHEN NEW.status = "
    "'not_taken_up' THEN 1 ELSE 0 END) FROM (SELECT 1) WHERE NEW.moderation <> 'hidden' ON "
    "CONFLICT (cycle_id, district_code, subdistrict_code, sector) DO UPDATE SET n = "
    "review_input_rollup.n + excluded.n, ch_online = review_input_rollup.ch_online + "
    "excluded.ch_online, ch_hearing_paper = review_input_rollup.ch_hearing_paper + "
    "excluded.ch_hearing_paper, ch_hearing_verbal = review_input_rollup.ch_hearing_verbal + "
    "excluded.ch_hearing_verbal, ch_line = review_input_rollup.ch_line + excluded.ch_line, "
    "ch_api = review_input_rollup.ch_api + excluded.ch_api, age_under_18 = "
    "review_input_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_input_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_input_rollup.age_25_39 + excluded.age_25_39, age_40_59 = "
    "review_input_rollup.age_40_59 + excluded.age_40_59, age_60_plus = "
    "review_input_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_input_rollup.age_none + excluded.age_none, g_female = review_input_rollup.g_female + "
    "excluded.g_female, g_male = review_input_rollup.g_male + excluded.g_male, g_other = "
    "review_input_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_input_rollup.g_unspecified + excluded.g_unspecified, g_none = "
    "review_input_rollup.g_none + excluded.g_none, st_received = review_input_rollup.st_received "
    "+ excluded.st_received, st_under_review = review_input_rollup.st_under_review + "
    "excluded.st_under_review, st_considered = review_input_rollup.st_considered + "
    "excluded.st_considered, st_used = review_input_rollup.st_used + excluded.st_used, "
    "st_not_taken_up = review_input_rollup.st_not_taken_up + excluded.st_not_taken_up; INSERT "
    "INTO review_daily_rollup (cycle_id, day, district_code, sector, n) SELECT NEW.cycle_id, "
    "date(NEW.submitted_at, '+7 hours'), COALESCE(NEW.district_code, ''), NEW.sector, +(1) FROM "
    "(SELECT 1) WHERE NEW.moderation <> 'hidden' ON CONFLICT (cycle_id, day, district_code, "
    "sector) DO UPDATE SET n = review_daily_rollup.n + excluded.n; END",
    "CREATE TRIGGER review_rollup_input_tags AFTER UPDATE ON citizen_input WHEN OLD.cycle_id IS "
    "NOT NEW.cycle_id OR OLD.moderation IS NOT NEW.moderation OR OLD.district_code IS NOT "
    "NEW.district_code OR OLD.subdistrict_code IS NOT NEW.subdistrict_code OR OLD.sector IS NOT "
    "NEW.sector OR OLD.age_band IS NOT NEW.age_band OR OLD.gender IS NOT NEW.gender BEGIN INSERT "
    "INTO review_tag_rollup (cycle_id, issue_id, district_code, subdistrict_code, sector, n, "
    "confirmed, age_under_18, age_18_24, age_25_39, age_40_59, age_60_plus, age_none, g_female, "
    "g_male, g_other, g_unspecified, g_none) SELECT OLD.cycle_id, t.issue_id, "
    "COALESCE(OLD.district_code, ''), COALESCE(OLD.subdistrict_code, ''), OLD.sector, -(1), "
    "-(CASE WHEN t.state = 'confirmed' THEN 1 ELSE 0 END), -(CASE WHEN OLD.age_band = 'under_18' "
    "THEN 1 ELSE 0 END), -(CASE WHEN OLD.age_band = '18_24' THEN 1 ELSE 0 END), -(CASE WHEN "
    "OLD.age_band = '25_39' THEN 1 ELSE 0 END), -(CASE WHEN OLD.age_band = '40_59' THEN 1 ELSE 0 "
    "END), -(CASE WHEN OLD.age_band = '60_plus' THEN 1 ELSE 0 END), -(CASE WHEN OLD.age_band IS "
    "NULL THEN 1 ELSE 0 END), -(CASE WHEN OLD.gender = 'female' THEN 1 ELSE 0 END), -(CASE WHEN "
    "OLD.gender = 'male' THEN 1 ELSE 0 END), -(CASE WHEN OLD.gender = 'other' THEN 1 ELSE 0 "
    "END), -(CASE WHEN OLD.gender = 'unspecified' THEN 1 ELSE 0 END), -(CASE WHEN OLD.gender IS "
    "NULL THEN 1 ELSE 0 END) FROM input_tag t WHERE OLD.moderation <> 'hidden' AND t.state <> "
    "'rejected' AND (t.input_id = OLD.id) ON CONFLICT (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector) DO UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = "
    "review_tag_rollup.confirmed + excluded.confirmed, age_under_18 = "
    "review_tag_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = review_tag_rollup.age_25_39 + "
    "excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + excluded.age_40_59, "
    "age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_tag_rollup.age_none + excluded.age_none, g_female = review_tag_rollup.g_female + "
    "excluded.g_female, g_male = review_tag_rollup.g_male + excluded.g_male, g_other = "
    "review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; INSERT INTO review_tag_rollup (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector, n, confirmed, age_under_18, age_18_24, age_25_39, age_40_59, "
    "age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, g_none) SELECT "
    "NEW.cycle_id, t.issue_id, COALESCE(NEW.district_code, ''), COALESCE(NEW.subdistrict_code, "
    "''), NEW.sector, +(1), +(CASE WHEN t.state = 'confirmed' THEN 1 ELSE 0 END), +(CASE WHEN "
    "NEW.age_band = 'under_18' THEN 1 ELSE 0 END), +(CASE WHEN NEW.age_band = '18_24' THEN 1 "
    "ELSE 0 END), +(CASE WHEN NEW.age_band = '25_39' THEN 1 ELSE 0 END), +(CASE WHEN "
    "NEW.age_band = '40_59' THEN 1 ELSE 0 END), +(CASE WHEN NEW.age_band = '60_plus' THEN 1 ELSE "
    "0 END), +(CASE WHEN NEW.age_band IS NULL THEN 1 ELSE 0 END), +(CASE WHEN NEW.gender = "
    "'female' THEN 1 ELSE 0 END), +(CASE WHEN NEW.gender = 'male' THEN 1 ELSE 0 END), +(CASE "
    "WHEN NEW.gender = 'other' THEN 1 ELSE 0 END), +(CASE WHEN NEW.gender = 'unspecified' THEN 1 "
    "ELSE 0 END), +(CASE WHEN NEW.gender IS NULL THEN 1 ELSE 0 END) FROM input_tag t WHERE "
    "NEW.moderation <> 'hidden' AND t.state <> 'rejected' AND (t.input_id = NEW.id) ON CONFLICT "
    "(cycle_id, issue_id, district_code, subdistrict_code, sector) DO UPDATE SET n = "
    "review_tag_rollup.n + excluded.n, confirmed = review_tag_rollup.confirmed + "
    "excluded.confirmed, age_under_18 = review_tag_rollup.age_under_18 + excluded.age_under_18, "
    "age_18_24 = review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_tag_rollup.age_25_39 + excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + "
    "excluded.age_40_59, age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, "
    "age_none = review_tag_rollup.age_none + excluded.age_none, g_female = "
    "review_tag_rollup.g_female + excluded.g_female, g_male = review_tag_rollup.g_male + "
    "excluded.g_male, g_other = review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; END",
    "CREATE TRIGGER review_rollup_input_delete AFTER DELETE ON citizen_input BEGIN INSERT INTO "
    "review_input_rollup (cycle_id, district_code, subdistrict_code, sector, n, ch_online, "
    "ch_hearing_paper, ch_hearing_verbal, ch_line, ch_api, age_under_18, age_18_24, age_25_39, "
    "age_40_59, age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, g_none, "
    "st_received, st_under_review, st_considered, st_used, st_not_taken_up) SELECT OLD.cycle_id, "
    "COALESCE(OLD.district_code, ''), COALESCE(OLD.subdistrict_code, ''), OLD.sector, -(1), "
    "-(CASE WHEN OLD.channel = 'online' THEN 1 ELSE 0 END), -(CASE WHEN OLD.channel = "
    "'hearing_paper' THEN 1 ELSE 0 END), -(CASE WHEN OLD.channel = 'hearing_verbal' THEN 1 ELSE "
    "0 END), -(CASE WHEN OLD.channel = 'line' THEN 1 ELSE 0 END), -(CASE WHEN OLD.channel = "
    "'api' THEN 1 ELSE 0 END), -(CASE WHEN OLD.age_band = 'under_18' THEN 1 ELSE 0 END), -(CASE "
    "WHEN OLD.age_band = '18_24' THEN 1 ELSE 0 END), -(CASE WHEN OLD.age_band = '25_39' THEN 1 "
    "ELSE 0 END), -(CASE WHEN OLD.age_band = '40_59' THEN 1 ELSE 0 END), -(CASE WHEN "
    "OLD.age_band = '60_plus' THEN 1 ELSE 0 END), -(CASE WHEN OLD.age_band IS NULL THEN 1 ELSE 0 "
    "END), -(CASE WHEN OLD.gender = 'female' THEN 1 ELSE 0 END), -(CASE WHEN OLD.gender = 'male' "
    "THEN 1 ELSE 0 END), -(CASE WHEN OLD.gender = 'other' THEN 1 ELSE 0 END), -(CASE WHEN "
    "OLD.gender = 'unspecified' THEN 1 ELSE 0 END), -(CASE WHEN OLD.gender IS NULL THEN 1 ELSE 0 "
    "END), -(CASE WHEN OLD.status = 'received' THEN 1 ELSE 0 END), -(CASE WHEN OLD.status = "
    "'under_review' THEN 1 ELSE 0 END), -(CASE WHEN OLD.status = 'considered' THEN 1 ELSE 0 "
    "END), -(CASE WHEN OLD.status = 'used' THEN 1 ELSE 0 END), -(CASE WHEN OLD.status = "
    "'not_taken_up' THEN 1 ELSE 0 END) FROM (SELECT 1) WHERE OLD.moderation <> 'hidden' ON "
    "CONFLICT (cycle_id, district_code, subdistrict_code, sector) DO UPDATE SET n = "
    "review_input_rollup.n + excluded.n, ch_online = review_input_rollup.ch_online + "
    "excluded.ch_online, ch_hearing_paper = review_input_rollup.ch_hearing_paper + "
    "excluded.ch_hearing_paper, ch_hearing_verbal = review_input_rollup.ch_hearing_verbal + "
    "excluded.ch_hearing_verbal, ch_line = review_input_rollup.ch_line + excluded.ch_line, "
    "ch_api = review_input_rollup.ch_api + excluded.ch_api, age_under_18 = "
    "review_input_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_input_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_input_rollup.age_25_39 + excluded.age_25_39, age_40_59 = "
    "review_input_rollup.age_40_59 + excluded.age_40_59, age_60_plus = "
    "review_input_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_input_rollup.age_none + excluded.age_none, g_female = review_input_rollup.g_female + "
    "excluded.g_female, g_male = review_input_rollup.g_male + excluded.g_male, g_other = "
    "review_input_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_input_rollup.g_unspecified + excluded.g_unspecified, g_none = "
    "review_input_rollup.g_none + excluded.g_none, st_received = review_input_rollup.st_received "
    "+ excluded.st_received, st_under_review = review_input_rollup.st_under_review + "
    "excluded.st_under_review, st_considered = review_input_rollup.st_considered + "
    "excluded.st_considered, st_used = review_input_rollup.st_used + excluded.st_used, "
    "st_not_taken_up = review_input_rollup.st_not_taken_up + excluded.st_not_taken_up; INSERT "
    "INTO review_daily_rollup (cycle_id, day, district_code, sector, n) SELECT OLD.cycle_id, "
    "date(OLD.submitted_at, '+7 hours'), COALESCE(OLD.district_code, ''), OLD.sector, -(1) FROM "
    "(SELECT 1) WHERE OLD.moderation <> 'hidden' ON CONFLICT (cycle_id, day, district_code, "
    "sector) DO UPDATE SET n = review_daily_rollup.n + excluded.n; END",
    "CREATE TRIGGER review_rollup_tag_insert AFTER INSERT ON input_tag BEGIN INSERT INTO "
    "review_tag_rollup (cycle_id, issue_id, district_code, subdistrict_code, sector, n, "
    "confirmed, age_under_18, age_18_24, age_25_39, age_40_59, age_60_plus, age_none, g_female, "
    "g_male, g_other, g_unspecified, g_none) SELECT i.cycle_id, NEW.issue_id, "
    "COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), i.sector, +(1), +(CASE "
    "WHEN NEW.state = 'confirmed' THEN 1 ELSE 0 END), +(CASE WHEN i.age_band = 'under_18' THEN 1 "
    "ELSE 0 END), +(CASE WHEN i.age_band = '18_24' THEN 1 ELSE 0 END), +(CASE WHEN i.age_band = "
    "'25_39' THEN 1 ELSE 0 END), +(CASE WHEN i.age_band = '40_59' THEN 1 ELSE 0 END), +(CASE "
    "WHEN i.age_band = '60_plus' THEN 1 ELSE 0 END), +(CASE WHEN i.age_band IS NULL THEN 1 ELSE "
    "0 END), +(CASE WHEN i.gender = 'female' THEN 1 ELSE 0 END), +(CASE WHEN i.gender = 'male' "
    "THEN 1 ELSE 0 END), +(CASE WHEN i.gender = 'other' THEN 1 ELSE 0 END), +(CASE WHEN i.gender "
    "= 'unspecified' THEN 1 ELSE 0 END), +(CASE WHEN i.gender IS NULL THEN 1 ELSE 0 END) FROM "
    "citizen_input i WHERE i.moderation <> 'hidden' AND NEW.state <> 'rejected' AND (i.id = "
    "NEW.input_id) ON CONFLICT (cycle_id, issue_id, district_code, subdistrict_code, sector) DO "
    "UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = review_tag_rollup.confirmed + "
    "excluded.confirmed, age_under_18 = review_tag_rollup.age_under_18 + excluded.age_under_18, "
    "age_18_24 = review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_tag_rollup.age_25_39 + excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + "
    "excluded.age_40_59, age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, "
    "age_none = review_tag_rollup.age_none + excluded.age_none, g_female = "
    "review_tag_rollup.g_female + excluded.g_female, g_male = review_tag_rollup.g_male + "
    "excluded.g_male, g_other = review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; END",
    "CREATE TRIGGER review_rollup_tag_update AFTER UPDATE ON input_tag WHEN OLD.state IS NOT "
    "NEW.state OR OLD.issue_id IS NOT NEW.issue_id OR OLD.input_id IS NOT NEW.input_id BEGIN "
    "INSERT INTO review_tag_rollup (cycle_id, issue_id, district_code, subdistrict_code, sector, "
    "n, confirmed, age_under_18, age_18_24, age_25_39, age_40_59, age_60_plus, age_none, "
    "g_female, g_male, g_other, g_unspecified, g_none) SELECT i.cycle_id, OLD.issue_id, "
    "COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), i.sector, -(1), -(CASE "
    "WHEN OLD.state = 'confirmed' THEN 1 ELSE 0 END), -(CASE WHEN i.age_band = 'under_18' THEN 1 "
    "ELSE 0 END), -(CASE WHEN i.age_band = '18_24' THEN 1 ELSE 0 END), -(CASE WHEN i.age_band = "
    "'25_39' THEN 1 ELSE 0 END), -(CASE WHEN i.age_band = '40_59' THEN 1 ELSE 0 END), -(CASE "
    "WHEN i.age_band = '60_plus' THEN 1 ELSE 0 END), -(CASE WHEN i.age_band IS NULL THEN 1 ELSE "
    "0 END), -(CASE WHEN i.gender = 'female' THEN 1 ELSE 0 END), -(CASE WHEN i.gender = 'male' "
    "THEN 1 ELSE 0 END), -(CASE WHEN i.gender = 'other' THEN 1 ELSE 0 END), -(CASE WHEN i.gender "
    "= 'unspecified' THEN 1 ELSE 0 END), -(CASE WHEN i.gender IS NULL THEN 1 ELSE 0 END) FROM "
    "citizen_input i WHERE i.moderation <> 'hidden' AND OLD.state <> 'rejected' AND (i.id = "
    "OLD.input_id) ON CONFLICT (cycle_id, issue_id, district_code, subdistrict_code, sector) DO "
    "UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = review_tag_rollup.confirmed + "
    "excluded.confirmed, age_under_18 = review_tag_rollup.age_under_18 + excluded.age_under_18, "
    "age_18_24 = review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_tag_rollup.age_25_39 + excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + "
    "excluded.age_40_59, age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, "
    "age_none = review_tag_rollup.age_none + excluded.age_none, g_female = "
    "review_tag_rollup.g_female + excluded.g_female, g_male = review_tag_rollup.g_male + "
    "excluded.g_male, g_other = review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; INSERT INTO review_tag_rollup (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector, n, confirmed, age_under_18, age_18_24, age_25_39, age_40_59, "
    "age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, g_none) SELECT i.cycle_id, "
    "NEW.issue_id, COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), i.sector, "
    "+(1), +(CASE WHEN NEW.state = 'confirmed' THEN 1 ELSE 0 END), +(CASE WHEN i.age_band = "
    "'under_18' THEN 1 ELSE 0 END), +(CASE WHEN i.age_band = '18_24' THEN 1 ELSE 0 END), +(CASE "
    "WHEN i.age_band = '25_39' THEN 1 ELSE 0 END), +(CASE WHEN i.age_band = '40_59' THEN 1 ELSE "
    "0 END), +(CASE WHEN i.age_band = '60_plus' THEN 1 ELSE 0 END), +(CASE WHEN i.age_band IS "
    "NULL THEN 1 ELSE 0 END), +(CASE WHEN i.gender = 'female' THEN 1 ELSE 0 END), +(CASE WHEN "
    "i.gender = 'male' THEN 1 ELSE 0 END), +(CASE WHEN i.gender = 'other' THEN 1 ELSE 0 END), "
    "+(CASE WHEN i.gender = 'unspecified' THEN 1 ELSE 0 END), +(CASE WHEN i.gender IS NULL THEN "
    "1 ELSE 0 END) FROM citizen_input i WHERE i.moderation <> 'hidden' AND NEW.state <> "
    "'rejected' AND (i.id = NEW.input_id) ON CONFLICT (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector) DO UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = "
    "review_tag_rollup.confirmed + excluded.confirmed, age_under_18 = "
    "review_tag_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = review_tag_rollup.age_25_39 + "
    "excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + excluded.age_40_59, "
    "age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_tag_rollup.age_none + excluded.age_none, g_female = review_tag_rollup.g_female + "
    "excluded.g_female, g_male = review_tag_rollup.g_male + excluded.g_male, g_other = "
    "review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; END",
    "CREATE TRIGGER review_rollup_tag_delete AFTER DELETE ON input_tag BEGIN INSERT INTO "
    "review_tag_rollup (cycle_id, issue_id, district_code, subdistrict_code, sector, n, "
    "confirmed, age_under_18, age_18_24, age_25_39, age_40_59, age_60_plus, age_none, g_female, "
    "g_male, g_other, g_unspecified, g_none) SELECT i.cycle_id, OLD.issue_id, "
    "COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), i.sector, -(1), -(CASE "
    "WHEN OLD.state = 'confirmed' THEN 1 ELSE 0 END), -(CASE WHEN i.age_band = 'under_18' THEN 1 "
    "ELSE 0 END), -(CASE WHEN i.age_band = '18_24' THEN 1 ELSE 0 END), -(CASE WHEN i.age_band = "
    "'25_39' THEN 1 ELSE 0 END), -(CASE WHEN i.age_band = '40_59' THEN 1 ELSE 0 END), -(CASE "
    "WHEN i.age_band = '60_plus' THEN 1 ELSE 0 END), -(CASE WHEN i.age_band IS NULL THEN 1 ELSE "
    "0 END), -(CASE WHEN i.gender = 'female' THEN 1 ELSE 0 END), -(CASE WHEN i.gender = 'male' "
    "THEN 1 ELSE 0 END), -(CASE WHEN i.gender = 'other' THEN 1 ELSE 0 END), -(CASE WHEN i.gender "
    "= 'unspecified' THEN 1 ELSE 0 END), -(CASE WHEN i.gender IS NULL THEN 1 ELSE 0 END) FROM "
    "citizen_input i WHERE i.moderation <> 'hidden' AND OLD.state <> 'rejected' AND (i.id = "
    "OLD.input_id) ON CONFLICT (cycle_id, issue_id, district_code, subdistrict_code, sector) DO "
    "UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = review_tag_rollup.confirmed + "
    "excluded.confirmed, age_under_18 = review_tag_rollup.age_under_18 + excluded.age_under_18, "
    "age_18_24 = review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_tag_rollup.age_25_39 + excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + "
    "excluded.age_40_59, age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, "
    "age_none = review_tag_rollup.age_none + excluded.age_none, g_female = "
    "review_tag_rollup.g_female + excluded.g_female, g_male = review_tag_rollup.g_male + "
    "excluded.g_male, g_other = review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; END",
)

POSTGRESQL_TRIGGERS = (
    "CREATE FUNCTION review_rollup_input_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO review_input_rollup (cycle_id, district_code, subdistrict_code, sector, n, "
    "ch_online, ch_hearing_paper, ch_hearing_verbal, ch_line, ch_api, age_under_18, age_18_24, "
    "age_25_39, age_40_59, age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, "
    "g_none, st_received, st_under_review, st_considered, st_used, st_not_taken_up) SELECT "
    "n.cycle_id, COALESCE(n.district_code, ''), COALESCE(n.subdistrict_code, ''), n.sector, "
    "+SUM(1), +SUM(CASE WHEN n.channel = 'online' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.channel = "
    "'hearing_paper' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.channel = 'hearing_verbal' THEN 1 ELSE "
    "0 END), +SUM(CASE WHEN n.channel = 'line' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.channel = "
    "'api' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band = 'under_18' THEN 1 ELSE 0 END), "
    "+SUM(CASE WHEN n.age_band = '18_24' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band = '25_39' "
    "THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band = '40_59' THEN 1 ELSE 0 END), +SUM(CASE WHEN "
    "n.age_band = '60_plus' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band IS NULL THEN 1 ELSE 0 "
    "END), +SUM(CASE WHEN n.gender = 'female' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.gender = "
    "'male' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.gender = 'other' THEN 1 ELSE 0 END), +SUM(CASE "
    "WHEN n.gender = 'unspecified' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.gender IS NULL THEN 1 "
    "ELSE 0 END), +SUM(CASE WHEN n.status = 'received' THEN 1 ELSE 0 END), +SUM(CASE WHEN "
    "n.status = 'under_review' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.status = 'considered' THEN 1 "
    "ELSE 0 END), +SUM(CASE WHEN n.status = 'used' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.status = "
    "'not_taken_up' THEN 1 ELSE 0 END) FROM new_rows n WHERE n.moderation <> 'hidden' GROUP BY "
    "n.cycle_id, COALESCE(n.district_code, ''), COALESCE(n.subdistrict_code, ''), n.sector ORDER "
    "BY n.cycle_id, COALESCE(n.district_code, ''), COALESCE(n.subdistrict_code, ''), n.sector ON "
    "CONFLICT (cycle_id, district_code, subdistrict_code, sector) DO UPDATE SET n = "
    "review_input_rollup.n + excluded.n, ch_online = review_input_rollup.ch_online + "
    "excluded.ch_online, ch_hearing_paper = review_input_rollup.ch_hearing_paper + "
    "excluded.ch_hearing_paper, ch_hearing_verbal = review_input_rollup.ch_hearing_verbal + "
    "excluded.ch_hearing_verbal, ch_line = review_input_rollup.ch_line + excluded.ch_line, "
    "ch_api = review_input_rollup.ch_api + excluded.ch_api, age_under_18 = "
    "review_input_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_input_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_input_rollup.age_25_39 + excluded.age_25_39, age_40_59 = "
    "review_input_rollup.age_40_59 + excluded.age_40_59, age_60_plus = "
    "review_input_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_input_rollup.age_none + excluded.age_none, g_female = review_input_rollup.g_female + "
    "excluded.g_female, g_male = review_input_rollup.g_male + excluded.g_male, g_other = "
    "review_input_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_input_rollup.g_unspecified + excluded.g_unspecified, g_none = "
    "review_input_rollup.g_none + excluded.g_none, st_received = review_input_rollup.st_received "
    "+ excluded.st_received, st_under_review = review_input_rollup.st_under_review + "
    "excluded.st_under_review, st_considered = review_input_rollup.st_considered + "
    "excluded.st_considered, st_used = review_input_rollup.st_used + excluded.st_used, "
    "st_not_taken_up = review_input_rollup.st_not_taken_up + excluded.st_not_taken_up; INSERT "
    "INTO review_daily_rollup (cycle_id, day, district_code, sector, n) SELECT n.cycle_id, "
    "CAST(n.submitted_at + interval '7 hours' AS date), COALESCE(n.district_code, ''), n.sector, "
    "+SUM(1) FROM new_rows n WHERE n.moderation <> 'hidden' GROUP BY n.cycle_id, "
    "CAST(n.submitted_at + interval '7 hours' AS date), COALESCE(n.district_code, ''), n.sector "
    "ORDER BY n.cycle_id, CAST(n.submitted_at + interval '7 hours' AS date), "
    "COALESCE(n.district_code, ''), n.sector ON CONFLICT (cycle_id, day, district_code, sector) "
    "DO UPDATE SET n = review_daily_rollup.n + excluded.n; RETURN NULL; END $$",
    "CREATE TRIGGER review_rollup_input_insert AFTER INSERT ON citizen_input REFERENCING NEW "
    "TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION review_rollup_input_insert()",
    "CREATE FUNCTION review_rollup_input_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO review_input_rollup (cycle_id, district_code, subdistrict_code, sector, n, "
    "ch_online, ch_hearing_paper, ch_hearing_verbal, ch_line, ch_api, age_under_18, age_18_24, "
    "age_25_39, age_40_59, age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, "
    "g_none, st_received, st_under_review, st_considered, st_used, st_not_taken_up) SELECT "
    "o.cycle_id, COALESCE(o.district_code, ''), COALESCE(o.subdistrict_code, ''), o.sector, "
    "-SUM(1), -SUM(CASE WHEN o.channel = 'online' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.channel = "
    "'hearing_paper' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.channel = 'hearing_verbal' THEN 1 ELSE "
    "0 END), -SUM(CASE WHEN o.channel = 'line' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.channel = "
    "'api' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band = 'under_18' THEN 1 ELSE 0 END), "
    "-SUM(CASE WHEN o.age_band = '18_24' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band = '25_39' "
    "THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band = '40_59' THEN 1 ELSE 0 END), -SUM(CASE WHEN "
    "o.age_band = '60_plus' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band IS NULL THEN 1 ELSE 0 "
    "END), -SUM(CASE WHEN o.gender = 'female' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.gender = "
    "'male' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.gender = 'other' THEN 1 ELSE 0 END), -SUM(CASE "
    "WHEN o.gender = 'unspecified' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.gender IS NULL THEN 1 "
    "ELSE 0 END), -SUM(CASE WHEN o.status = 'received' THEN 1 ELSE 0 END), -SUM(CASE WHEN "
    "o.status = 'under_review' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.status = 'considered' THEN 1 "
    "ELSE 0 END), -SUM(CASE WHEN o.status = 'used' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.status = "
    "'not_taken_up' THEN 1 ELSE 0 END) FROM old_rows o WHERE o.moderation <> 'hidden' GROUP BY "
    "o.cycle_id, COALESCE(o.district_code, ''), COALESCE(o.subdistrict_code, ''), o.sector ORDER "
    "BY o.cycle_id, COALESCE(o.district_code, ''), COALESCE(o.subdistrict_code, ''), o.sector ON "
    "CONFLICT (cycle_id, district_code, subdistrict_code, sector) DO UPDATE SET n = "
    "review_input_rollup.n + excluded.n, ch_online = review_input_rollup.ch_online + "
    "excluded.ch_online, ch_hearing_paper = review_input_rollup.ch_hearing_paper + "
    "excluded.ch_hearing_paper, ch_hearing_verbal = review_input_rollup.ch_hearing_verbal + "
    "excluded.ch_hearing_verbal, ch_line = review_input_rollup.ch_line + excluded.ch_line, "
    "ch_api = review_input_rollup.ch_api + excluded.ch_api, age_under_18 = "
    "review_input_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_input_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_input_rollup.age_25_39 + excluded.age_25_39, age_40_59 = "
    "review_input_rollup.age_40_59 + excluded.age_40_59, age_60_plus = "
    "review_input_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_input_rollup.age_none + excluded.age_none, g_female = review_input_rollup.g_female + "
    "excluded.g_female, g_male = review_input_rollup.g_male + excluded.g_male, g_other = "
    "review_input_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_input_rollup.g_unspecified + excluded.g_unspecified, g_none = "
    "review_input_rollup.g_none + excluded.g_none, st_received = review_input_rollup.st_received "
    "+ excluded.st_received, st_under_review = review_input_rollup.st_under_review + "
    "excluded.st_under_review, st_considered = review_input_rollup.st_considered + "
    "excluded.st_considered, st_used = review_input_rollup.st_used + excluded.st_used, "
    "st_not_taken_up = review_input_rollup.st_not_taken_up + excluded.st_not_taken_up; INSERT "
    "INTO review_daily_rollup (cycle_id, day, district_code, sector, n) SELECT o.cycle_id, "
    "CAST(o.submitted_at + interval '7 hours' AS date), COALESCE(o.district_code, ''), o.sector, "
    "-SUM(1) FROM old_rows o WHERE o.moderation <> 'hidden' GROUP BY o.cycle_id, "
    "CAST(o.submitted_at + interval '7 hours' AS date), COALESCE(o.district_code, ''), o.sector "
    "ORDER BY o.cycle_id, CAST(o.submitted_at + interval '7 hours' AS date), "
    "COALESCE(o.district_code, ''), o.sector ON CONFLICT (cycle_id, day, district_code, sector) "
    "DO UPDATE SET n = review_daily_rollup.n + excluded.n; INSERT INTO review_input_rollup "
    "(cycle_id, district_code, subdistrict_code, sector, n, ch_online, ch_hearing_paper, "
    "ch_hearing_verbal, ch_line, ch_api, age_under_18, age_18_24, age_25_39, age_40_59, "
    "age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, g_none, st_received, "
    "st_under_review, st_considered, st_used, st_not_taken_up) SELECT n.cycle_id, "
    "COALESCE(n.district_code, ''), COALESCE(n.subdistrict_code, ''), n.sector, +SUM(1), "
    "+SUM(CASE WHEN n.channel = 'online' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.channel = "
    "'hearing_paper' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.channel = 'hearing_verbal' THEN 1 ELSE "
    "0 END), +SUM(CASE WHEN n.channel = 'line' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.channel = "
    "'api' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band = 'under_18' THEN 1 ELSE 0 END), "
    "+SUM(CASE WHEN n.age_band = '18_24' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band = '25_39' "
    "THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band = '40_59' THEN 1 ELSE 0 END), +SUM(CASE WHEN "
    "n.age_band = '60_plus' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band IS NULL THEN 1 ELSE 0 "
    "END), +SUM(CASE WHEN n.gender = 'female' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.gender = "
    "'male' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.gender = 'other' THEN 1 ELSE 0 END), +SUM(CASE "
    "WHEN n.gender = 'unspecified' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.gender IS NULL THEN 1 "
    "ELSE 0 END), +SUM(CASE WHEN n.status = 'received' THEN 1 ELSE 0 END), +SUM(CASE WHEN "
    "n.status = 'under_review' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.status = 'considered' THEN 1 "
    "ELSE 0 END), +SUM(CASE WHEN n.status = 'used' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.status = "
    "'not_taken_up' THEN 1 ELSE 0 END) FROM new_rows n WHERE n.moderation <> 'hidden' GROUP BY "
    "n.cycle_id, COALESCE(n.district_code, ''), COALESCE(n.subdistrict_code, ''), n.sector ORDER "
    "BY n.cycle_id, COALESCE(n.district_code, ''), COALESCE(n.subdistrict_code, ''), n.sector ON "
    "CONFLICT (cycle_id, district_code, subdistrict_code, sector) DO UPDATE SET n = "
    "review_input_rollup.n + excluded.n, ch_online = review_input_rollup.ch_online + "
    "excluded.ch_online, ch_hearing_paper = review_input_rollup.ch_hearing_paper + "
    "excluded.ch_hearing_paper, ch_hearing_verbal = review_input_rollup.ch_hearing_verbal + "
    "excluded.ch_hearing_verbal, ch_line = review_input_rollup.ch_line + excluded.ch_line, "
    "ch_api = review_input_rollup.ch_api + excluded.ch_api, age_under_18 = "
    "review_input_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_input_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_input_rollup.age_25_39 + excluded.age_25_39, age_40_59 = "
    "review_input_rollup.age_40_59 + excluded.age_40_59, age_60_plus = "
    "review_input_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_input_rollup.age_none + excluded.age_none, g_female = review_input_rollup.g_female + "
    "excluded.g_female, g_male = review_input_rollup.g_male + excluded.g_male, g_other = "
    "review_input_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_input_rollup.g_unspecified + excluded.g_unspecified, g_none = "
    "review_input_rollup.g_none + excluded.g_none, st_received = review_input_rollup.st_received "
    "+ excluded.st_received, st_under_review = review_input_rollup.st_under_review + "
    "excluded.st_under_review, st_considered = review_input_rollup.st_considered + "
    "excluded.st_considered, st_used = review_input_rollup.st_used + excluded.st_used, "
    "st_not_taken_up = review_input_rollup.st_not_taken_up + excluded.st_not_taken_up; INSERT "
    "INTO review_daily_rollup (cycle_id, day, district_code, sector, n) SELECT n.cycle_id, "
    "CAST(n.submitted_at + interval '7 hours' AS date), COALESCE(n.district_code, ''), n.sector, "
    "+SUM(1) FROM new_rows n WHERE n.moderation <> 'hidden' GROUP BY n.cycle_id, "
    "CAST(n.submitted_at + interval '7 hours' AS date), COALESCE(n.district_code, ''), n.sector "
    "ORDER BY n.cycle_id, CAST(n.submitted_at + interval '7 hours' AS date), "
    "COALESCE(n.district_code, ''), n.sector ON CONFLICT (cycle_id, day, district_code, sector) "
    "DO UPDATE SET n = review_daily_rollup.n + excluded.n; INSERT INTO review_tag_rollup "
    "(cycle_id, issue_id, district_code, subdistrict_code, sector, n, confirmed, age_under_18, "
    "age_18_24, age_25_39, age_40_59, age_60_plus, age_none, g_female, g_male, g_other, "
    "g_unspecified, g_none) SELECT o.cycle_id, t.issue_id, COALESCE(o.district_code, ''), "
    "COALESCE(o.subdistrict_code, ''), o.sector, -SUM(1), -SUM(CASE WHEN t.state = 'confirmed' "
    "THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band = 'under_18' THEN 1 ELSE 0 END), -SUM(CASE "
    "WHEN o.age_band = '18_24' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band = '25_39' THEN 1 "
    "ELSE 0 END), -SUM(CASE WHEN o.age_band = '40_59' THEN 1 ELSE 0 END), -SUM(CASE WHEN "
    "o.age_band = '60_plus' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band IS NULL THEN 1 ELSE 0 "
    "END), -SUM(CASE WHEN o.gender = 'female' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.gender = "
    "'male' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.gender = 'other' THEN 1 ELSE 0 END), -SUM(CASE "
    "WHEN o.gender = 'unspecified' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.gender IS NULL THEN 1 "
    "ELSE 0 END) FROM old_rows o JOIN input_tag t ON t.input_id = o.id WHERE o.moderation <> "
    "'hidden' AND t.state <> 'rejected' AND (TRUE) GROUP BY o.cycle_id, t.issue_id, "
    "COALESCE(o.district_code, ''), COALESCE(o.subdistrict_code, ''), o.sector ORDER BY "
    "o.cycle_id, t.issue_id, COALESCE(o.district_code, ''), COALESCE(o.subdistrict_code, ''), "
    "o.sector ON CONFLICT (cycle_id, issue_id, district_code, subdistrict_code, sector) DO "
    "UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = review_tag_rollup.confirmed + "
    "excluded.confirmed, age_under_18 = review_tag_rollup.age_under_18 + excluded.age_under_18, "
    "age_18_24 = review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_tag_rollup.age_25_39 + excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + "
    "excluded.age_40_59, age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, "
    "age_none = review_tag_rollup.age_none + excluded.age_none, g_female = "
    "review_tag_rollup.g_female + excluded.g_female, g_male = review_tag_rollup.g_male + "
    "excluded.g_male, g_other = review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; INSERT INTO review_tag_rollup (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector, n, confirmed, age_under_18, age_18_24, age_25_39, age_40_59, "
    "age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, g_none) SELECT n.cycle_id, "
    "t.issue_id, COALESCE(n.district_code, ''), COALESCE(n.subdistrict_code, ''), n.sector, "
    "+SUM(1), +SUM(CASE WHEN t.state = 'confirmed' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band "
    "= 'under_18' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band = '18_24' THEN 1 ELSE 0 END), "
    "+SUM(CASE WHEN n.age_band = '25_39' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band = '40_59' "
    "THEN 1 ELSE 0 END), +SUM(CASE WHEN n.age_band = '60_plus' THEN 1 ELSE 0 END), +SUM(CASE "
    "WHEN n.age_band IS NULL THEN 1 ELSE 0 END), +SUM(CASE WHEN n.gender = 'female' THEN 1 ELSE "
    "0 END), +SUM(CASE WHEN n.gender = 'male' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.gender = "
    "'other' THEN 1 ELSE 0 END), +SUM(CASE WHEN n.gender = 'unspecified' THEN 1 ELSE 0 END), "
    "+SUM(CASE WHEN n.gender IS NULL THEN 1 ELSE 0 END) FROM new_rows n JOIN input_tag t ON "
    "t.input_id = n.id WHERE n.moderation <> 'hidden' AND t.state <> 'rejected' AND (TRUE) GROUP "
    "BY n.cycle_id, t.issue_id, COALESCE(n.district_code, ''), COALESCE(n.subdistrict_code, ''), "
    "n.sector ORDER BY n.cycle_id, t.issue_id, COALESCE(n.district_code, ''), "
    "COALESCE(n.subdistrict_code, ''), n.sector ON CONFLICT (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector) DO UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = "
    "review_tag_rollup.confirmed + excluded.confirmed, age_under_18 = "
    "review_tag_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = review_tag_rollup.age_25_39 + "
    "excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + excluded.age_40_59, "
    "age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_tag_rollup.age_none + excluded.age_none, g_female = review_tag_rollup.g_female + "
    "excluded.g_female, g_male = review_tag_rollup.g_male + excluded.g_male, g_other = "
    "review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; RETURN NULL; END $$",
    "CREATE TRIGGER review_rollup_input_update AFTER UPDATE ON citizen_input REFERENCING OLD "
    "TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
    "review_rollup_input_update()",
    "CREATE FUNCTION review_rollup_input_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO review_input_rollup (cycle_id, district_code, subdistrict_code, sector, n, "
    "ch_online, ch_hearing_paper, ch_hearing_verbal, ch_line, ch_api, age_under_18, age_18_24, "
    "age_25_39, age_40_59, age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, "
    "g_none, st_received, st_under_review, st_considered, st_used, st_not_taken_up) SELECT "
    "o.cycle_id, COALESCE(o.district_code, ''), COALESCE(o.subdistrict_code, ''), o.sector, "
    "-SUM(1), -SUM(CASE WHEN o.channel = 'online' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.channel = "
    "'hearing_paper' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.channel = 'hearing_verbal' THEN 1 ELSE "
    "0 END), -SUM(CASE WHEN o.channel = 'line' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.channel = "
    "'api' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band = 'under_18' THEN 1 ELSE 0 END), "
    "-SUM(CASE WHEN o.age_band = '18_24' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band = '25_39' "
    "THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band = '40_59' THEN 1 ELSE 0 END), -SUM(CASE WHEN "
    "o.age_band = '60_plus' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.age_band IS NULL THEN 1 ELSE 0 "
    "END), -SUM(CASE WHEN o.gender = 'female' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.gender = "
    "'male' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.gender = 'other' THEN 1 ELSE 0 END), -SUM(CASE "
    "WHEN o.gender = 'unspecified' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.gender IS NULL THEN 1 "
    "ELSE 0 END), -SUM(CASE WHEN o.status = 'received' THEN 1 ELSE 0 END), -SUM(CASE WHEN "
    "o.status = 'under_review' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.status = 'considered' THEN 1 "
    "ELSE 0 END), -SUM(CASE WHEN o.status = 'used' THEN 1 ELSE 0 END), -SUM(CASE WHEN o.status = "
    "'not_taken_up' THEN 1 ELSE 0 END) FROM old_rows o WHERE o.moderation <> 'hidden' GROUP BY "
    "o.cycle_id, COALESCE(o.district_code, ''), COALESCE(o.subdistrict_code, ''), o.sector ORDER "
    "BY o.cycle_id, COALESCE(o.district_code, ''), COALESCE(o.subdistrict_code, ''), o.sector ON "
    "CONFLICT (cycle_id, district_code, subdistrict_code, sector) DO UPDATE SET n = "
    "review_input_rollup.n + excluded.n, ch_online = review_input_rollup.ch_online + "
    "excluded.ch_online, ch_hearing_paper = review_input_rollup.ch_hearing_paper + "
    "excluded.ch_hearing_paper, ch_hearing_verbal = review_input_rollup.ch_hearing_verbal + "
    "excluded.ch_hearing_verbal, ch_line = review_input_rollup.ch_line + excluded.ch_line, "
    "ch_api = review_input_rollup.ch_api + excluded.ch_api, age_under_18 = "
    "review_input_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_input_rollup.age_18_24 + excluded.age_18_24, age_25_39 = "
    "review_input_rollup.age_25_39 + excluded.age_25_39, age_40_59 = "
    "review_input_rollup.age_40_59 + excluded.age_40_59, age_60_plus = "
    "review_input_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_input_rollup.age_none + excluded.age_none, g_female = review_input_rollup.g_female + "
    "excluded.g_female, g_male = review_input_rollup.g_male + excluded.g_male, g_other = "
    "review_input_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_input_rollup.g_unspecified + excluded.g_unspecified, g_none = "
    "review_input_rollup.g_none + excluded.g_none, st_received = review_input_rollup.st_received "
    "+ excluded.st_received, st_under_review = review_input_rollup.st_under_review + "
    "excluded.st_under_review, st_considered = review_input_rollup.st_considered + "
    "excluded.st_considered, st_used = review_input_rollup.st_used + excluded.st_used, "
    "st_not_taken_up = review_input_rollup.st_not_taken_up + excluded.st_not_taken_up; INSERT "
    "INTO review_daily_rollup (cycle_id, day, district_code, sector, n) SELECT o.cycle_id, "
    "CAST(o.submitted_at + interval '7 hours' AS date), COALESCE(o.district_code, ''), o.sector, "
    "-SUM(1) FROM old_rows o WHERE o.moderation <> 'hidden' GROUP BY o.cycle_id, "
    "CAST(o.submitted_at + interval '7 hours' AS date), COALESCE(o.district_code, ''), o.sector "
    "ORDER BY o.cycle_id, CAST(o.submitted_at + interval '7 hours' AS date), "
    "COALESCE(o.district_code, ''), o.sector ON CONFLICT (cycle_id, day, district_code, sector) "
    "DO UPDATE SET n = review_daily_rollup.n + excluded.n; RETURN NULL; END $$",
    "CREATE TRIGGER review_rollup_input_delete AFTER DELETE ON citizen_input REFERENCING OLD "
    "TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION review_rollup_input_delete()",
    "CREATE FUNCTION review_rollup_tag_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO review_tag_rollup (cycle_id, issue_id, district_code, subdistrict_code, sector, "
    "n, confirmed, age_under_18, age_18_24, age_25_39, age_40_59, age_60_plus, age_none, "
    "g_female, g_male, g_other, g_unspecified, g_none) SELECT i.cycle_id, n.issue_id, "
    "COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), i.sector, +SUM(1), "
    "+SUM(CASE WHEN n.state = 'confirmed' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.age_band = "
    "'under_18' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.age_band = '18_24' THEN 1 ELSE 0 END), "
    "+SUM(CASE WHEN i.age_band = '25_39' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.age_band = '40_59' "
    "THEN 1 ELSE 0 END), +SUM(CASE WHEN i.age_band = '60_plus' THEN 1 ELSE 0 END), +SUM(CASE "
    "WHEN i.age_band IS NULL THEN 1 ELSE 0 END), +SUM(CASE WHEN i.gender = 'female' THEN 1 ELSE "
    "0 END), +SUM(CASE WHEN i.gender = 'male' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.gender = "
    "'other' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.gender = 'unspecified' THEN 1 ELSE 0 END), "
    "+SUM(CASE WHEN i.gender IS NULL THEN 1 ELSE 0 END) FROM new_rows n JOIN citizen_input i ON "
    "i.id = n.input_id WHERE i.moderation <> 'hidden' AND n.state <> 'rejected' AND (TRUE) GROUP "
    "BY i.cycle_id, n.issue_id, COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), "
    "i.sector ORDER BY i.cycle_id, n.issue_id, COALESCE(i.district_code, ''), "
    "COALESCE(i.subdistrict_code, ''), i.sector ON CONFLICT (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector) DO UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = "
    "review_tag_rollup.confirmed + excluded.confirmed, age_under_18 = "
    "review_tag_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = review_tag_rollup.age_25_39 + "
    "excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + excluded.age_40_59, "
    "age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_tag_rollup.age_none + excluded.age_none, g_female = review_tag_rollup.g_female + "
    "excluded.g_female, g_male = review_tag_rollup.g_male + excluded.g_male, g_other = "
    "review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; RETURN NULL; END $$",
    "CREATE TRIGGER review_rollup_tag_insert AFTER INSERT ON input_tag REFERENCING NEW TABLE AS "
    "new_rows FOR EACH STATEMENT EXECUTE FUNCTION review_rollup_tag_insert()",
    "CREATE FUNCTION review_rollup_tag_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO review_tag_rollup (cycle_id, issue_id, district_code, subdistrict_code, sector, "
    "n, confirmed, age_under_18, age_18_24, age_25_39, age_40_59, age_60_plus, age_none, "
    "g_female, g_male, g_other, g_unspecified, g_none) SELECT i.cycle_id, o.issue_id, "
    "COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), i.sector, -SUM(1), "
    "-SUM(CASE WHEN o.state = 'confirmed' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.age_band = "
    "'under_18' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.age_band = '18_24' THEN 1 ELSE 0 END), "
    "-SUM(CASE WHEN i.age_band = '25_39' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.age_band = '40_59' "
    "THEN 1 ELSE 0 END), -SUM(CASE WHEN i.age_band = '60_plus' THEN 1 ELSE 0 END), -SUM(CASE "
    "WHEN i.age_band IS NULL THEN 1 ELSE 0 END), -SUM(CASE WHEN i.gender = 'female' THEN 1 ELSE "
    "0 END), -SUM(CASE WHEN i.gender = 'male' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.gender = "
    "'other' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.gender = 'unspecified' THEN 1 ELSE 0 END), "
    "-SUM(CASE WHEN i.gender IS NULL THEN 1 ELSE 0 END) FROM old_rows o JOIN citizen_input i ON "
    "i.id = o.input_id WHERE i.moderation <> 'hidden' AND o.state <> 'rejected' AND (TRUE) GROUP "
    "BY i.cycle_id, o.issue_id, COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), "
    "i.sector ORDER BY i.cycle_id, o.issue_id, COALESCE(i.district_code, ''), "
    "COALESCE(i.subdistrict_code, ''), i.sector ON CONFLICT (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector) DO UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = "
    "review_tag_rollup.confirmed + excluded.confirmed, age_under_18 = "
    "review_tag_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = review_tag_rollup.age_25_39 + "
    "excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + excluded.age_40_59, "
    "age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_tag_rollup.age_none + excluded.age_none, g_female = review_tag_rollup.g_female + "
    "excluded.g_female, g_male = review_tag_rollup.g_male + excluded.g_male, g_other = "
    "review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; INSERT INTO review_tag_rollup (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector, n, confirmed, age_under_18, age_18_24, age_25_39, age_40_59, "
    "age_60_plus, age_none, g_female, g_male, g_other, g_unspecified, g_none) SELECT i.cycle_id, "
    "n.issue_id, COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), i.sector, "
    "+SUM(1), +SUM(CASE WHEN n.state = 'confirmed' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.age_band "
    "= 'under_18' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.age_band = '18_24' THEN 1 ELSE 0 END), "
    "+SUM(CASE WHEN i.age_band = '25_39' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.age_band = '40_59' "
    "THEN 1 ELSE 0 END), +SUM(CASE WHEN i.age_band = '60_plus' THEN 1 ELSE 0 END), +SUM(CASE "
    "WHEN i.age_band IS NULL THEN 1 ELSE 0 END), +SUM(CASE WHEN i.gender = 'female' THEN 1 ELSE "
    "0 END), +SUM(CASE WHEN i.gender = 'male' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.gender = "
    "'other' THEN 1 ELSE 0 END), +SUM(CASE WHEN i.gender = 'unspecified' THEN 1 ELSE 0 END), "
    "+SUM(CASE WHEN i.gender IS NULL THEN 1 ELSE 0 END) FROM new_rows n JOIN citizen_input i ON "
    "i.id = n.input_id WHERE i.moderation <> 'hidden' AND n.state <> 'rejected' AND (TRUE) GROUP "
    "BY i.cycle_id, n.issue_id, COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), "
    "i.sector ORDER BY i.cycle_id, n.issue_id, COALESCE(i.district_code, ''), "
    "COALESCE(i.subdistrict_code, ''), i.sector ON CONFLICT (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector) DO UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = "
    "review_tag_rollup.confirmed + excluded.confirmed, age_under_18 = "
    "review_tag_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = review_tag_rollup.age_25_39 + "
    "excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + excluded.age_40_59, "
    "age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_tag_rollup.age_none + excluded.age_none, g_female = review_tag_rollup.g_female + "
    "excluded.g_female, g_male = review_tag_rollup.g_male + excluded.g_male, g_other = "
    "review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; RETURN NULL; END $$",
    "CREATE TRIGGER review_rollup_tag_update AFTER UPDATE ON input_tag REFERENCING OLD TABLE AS "
    "old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
    "review_rollup_tag_update()",
    "CREATE FUNCTION review_rollup_tag_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO review_tag_rollup (cycle_id, issue_id, district_code, subdistrict_code, sector, "
    "n, confirmed, age_under_18, age_18_24, age_25_39, age_40_59, age_60_plus, age_none, "
    "g_female, g_male, g_other, g_unspecified, g_none) SELECT i.cycle_id, o.issue_id, "
    "COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), i.sector, -SUM(1), "
    "-SUM(CASE WHEN o.state = 'confirmed' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.age_band = "
    "'under_18' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.age_band = '18_24' THEN 1 ELSE 0 END), "
    "-SUM(CASE WHEN i.age_band = '25_39' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.age_band = '40_59' "
    "THEN 1 ELSE 0 END), -SUM(CASE WHEN i.age_band = '60_plus' THEN 1 ELSE 0 END), -SUM(CASE "
    "WHEN i.age_band IS NULL THEN 1 ELSE 0 END), -SUM(CASE WHEN i.gender = 'female' THEN 1 ELSE "
    "0 END), -SUM(CASE WHEN i.gender = 'male' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.gender = "
    "'other' THEN 1 ELSE 0 END), -SUM(CASE WHEN i.gender = 'unspecified' THEN 1 ELSE 0 END), "
    "-SUM(CASE WHEN i.gender IS NULL THEN 1 ELSE 0 END) FROM old_rows o JOIN citizen_input i ON "
    "i.id = o.input_id WHERE i.moderation <> 'hidden' AND o.state <> 'rejected' AND (TRUE) GROUP "
    "BY i.cycle_id, o.issue_id, COALESCE(i.district_code, ''), COALESCE(i.subdistrict_code, ''), "
    "i.sector ORDER BY i.cycle_id, o.issue_id, COALESCE(i.district_code, ''), "
    "COALESCE(i.subdistrict_code, ''), i.sector ON CONFLICT (cycle_id, issue_id, district_code, "
    "subdistrict_code, sector) DO UPDATE SET n = review_tag_rollup.n + excluded.n, confirmed = "
    "review_tag_rollup.confirmed + excluded.confirmed, age_under_18 = "
    "review_tag_rollup.age_under_18 + excluded.age_under_18, age_18_24 = "
    "review_tag_rollup.age_18_24 + excluded.age_18_24, age_25_39 = review_tag_rollup.age_25_39 + "
    "excluded.age_25_39, age_40_59 = review_tag_rollup.age_40_59 + excluded.age_40_59, "
    "age_60_plus = review_tag_rollup.age_60_plus + excluded.age_60_plus, age_none = "
    "review_tag_rollup.age_none + excluded.age_none, g_female = review_tag_rollup.g_female + "
    "excluded.g_female, g_male = review_tag_rollup.g_male + excluded.g_male, g_other = "
    "review_tag_rollup.g_other + excluded.g_other, g_unspecified = "
    "review_tag_rollup.g_unspecified + excluded.g_unspecified, g_none = review_tag_rollup.g_none "
    "+ excluded.g_none; RETURN NULL; END $$",
    "CREATE TRIGGER review_rollup_tag_delete AFTER DELETE ON input_tag REFERENCING OLD TABLE AS "
    "old_rows FOR EACH STATEMENT EXECUTE FUNCTION review_rollup_tag_delete()",
)
