"""spending standards (费用 第13条1): an expense claim keeps the standard of its item in force
when it was spent, the reason written when it is above it, and a per-diem's days and city tier.
Existing claims had no standard: left empty (NULL), their reason empty.
A sales plan keeps the target worked out by one of the six methods (费用 第5条2), the method
named and its workings; existing plans have none.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 01:49:50.250923
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0021"
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('expense_claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('standard', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('standard_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('city_tier', sa.Integer(), nullable=True))
    with op.batch_alter_table('sales_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_method', sa.String(length=24), server_default='', nullable=False))
        batch_op.add_column(sa.Column('target_figure', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('target_workings', sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('sales_plans', schema=None) as batch_op:
        batch_op.drop_column('target_workings')
        batch_op.drop_column('target_figure')
        batch_op.drop_column('target_method')
    with op.batch_alter_table('expense_claims', schema=None) as batch_op:
        batch_op.drop_column('city_tier')
        batch_op.drop_column('days')
        batch_op.drop_column('standard_reason')
        batch_op.drop_column('standard')
