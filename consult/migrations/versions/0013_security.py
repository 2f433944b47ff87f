"""Security: idempotency keys bound to what was sent, sign-in throttling instead of a lockout,
TOTP second factor

Revision ID: 0013_security
Revises: 0012_revision_committee
Create Date: 2026-12-04 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_security"
down_revision = "0012_revision_committee"
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN: a batch operation could rebuild the table on SQLite and lose its triggers.
# Keys stored before this revision stay as they were: they no longer match a retried request, which
# at worst stores a retry of a days-old request again.
def upgrade():
    op.add_column("citizen_input", sa.Column("submission_digest", sa.String(length=64), nullable=True))
    op.add_column("user_account", sa.Column("totp_secret", sa.String(length=64), nullable=True))
    op.add_column("user_account", sa.Column("totp_last_step", sa.Integer(), nullable=True))
    op.drop_column("user_account", "failed_logins")
    op.drop_column("user_account", "locked_until")
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_throttle")),
    )


def downgrade():
    op.drop_table("sign_in_throttle")
    op.add_column("user_account", sa.Column("locked_until", sa.DateTime(), nullable=True))
    op.add_column(
        "user_account", sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
    )
    op.drop_column("user_account", "totp_last_step")
    op.drop_column("user_account", "totp_secret")
    op.drop_column("citizen_input", "submission_digest")
