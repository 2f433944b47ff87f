"""geography: clusters, provinces, districts and subdistricts

Revision ID: 0001_geography
Revises:
Create Date: 2026-12-04

"""

import sqlalchemy as sa
from alembic import op

revision = "0001_geography"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "province_cluster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_th", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("region_th", sa.String(length=100), nullable=False),
        sa.Column("region_en", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_province_cluster")),
    )
    op.create_table(
        "province",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name_th", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=True),
        sa.Column("is_cluster_hub", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"], ["province_cluster.id"], name=op.f("fk_province_cluster_id_province_cluster")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_province")),
    )
    op.create_index(op.f("ix_province_cluster_id"), "province", ["cluster_id"], unique=False)
    op.create_table(
        "district",
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("name_th", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["province_code"], ["province.code"], name=op.f("fk_district_province_code_province")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_district")),
    )
    op.create_index(op.f("ix_district_province_code"), "district", ["province_code"], unique=False)
    op.create_table(
        "subdistrict",
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("district_code", sa.String(length=4), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("name_th", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("postal_code", sa.String(length=5), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_code"], ["district.code"], name=op.f("fk_subdistrict_district_code_district")
        ),
        sa.ForeignKeyConstraint(
            ["province_code"], ["province.code"], name=op.f("fk_subdistrict_province_code_province")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_subdistrict")),
    )
    op.create_index(op.f("ix_subdistrict_district_code"), "subdistrict", ["district_code"], unique=False)
    op.create_index(op.f("ix_subdistrict_province_code"), "subdistrict", ["province_code"], unique=False)


def downgrade():
    op.drop_table("subdistrict")
    op.drop_table("district")
    op.drop_table("province")
    op.drop_table("province_cluster")
