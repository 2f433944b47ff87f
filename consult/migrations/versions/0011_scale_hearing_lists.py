"""scale: drop the two-column hearing indexes that the three-column ones (with ends_at) supersede

Revision ID: 0011_scale_hearing_lists
Revises: 0010_review_voices_district
Create Date: 2026-11-24 00:05:00

SQLite's planner took (province_code, starts_at) for "upcoming hearings of a province" and read
every past hearing's row to test its end: 6 ms of a 20 ms page at 100,000 hearings. Without it
the covering (province_code, starts_at, ends_at) index skips the past ones in the index itself.
"""
from alembic import op

revision = '0011_scale_hearing_lists'
down_revision = '0010_review_voices_district'
branch_labels = None
depends_on = None


# Plain DROP/CREATE INDEX: a batch operation could rebuild the table on SQLite and lose its triggers.
def upgrade():
    op.drop_index('ix_hearing_province_starts', table_name='hearing')
    op.drop_index('ix_hearing_district_starts', table_name='hearing')


def downgrade():
    op.create_index('ix_hearing_district_starts', 'hearing', ['district_code', 'starts_at'], unique=False)
    op.create_index('ix_hearing_province_starts', 'hearing', ['province_code', 'starts_at'], unique=False)
