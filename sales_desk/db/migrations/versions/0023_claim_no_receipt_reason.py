"""An expense claim without receipts says why: the written reason is kept on the claim
(existing claims get an empty one: they were submitted before the rule)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 01:29:09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('expense_claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('no_receipt_reason', sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('expense_claims', schema=None) as batch_op:
        batch_op.drop_column('no_receipt_reason')
