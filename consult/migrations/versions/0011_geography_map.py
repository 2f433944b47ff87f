"""Subdistricts' coordinates (for the coverage map) and the province's emblem (for the memo)

Revision ID: 0011_geography_map
Revises: 0010_english_titles
Create Date: 2026-12-04 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_geography_map"
down_revision = "0010_english_titles"
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


def downgrade():
    op.drop_table("province_emblem")
    op.drop_column("subdistrict", "longitude")
    op.drop_column("subdistrict", "latitude")
