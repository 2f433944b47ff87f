"""The provincial committee's (กบจ.) decision on a revision: meeting, date, resolution, scanned minutes

Revision ID: 0011_revision_committee
Revises: 0010_english_titles
Create Date: 2026-12-04 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_revision_committee"
down_revision = "0010_english_titles"
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


def downgrade():
    for name, _kind in reversed(COLUMNS):
        op.drop_column("revision", name)
