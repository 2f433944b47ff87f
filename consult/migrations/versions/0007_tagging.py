"""tagging: learned taggers per plan, and the full-text index of inputs

Revision ID: 0007_tagging
Revises: 0001
Create Date: 2026-11-23 20:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0007_tagging'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tagger_model',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('training_size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['strategic_plan.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'version')
    )
    with op.batch_alter_table('tagger_model', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tagger_model_plan_id'), ['plan_id'], unique=False)
    op.create_table('input_search_text',
    sa.Column('input_id', sa.Integer(), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['input_id'], ['citizen_input.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('input_id')
    )
    if op.get_bind().dialect.name == 'postgresql':
        # 'simple': the terms are already segmented and normalised; no stemming for Thai
        op.execute("CREATE INDEX ix_input_search_text_document ON input_search_text "
                   "USING gin (to_tsvector('simple', terms))")
        return
    # The 'ascii' tokenizer keeps every non-ASCII character inside a token, so Thai vowels and
    # tone marks never split a word; words are separated by the spaces the segmenter put in.
    op.execute("CREATE VIRTUAL TABLE input_search_fts USING fts5(terms, content='input_search_text', "
               "content_rowid='input_id', tokenize='ascii')")
    op.execute("CREATE TRIGGER input_search_text_ai AFTER INSERT ON input_search_text BEGIN "
               "INSERT INTO input_search_fts(rowid, terms) VALUES (new.input_id, new.terms); END")
    op.execute("CREATE TRIGGER input_search_text_ad AFTER DELETE ON input_search_text BEGIN "
               "INSERT INTO input_search_fts(input_search_fts, rowid, terms) "
               "VALUES ('delete', old.input_id, old.terms); END")
    op.execute("CREATE TRIGGER input_search_text_au AFTER UPDATE ON input_search_text BEGIN "
               "INSERT INTO input_search_fts(input_search_fts, rowid, terms) "
               "VALUES ('delete', old.input_id, old.terms); "
               "INSERT INTO input_search_fts(rowid, terms) VALUES (new.input_id, new.terms); END")


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        for trigger in ('input_search_text_ai', 'input_search_text_ad', 'input_search_text_au'):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE input_search_fts")
    op.drop_table('input_search_text')
    with op.batch_alter_table('tagger_model', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tagger_model_plan_id'))
    op.drop_table('tagger_model')
