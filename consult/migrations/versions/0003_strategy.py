"""strategy: plans and their issues, cycles and phases, revisions and the issues' history

Revision ID: 0003_strategy
Revises: 0002_auth
Create Date: 2026-12-04

"""

import sqlalchemy as sa
from alembic import op

revision = "0003_strategy"
down_revision = "0002_auth"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "strategic_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("title_th", sa.String(length=300), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["province_code"], ["province.code"], name=op.f("fk_strategic_plan_province_code_province")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategic_plan")),
    )
    op.create_index(
        op.f("ix_strategic_plan_province_code"), "strategic_plan", ["province_code"], unique=False
    )
    op.create_table(
        "strategic_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("title_th", sa.String(length=300), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=False),
        sa.Column("description_th", sa.Text(), nullable=False),
        sa.Column("keywords_th", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["strategic_plan.id"], name=op.f("fk_strategic_issue_plan_id_strategic_plan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategic_issue")),
        sa.UniqueConstraint("plan_id", "code", name=op.f("uq_strategic_issue_plan_id")),
    )
    op.create_index(op.f("ix_strategic_issue_plan_id"), "strategic_issue", ["plan_id"], unique=False)
    op.create_table(
        "strategy_cycle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["strategic_plan.id"], name=op.f("fk_strategy_cycle_plan_id_strategic_plan")
        ),
        sa.ForeignKeyConstraint(
            ["province_code"], ["province.code"], name=op.f("fk_strategy_cycle_province_code_province")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_cycle")),
    )
    op.create_index(op.f("ix_strategy_cycle_plan_id"), "strategy_cycle", ["plan_id"], unique=False)
    op.create_index(
        op.f("ix_strategy_cycle_province_code"), "strategy_cycle", ["province_code"], unique=False
    )
    op.create_table(
        "cycle_phase",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name_th", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["strategy_cycle.id"], name=op.f("fk_cycle_phase_cycle_id_strategy_cycle")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_phase")),
        sa.UniqueConstraint("cycle_id", "key", name=op.f("uq_cycle_phase_cycle_id")),
    )
    op.create_index(op.f("ix_cycle_phase_cycle_id"), "cycle_phase", ["cycle_id"], unique=False)
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text_before", sa.Text(), nullable=False),
        sa.Column("text_after", sa.Text(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"], name=op.f("fk_revision_created_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["strategy_cycle.id"], name=op.f("fk_revision_cycle_id_strategy_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["strategic_issue.id"], name=op.f("fk_revision_issue_id_strategic_issue")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["strategic_plan.id"], name=op.f("fk_revision_plan_id_strategic_plan")
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"], ["user_account.id"], name=op.f("fk_revision_published_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"], ["user_account.id"], name=op.f("fk_revision_submitted_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
    )
    op.create_index(op.f("ix_revision_cycle_id"), "revision", ["cycle_id"], unique=False)
    op.create_index(op.f("ix_revision_issue_id"), "revision", ["issue_id"], unique=False)
    op.create_index(op.f("ix_revision_plan_id"), "revision", ["plan_id"], unique=False)
    op.create_table(
        "issue_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title_th", sa.String(length=300), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=False),
        sa.Column("description_th", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.DateTime(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["strategic_issue.id"], name=op.f("fk_issue_version_issue_id_strategic_issue")
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"], ["revision.id"], name=op.f("fk_issue_version_revision_id_revision")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue_version")),
        sa.UniqueConstraint("issue_id", "version", name=op.f("uq_issue_version_issue_id")),
        sa.UniqueConstraint("revision_id", name=op.f("uq_issue_version_revision_id")),
    )


def downgrade():
    op.drop_table("issue_version")
    op.drop_table("revision")
    op.drop_table("cycle_phase")
    op.drop_table("strategy_cycle")
    op.drop_table("strategic_issue")
    op.drop_table("strategic_plan")
