"""hearings: series, hearings, their places, issues, agendas, attendance and registrations

Also the provinces' hearing settings and proposed schedules.

Revision ID: 0004_hearings
Revises: 0003_strategy
Create Date: 2026-12-04

"""

import sqlalchemy as sa
from alembic import op

revision = "0004_hearings"
down_revision = "0003_strategy"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "hearing_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("rule", sa.String(length=200), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"], name=op.f("fk_hearing_series_created_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["strategy_cycle.id"], name=op.f("fk_hearing_series_cycle_id_strategy_cycle")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearing_series")),
    )
    op.create_index(op.f("ix_hearing_series_cycle_id"), "hearing_series", ["cycle_id"], unique=False)
    op.create_table(
        "hearing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("district_code", sa.String(length=4), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("online_url", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("input_opens_at", sa.DateTime(), nullable=False),
        sa.Column("input_closes_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("registered_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("minutes", sa.Text(), nullable=True),
        sa.Column("minutes_recorded_at", sa.DateTime(), nullable=True),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("minutes_recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"], name=op.f("fk_hearing_created_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["strategy_cycle.id"], name=op.f("fk_hearing_cycle_id_strategy_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["district_code"], ["district.code"], name=op.f("fk_hearing_district_code_district")
        ),
        sa.ForeignKeyConstraint(
            ["province_code"], ["province.code"], name=op.f("fk_hearing_province_code_province")
        ),
        sa.ForeignKeyConstraint(
            ["series_id"], ["hearing_series.id"], name=op.f("fk_hearing_series_id_hearing_series")
        ),
        sa.ForeignKeyConstraint(
            ["minutes_recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_hearing_minutes_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearing")),
    )
    op.create_index(op.f("ix_hearing_cycle_id"), "hearing", ["cycle_id"], unique=False)
    op.create_index(op.f("ix_hearing_starts_at"), "hearing", ["starts_at"], unique=False)
    op.create_index("ix_hearing_series_id", "hearing", ["series_id"], unique=False)
    # The upcoming hearings of a province or district: with ends_at in the index the past ones are
    # skipped in the index itself. A (place, starts_at) index beside them would tempt SQLite to read
    # every past hearing's row to test its end (6 ms of a 20 ms page at 100,000 hearings).
    op.create_index(
        "ix_hearing_province_starts_ends", "hearing", ["province_code", "starts_at", "ends_at"], unique=False
    )
    op.create_index(
        "ix_hearing_district_starts_ends", "hearing", ["district_code", "starts_at", "ends_at"], unique=False
    )
    op.create_table(
        "hearing_issue",
        sa.Column("hearing_id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_hearing_issue_hearing_id_hearing")
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["strategic_issue.id"], name=op.f("fk_hearing_issue_issue_id_strategic_issue")
        ),
        sa.PrimaryKeyConstraint("hearing_id", "issue_id", name=op.f("pk_hearing_issue")),
    )
    op.create_table(
        "hearing_subdistrict",
        sa.Column("hearing_id", sa.Integer(), nullable=False),
        sa.Column("subdistrict_code", sa.String(length=6), nullable=False),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_hearing_subdistrict_hearing_id_hearing")
        ),
        sa.ForeignKeyConstraint(
            ["subdistrict_code"],
            ["subdistrict.code"],
            name=op.f("fk_hearing_subdistrict_subdistrict_code_subdistrict"),
        ),
        sa.PrimaryKeyConstraint("hearing_id", "subdistrict_code", name=op.f("pk_hearing_subdistrict")),
    )
    op.create_index(
        op.f("ix_hearing_subdistrict_subdistrict_code"),
        "hearing_subdistrict",
        ["subdistrict_code"],
        unique=False,
    )
    op.create_table(
        "hearing_agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hearing_id", sa.Integer(), nullable=False),
        sa.Column("offset_minutes", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_hearing_agenda_item_hearing_id_hearing")
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["strategic_issue.id"], name=op.f("fk_hearing_agenda_item_issue_id_strategic_issue")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearing_agenda_item")),
    )
    op.create_index(
        op.f("ix_hearing_agenda_item_hearing_id"), "hearing_agenda_item", ["hearing_id"], unique=False
    )
    op.create_table(
        "hearing_attendance",
        sa.Column("hearing_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=20), nullable=False),
        sa.Column("gender", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count >= 0", name=op.f("ck_hearing_attendance_count_not_negative")),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_hearing_attendance_hearing_id_hearing")
        ),
        sa.PrimaryKeyConstraint("hearing_id", "sector", "gender", name=op.f("pk_hearing_attendance")),
    )
    op.create_table(
        "hearing_registration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hearing_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_hearing_registration_hearing_id_hearing")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearing_registration")),
        sa.UniqueConstraint("reference", name=op.f("uq_hearing_registration_reference")),
    )
    op.create_index(
        "ix_hearing_registration_hearing_status",
        "hearing_registration",
        ["hearing_id", "status", "id"],
        unique=False,
    )
    op.create_table(
        "province_hearing_settings",
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("min_notice_days", sa.Integer(), nullable=False),
        sa.Column("reminder_days", sa.String(length=50), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["province_code"],
            ["province.code"],
            name=op.f("fk_province_hearing_settings_province_code_province"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["user_account.id"],
            name=op.f("fk_province_hearing_settings_updated_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("province_code", name=op.f("pk_province_hearing_settings")),
    )
    op.create_table(
        "schedule_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("district_code", sa.String(length=4), nullable=True),
        sa.Column("per_day_limit", sa.Integer(), nullable=False),
        sa.Column("group_size", sa.Integer(), nullable=False),
        sa.Column("respond_by", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_schedule_proposal_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["strategy_cycle.id"], name=op.f("fk_schedule_proposal_cycle_id_strategy_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["district_code"], ["district.code"], name=op.f("fk_schedule_proposal_district_code_district")
        ),
        sa.ForeignKeyConstraint(
            ["province_code"], ["province.code"], name=op.f("fk_schedule_proposal_province_code_province")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_proposal")),
    )
    op.create_index(op.f("ix_schedule_proposal_cycle_id"), "schedule_proposal", ["cycle_id"], unique=False)
    op.create_index(
        op.f("ix_schedule_proposal_province_code"), "schedule_proposal", ["province_code"], unique=False
    )
    op.create_table(
        "proposed_slot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("district_code", sa.String(length=4), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("venue", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("responded_by_id", sa.Integer(), nullable=True),
        sa.Column("responded_at", sa.DateTime(), nullable=True),
        sa.Column("hearing_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["district_code"], ["district.code"], name=op.f("fk_proposed_slot_district_code_district")
        ),
        sa.ForeignKeyConstraint(
            ["hearing_id"], ["hearing.id"], name=op.f("fk_proposed_slot_hearing_id_hearing")
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["schedule_proposal.id"],
            name=op.f("fk_proposed_slot_proposal_id_schedule_proposal"),
        ),
        sa.ForeignKeyConstraint(
            ["responded_by_id"],
            ["user_account.id"],
            name=op.f("fk_proposed_slot_responded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposed_slot")),
    )
    op.create_index(op.f("ix_proposed_slot_proposal_id"), "proposed_slot", ["proposal_id"], unique=False)
    op.create_table(
        "proposed_slot_subdistrict",
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("subdistrict_code", sa.String(length=6), nullable=False),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["proposed_slot.id"], name=op.f("fk_proposed_slot_subdistrict_slot_id_proposed_slot")
        ),
        sa.ForeignKeyConstraint(
            ["subdistrict_code"],
            ["subdistrict.code"],
            name=op.f("fk_proposed_slot_subdistrict_subdistrict_code_subdistrict"),
        ),
        sa.PrimaryKeyConstraint("slot_id", "subdistrict_code", name=op.f("pk_proposed_slot_subdistrict")),
    )
    op.create_index(
        op.f("ix_proposed_slot_subdistrict_subdistrict_code"),
        "proposed_slot_subdistrict",
        ["subdistrict_code"],
        unique=False,
    )


def downgrade():
    op.drop_table("proposed_slot_subdistrict")
    op.drop_table("proposed_slot")
    op.drop_table("schedule_proposal")
    op.drop_table("province_hearing_settings")
    op.drop_table("hearing_registration")
    op.drop_table("hearing_attendance")
    op.drop_table("hearing_agenda_item")
    op.drop_table("hearing_subdistrict")
    op.drop_table("hearing_issue")
    op.drop_table("hearing")
    op.drop_table("hearing_series")
