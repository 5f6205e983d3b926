"""the customer's letter language (existing customers: "", letters print in the language
chosen at print time, as before); a receipt's reversal (a bounced cheque), which undoes
its allocations by negative ones dated the day of the reversal; aging as of a past date
reads the documents and allocations after it from covering indexes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 21:29:02.439388
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=False, server_default=''))

    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reversed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reversed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reversed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('reversal_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_receipts_reversed_by_id_users'), 'users', ['reversed_by_id'], ['id'])

    with op.batch_alter_table('receivable_allocations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_receivable_allocations_amount_positive'), type_='check')
        batch_op.create_check_constraint('amount_not_zero', 'amount <> 0')

    op.drop_index('ix_receivable_allocations_applied_on', table_name='receivable_allocations')
    op.create_index('ix_receivable_allocations_applied_cover', 'receivable_allocations',
                    ['applied_on', 'receivable_id', 'amount', 'credit_note_id'])
    op.drop_index('ix_receivables_doc_date', table_name='receivables')
    op.create_index('ix_receivables_doc_date_cover', 'receivables',
                    ['doc_date', 'customer_id', 'due_date', 'open_amount', 'amount'])


def downgrade() -> None:
    op.drop_index('ix_receivables_doc_date_cover', table_name='receivables')
    op.create_index('ix_receivables_doc_date', 'receivables', ['doc_date'])
    op.drop_index('ix_receivable_allocations_applied_cover', table_name='receivable_allocations')
    op.create_index('ix_receivable_allocations_applied_on', 'receivable_allocations', ['applied_on'])
    op.execute("DELETE FROM receivable_allocations WHERE amount < 0")
    with op.batch_alter_table('receivable_allocations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_receivable_allocations_amount_not_zero'), type_='check')
        batch_op.create_check_constraint('amount_positive', 'amount > 0')
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_receipts_reversed_by_id_users'), type_='foreignkey')
        batch_op.drop_column('reversal_reason')
        batch_op.drop_column('reversed_at')
        batch_op.drop_column('reversed_by_id')
        batch_op.drop_column('reversed_on')

    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_column('language')
