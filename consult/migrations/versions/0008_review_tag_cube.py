"""review: an index of a cycle's inputs by id for joining them to their tags

Revision ID: 0008_review_tag_cube
Revises: 0006_review_voices
Create Date: 2026-11-23 21:55:00

"""
from alembic import op


revision = '0008_review_tag_cube'
down_revision = '0006_review_voices'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('citizen_input', schema=None) as batch_op:
        batch_op.create_index('ix_citizen_input_cycle_tag_cube', ['cycle_id', 'moderation', 'id'], unique=False,
                              postgresql_include=['district_code', 'subdistrict_code', 'sector', 'age_band',
                                                  'gender', 'submitted_at'])
    # Statistics for the new index at once, so that neither database mistakes what it is for.
    op.execute('ANALYZE citizen_input')


def downgrade():
    with op.batch_alter_table('citizen_input', schema=None) as batch_op:
        batch_op.drop_index('ix_citizen_input_cycle_tag_cube')
