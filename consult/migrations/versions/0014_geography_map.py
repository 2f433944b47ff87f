"""Subdistricts' coordinates (coverage map), the province's emblem (memo), background exports

Revision ID: 0014_geography_map
Revises: 0013_security
Create Date: 2026-12-04 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_geography_map"
down_revision = "0013_security"
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN: a batch operation could rebuild the table on SQLite and lose its triggers.
# The coordinates are filled by `flask consult load-geography` (the loader fills missing ones).
def upgrade():
    op.add_column("subdistrict", sa.Column("latitude", sa.Float(), nullable=True))
    op.add_column("subdistrict", sa.Column("longitude", sa.Float(), nullable=True))
    op.create_table(
        "province_emblem",
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["province_code"], ["province.code"], name=op.f("fk_province_emblem_province_code_province")
        ),
        sa.PrimaryKeyConstraint("province_code", name=op.f("pk_province_emblem")),
    )
    op.create_table(
        "review_export_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=100), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["strategy_cycle.id"],
            name=op.f("fk_review_export_job_cycle_id_strategy_cycle"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_review_export_job_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_export_job")),
    )
    op.create_index(op.f("ix_review_export_job_cycle_id"), "review_export_job", ["cycle_id"])
    op.create_index(op.f("ix_review_export_job_user_id"), "review_export_job", ["user_id"])


def downgrade():
    op.drop_index(op.f("ix_review_export_job_user_id"), table_name="review_export_job")
    op.drop_index(op.f("ix_review_export_job_cycle_id"), table_name="review_export_job")
    op.drop_table("review_export_job")
    op.drop_table("province_emblem")
    op.drop_column("subdistrict", "longitude")
    op.drop_column("subdistrict", "latitude")
