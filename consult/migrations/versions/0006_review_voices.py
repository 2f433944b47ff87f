"""review: an index to read each issue's latest tagged inputs without sorting them all

Revision ID: 0006_review_voices
Revises: 0004_review
Create Date: 2026-11-23 20:45:00

"""
from alembic import op


revision = '0006_review_voices'
down_revision = '0004_review'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('input_tag', schema=None) as batch_op:
        batch_op.create_index('ix_input_tag_issue_input_state', ['issue_id', 'input_id', 'state'], unique=False)
    # Without statistics for the new index SQLite takes it for very selective and would read every
    # tag of an issue, in all cycles, for each per-cycle count.
    op.execute('ANALYZE input_tag')


def downgrade():
    with op.batch_alter_table('input_tag', schema=None) as batch_op:
        batch_op.drop_index('ix_input_tag_issue_input_state')
