"""finance's check of a deferral [延期付款审核] (seed 001 财务人员 职责3), the first of its steps:
who passed it, or who returned it to its requester and why, and how often it was resubmitted.

Deferrals carried over: those awaiting a decision wait for finance's check first (no one has
passed it; an approval the sales VP or the GM already gave stays given, and the next step after
the check is the one still open); approved and refused ones stay as they were.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('deferrals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('finance_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('finance_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('finance_note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('returned_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('returned_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('return_note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('resubmissions', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_foreign_key(batch_op.f('fk_deferrals_finance_id_users'), 'users', ['finance_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_deferrals_returned_by_id_users'), 'users', ['returned_by_id'],
                                    ['id'])


def downgrade() -> None:
    # a returned or withdrawn request has no place in the older scheme: it counts as refused
    op.execute("UPDATE deferrals SET status = 'refused', refusal_note = return_note "
               "WHERE status IN ('returned', 'withdrawn')")
    with op.batch_alter_table('deferrals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_deferrals_returned_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_deferrals_finance_id_users'), type_='foreignkey')
        for col in ('resubmissions', 'return_note', 'returned_at', 'returned_by_id', 'finance_note', 'finance_at',
                    'finance_id'):
            batch_op.drop_column(col)
