"""inputs: the queue of inputs waiting to be tagged and indexed after their submission answered

Revision ID: 0011_input_queue
Revises: 0010_english_titles
Create Date: 2026-12-04 21:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_input_queue"
down_revision = "0010_english_titles"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "input_queue",
        sa.Column("input_id", sa.Integer(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["input_id"],
            ["citizen_input.id"],
            name=op.f("fk_input_queue_input_id_citizen_input"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("input_id", name=op.f("pk_input_queue")),
    )
    op.create_index("ix_input_queue_queued_at", "input_queue", ["queued_at"], unique=False)


def downgrade():
    op.drop_table("input_queue")
