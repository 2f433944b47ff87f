"""review: an index to read a district's latest inputs for "what people say"

Revision ID: 0010_review_voices_district
Revises: 0009_review_rollup
Create Date: 2026-11-23 23:25:00

"""
from alembic import op


revision = '0010_review_voices_district'
down_revision = '0009_review_rollup'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('citizen_input', schema=None) as batch_op:
        batch_op.create_index('ix_citizen_input_cycle_district_submitted',
                              ['cycle_id', 'district_code', 'submitted_at', 'id'], unique=False)
    op.execute('ANALYZE citizen_input')


def downgrade():
    with op.batch_alter_table('citizen_input', schema=None) as batch_op:
        batch_op.drop_index('ix_citizen_input_cycle_district_submitted')
