"""inputs: citizen inputs, contacts, comment cards, publication policy, sheet imports

Also the link from a strategy revision to the inputs it cites.

Revision ID: 0005_inputs
Revises: 0004_hearings
Create Date: 2026-12-04

"""

import sqlalchemy as sa
from alembic import op

revision = "0005_inputs"
down_revision = "0004_hearings"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "citizen_input",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt", sa.String(length=12), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("hearing_id", sa.Integer(), nullable=True),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("district_code", sa.String(length=4), nullable=True),
        sa.Column("subdistrict_code", sa.String(length=6), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sector", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("age_band", sa.String(length=20), nullable=True),
        sa.Column("gender", sa.String(length=20), nullable=True),
        sa.Column("village", sa.String(length=200), nullable=True),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("moderation", sa.String(length=20), nullable=False),
        sa.Column("moderation_reason", sa.String(length=40), nullable=True),
        sa.Column("submission_key", sa.String(length=64), nullable=True),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["strategy_cycle.id"], name=op.f("fk_citizen_input_cycle_id_strategy_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["district_code"], ["district.code"], name=op.f("fk_citizen_input_district_code_district")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_id"], ["user_account.id"], name=op.f("fk_citizen_input_entered_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_citizen_input_hearing_id_hearing")
        ),
        sa.ForeignKeyConstraint(
            ["province_code"], ["province.code"], name=op.f("fk_citizen_input_province_code_province")
        ),
        sa.ForeignKeyConstraint(
            ["subdistrict_code"],
            ["subdistrict.code"],
            name=op.f("fk_citizen_input_subdistrict_code_subdistrict"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizen_input")),
        sa.UniqueConstraint("receipt", name=op.f("uq_citizen_input_receipt")),
        sa.UniqueConstraint("submission_key", name=op.f("uq_citizen_input_submission_key")),
    )
    op.create_index(
        "ix_citizen_input_cycle_submitted", "citizen_input", ["cycle_id", "submitted_at"], unique=False
    )
    op.create_index(op.f("ix_citizen_input_district_code"), "citizen_input", ["district_code"], unique=False)
    op.create_index(op.f("ix_citizen_input_hearing_id"), "citizen_input", ["hearing_id"], unique=False)
    op.create_index(
        "ix_citizen_input_province_submitted",
        "citizen_input",
        ["province_code", "submitted_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_citizen_input_subdistrict_code"), "citizen_input", ["subdistrict_code"], unique=False
    )
    # Covering indexes for the review of a cycle at a million inputs: every count by the dashboard's
    # dimensions reads the first alone; the second joins a cycle's inputs to their tags by id;
    # the third reads a district's latest inputs for "what people say".
    op.create_index(
        "ix_citizen_input_cycle_aggregates",
        "citizen_input",
        [
            "cycle_id",
            "moderation",
            "sector",
            "channel",
            "age_band",
            "gender",
            "status",
            "district_code",
            "subdistrict_code",
            "submitted_at",
        ],
        unique=False,
    )
    op.create_index(
        "ix_citizen_input_cycle_tag_cube",
        "citizen_input",
        ["cycle_id", "moderation", "id"],
        unique=False,
        postgresql_include=[
            "district_code",
            "subdistrict_code",
            "sector",
            "age_band",
            "gender",
            "submitted_at",
        ],
    )
    op.create_index(
        "ix_citizen_input_cycle_district_submitted",
        "citizen_input",
        ["cycle_id", "district_code", "submitted_at", "id"],
        unique=False,
    )
    op.create_table(
        "input_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("input_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["input_id"], ["citizen_input.id"], name=op.f("fk_input_contact_input_id_citizen_input")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_input_contact")),
        sa.UniqueConstraint("input_id", name=op.f("uq_input_contact_input_id")),
    )
    op.create_table(
        "comment_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hearing_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("input_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_comment_card_hearing_id_hearing")
        ),
        sa.ForeignKeyConstraint(
            ["input_id"], ["citizen_input.id"], name=op.f("fk_comment_card_input_id_citizen_input")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["user_account.id"], name=op.f("fk_comment_card_issued_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_card")),
        sa.UniqueConstraint("code", name=op.f("uq_comment_card_code")),
        sa.UniqueConstraint("hearing_id", "number", name=op.f("uq_comment_card_hearing_id")),
        sa.UniqueConstraint("input_id", name=op.f("uq_comment_card_input_id")),
    )
    op.create_index(op.f("ix_comment_card_hearing_id"), "comment_card", ["hearing_id"], unique=False)
    op.create_table(
        "province_input_policy",
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("publish_texts", sa.Boolean(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["province_code"], ["province.code"], name=op.f("fk_province_input_policy_province_code_province")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["user_account.id"],
            name=op.f("fk_province_input_policy_updated_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("province_code", name=op.f("pk_province_input_policy")),
    )
    op.create_table(
        "input_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hearing_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("default_sector", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=True),
        sa.Column("outcome", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_input_import_hearing_id_hearing")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["user_account.id"], name=op.f("fk_input_import_uploaded_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_input_import")),
    )
    op.create_index(op.f("ix_input_import_created_at"), "input_import", ["created_at"], unique=False)
    op.create_index(op.f("ix_input_import_hearing_id"), "input_import", ["hearing_id"], unique=False)
    # The strategy's revisions cite inputs: the link waits for both.
    op.create_table(
        "revision_input",
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("input_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["input_id"], ["citizen_input.id"], name=op.f("fk_revision_input_input_id_citizen_input")
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"], ["revision.id"], name=op.f("fk_revision_input_revision_id_revision")
        ),
        sa.PrimaryKeyConstraint("revision_id", "input_id", name=op.f("pk_revision_input")),
    )
    op.create_index(op.f("ix_revision_input_input_id"), "revision_input", ["input_id"], unique=False)


def downgrade():
    op.drop_table("revision_input")
    op.drop_table("input_import")
    op.drop_table("province_input_policy")
    op.drop_table("comment_card")
    op.drop_table("input_contact")
    op.drop_table("citizen_input")
