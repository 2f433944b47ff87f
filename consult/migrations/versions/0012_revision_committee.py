"""The provincial committee's (กบจ.) decision on a revision (meeting, date, resolution, scanned
minutes), and each province's rules for approving revisions

Revision ID: 0012_revision_committee
Revises: 0011_input_queue
Create Date: 2026-12-04 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_revision_committee"
down_revision = "0011_input_queue"
branch_labels = None
depends_on = None

COLUMNS = (
    ("committee_meeting", sa.String(length=100)),
    ("committee_decided_on", sa.Date()),
    ("committee_resolution", sa.Text()),
    ("minutes_file", sa.String(length=100)),
    ("minutes_name", sa.String(length=255)),
    ("minutes_type", sa.String(length=50)),
)


# Plain ADD/DROP COLUMN: a batch operation could rebuild the table on SQLite and lose its triggers.
def upgrade():
    for name, kind in COLUMNS:
        op.add_column("revision", sa.Column(name, kind, nullable=True))
    op.create_table(
        "province_revision_settings",
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("approver_role", sa.String(length=20), nullable=False),
        sa.Column("minutes_required", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["province_code"],
            ["province.code"],
            name=op.f("fk_province_revision_settings_province_code_province"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["user_account.id"],
            name=op.f("fk_province_revision_settings_updated_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("province_code", name=op.f("pk_province_revision_settings")),
    )


def downgrade():
    op.drop_table("province_revision_settings")
    for name, _kind in reversed(COLUMNS):
        op.drop_column("revision", name)
