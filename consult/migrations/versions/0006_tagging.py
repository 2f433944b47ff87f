"""tagging: inputs' strategic-issue tags, learned taggers per plan, the full-text index of inputs

Revision ID: 0006_tagging
Revises: 0005_inputs
Create Date: 2026-12-04

"""

import sqlalchemy as sa
from alembic import op

revision = "0006_tagging"
down_revision = "0005_inputs"
branch_labels = None
depends_on = None

SQLITE_SEARCH_TRIGGERS = ("input_search_text_ai", "input_search_text_ad", "input_search_text_au")


def upgrade():
    op.create_table(
        "input_tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("input_id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("model_version", sa.String(length=64), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["confirmed_by_id"], ["user_account.id"], name=op.f("fk_input_tag_confirmed_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["input_id"], ["citizen_input.id"], name=op.f("fk_input_tag_input_id_citizen_input")
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["strategic_issue.id"], name=op.f("fk_input_tag_issue_id_strategic_issue")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_input_tag")),
        sa.UniqueConstraint("input_id", "issue_id", name=op.f("uq_input_tag_input_id")),
    )
    op.create_index("ix_input_tag_issue_state", "input_tag", ["issue_id", "state"], unique=False)
    # Covering indexes: the counted tags of a cycle's inputs, joined from the inputs; and each
    # issue's latest tagged inputs read without sorting them all.
    op.create_index(
        "ix_input_tag_input_state_issue", "input_tag", ["input_id", "state", "issue_id"], unique=False
    )
    op.create_index(
        "ix_input_tag_issue_input_state", "input_tag", ["issue_id", "input_id", "state"], unique=False
    )
    op.create_table(
        "tagger_model",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("training_size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["strategic_plan.id"], name=op.f("fk_tagger_model_plan_id_strategic_plan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tagger_model")),
        sa.UniqueConstraint("plan_id", "version", name=op.f("uq_tagger_model_plan_id")),
    )
    op.create_index(op.f("ix_tagger_model_plan_id"), "tagger_model", ["plan_id"], unique=False)
    op.create_table(
        "input_search_text",
        sa.Column("input_id", sa.Integer(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["input_id"],
            ["citizen_input.id"],
            name=op.f("fk_input_search_text_input_id_citizen_input"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("input_id", name=op.f("pk_input_search_text")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # 'simple': the terms are already segmented and normalised; no stemming for Thai
        op.execute(
            "CREATE INDEX ix_input_search_text_document ON input_search_text "
            "USING gin (to_tsvector('simple', terms))"
        )
        return
    # The 'ascii' tokenizer keeps every non-ASCII character inside a token, so Thai vowels and
    # tone marks never split a word; words are separated by the spaces the segmenter put in.
    op.execute(
        "CREATE VIRTUAL TABLE input_search_fts USING fts5(terms, content='input_search_text', "
        "content_rowid='input_id', tokenize='ascii')"
    )
    op.execute(
        "CREATE TRIGGER input_search_text_ai AFTER INSERT ON input_search_text BEGIN "
        "INSERT INTO input_search_fts(rowid, terms) VALUES (new.input_id, new.terms); END"
    )
    op.execute(
        "CREATE TRIGGER input_search_text_ad AFTER DELETE ON input_search_text BEGIN "
        "INSERT INTO input_search_fts(input_search_fts, rowid, terms) "
        "VALUES ('delete', old.input_id, old.terms); END"
    )
    op.execute(
        "CREATE TRIGGER input_search_text_au AFTER UPDATE ON input_search_text BEGIN "
        "INSERT INTO input_search_fts(input_search_fts, rowid, terms) "
        "VALUES ('delete', old.input_id, old.terms); "
        "INSERT INTO input_search_fts(rowid, terms) VALUES (new.input_id, new.terms); END"
    )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for trigger in SQLITE_SEARCH_TRIGGERS:
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE input_search_fts")
    op.drop_table("input_search_text")
    op.drop_table("tagger_model")
    op.drop_table("input_tag")
