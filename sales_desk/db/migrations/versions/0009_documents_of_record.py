"""documents of record: issued documents with their bytes and outputs, the refusals log
(chained like the audit trail), and each letter step's letter as of its day; the four new
tables are append-only like audit_log

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 17:17:52.792317
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sales_desk.db.migrations.audit_guard import create_append_only_guard, drop_append_only_guard

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

APPEND_ONLY = ('issued_documents', 'document_contents', 'document_outputs', 'refusal_log')


def upgrade() -> None:
    op.create_table('refusal_log',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('entity', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('signature', sa.String(length=128), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_refusal_log'))
    )
    with op.batch_alter_table('refusal_log', schema=None) as batch_op:
        batch_op.create_index('ix_refusal_log_user', ['user_id', 'seq'], unique=False)

    op.create_table('issued_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('edition', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.Column('media_type', sa.String(length=80), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_issued_documents_customer_id_customers')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_issued_documents_issued_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_documents')),
    sa.UniqueConstraint('kind', 'subject', 'language', 'edition', name='uq_issued_documents_edition'),
    sa.UniqueConstraint('number', name=op.f('uq_issued_documents_number'))
    )
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.create_index('ix_issued_documents_customer', ['customer_id', 'id'], unique=False)
        batch_op.create_index('ix_issued_documents_issued_by', ['issued_by_id', 'id'], unique=False)
        batch_op.create_index('ix_issued_documents_issued_on', ['issued_on', 'id'], unique=False)
        batch_op.create_index('ix_issued_documents_kind', ['kind', 'id'], unique=False)
        batch_op.create_index('ix_issued_documents_reference', ['reference'], unique=False)

    op.create_table('document_contents',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['issued_documents.id'], name=op.f('fk_document_contents_document_id_issued_documents')),
    sa.PrimaryKeyConstraint('document_id', name=op.f('pk_document_contents'))
    )
    op.create_table('document_outputs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('copy', sa.Boolean(), nullable=False),
    sa.Column('destination', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_document_outputs_by_id_users')),
    sa.ForeignKeyConstraint(['document_id'], ['issued_documents.id'], name=op.f('fk_document_outputs_document_id_issued_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_outputs'))
    )
    with op.batch_alter_table('document_outputs', schema=None) as batch_op:
        batch_op.create_index('ix_document_outputs_document', ['document_id', 'id'], unique=False)

    op.add_column('dunning_steps', sa.Column('letter_data', sa.Text(), nullable=True))
    for table in APPEND_ONLY:
        create_append_only_guard(table)


def downgrade() -> None:
    for table in APPEND_ONLY:
        drop_append_only_guard(table)
    with op.batch_alter_table('dunning_steps', schema=None) as batch_op:
        batch_op.drop_column('letter_data')

    with op.batch_alter_table('document_outputs', schema=None) as batch_op:
        batch_op.drop_index('ix_document_outputs_document')

    op.drop_table('document_outputs')
    op.drop_table('document_contents')
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_issued_documents_reference')
        batch_op.drop_index('ix_issued_documents_kind')
        batch_op.drop_index('ix_issued_documents_issued_on')
        batch_op.drop_index('ix_issued_documents_issued_by')
        batch_op.drop_index('ix_issued_documents_customer')

    op.drop_table('issued_documents')
    with op.batch_alter_table('refusal_log', schema=None) as batch_op:
        batch_op.drop_index('ix_refusal_log_user')

    op.drop_table('refusal_log')
