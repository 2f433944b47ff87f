"""review: pre-aggregated counts of each cycle's input, kept by triggers

Revision ID: 0009_review_rollup
Revises: 0008_review_tag_cube
Create Date: 2026-11-23 22:50:00

"""
from alembic import op

from consult.review import rollup

revision = '0009_review_rollup'
down_revision = '0008_review_tag_cube'
branch_labels = None
depends_on = None

TABLES = (rollup.InputRollup.__table__, rollup.TagRollup.__table__, rollup.DailyRollup.__table__)


def upgrade():
    bind = op.get_bind()
    for table in TABLES:
        table.create(bind)
    rollup.install(bind)
    for statement in rollup.fill_statements(bind.dialect.name):
        op.execute(statement)
    for table in TABLES:
        op.execute(f'ANALYZE {table.name}')


def downgrade():
    bind = op.get_bind()
    for statement in rollup.drop_statements(bind.dialect.name):
        op.execute(statement)
    for table in reversed(TABLES):
        table.drop(bind)
