"""English titles and venues of strategy cycles and hearings, shown on the English site when given

Revision ID: 0010_english_titles
Revises: 0009_cycle_data_versions
Create Date: 2026-12-04 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_english_titles"
down_revision = "0009_cycle_data_versions"
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN: a batch operation could rebuild the table on SQLite and lose its triggers.
def upgrade():
    op.add_column("strategy_cycle", sa.Column("title_en", sa.String(length=300), nullable=True))
    op.add_column("hearing", sa.Column("title_en", sa.String(length=300), nullable=True))
    op.add_column("hearing", sa.Column("venue_en", sa.String(length=300), nullable=True))


def downgrade():
    op.drop_column("hearing", "venue_en")
    op.drop_column("hearing", "title_en")
    op.drop_column("strategy_cycle", "title_en")
