"""sales plans: a year's plan in versions (prepared, submitted, approved, returned,
superseded) with targets per month for each rep, product and region; the indexes the
plans' progress and the dashboard read (sold per period from the documents, each
customer's last order)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 20:03:50.809436
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sales_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('revision_reason', sa.Text(), nullable=False),
    sa.Column('prepared_by_id', sa.Integer(), nullable=False),
    sa.Column('prepared_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('approval_comment', sa.Text(), nullable=False),
    sa.Column('returned_by_id', sa.Integer(), nullable=True),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('returned_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_sales_plans_approved_by_id_users')),
    sa.ForeignKeyConstraint(['prepared_by_id'], ['users.id'], name=op.f('fk_sales_plans_prepared_by_id_users')),
    sa.ForeignKeyConstraint(['returned_by_id'], ['users.id'], name=op.f('fk_sales_plans_returned_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_plans')),
    sa.UniqueConstraint('year', 'revision', name=op.f('uq_sales_plans_year_revision'))
    )
    with op.batch_alter_table('sales_plans', schema=None) as batch_op:
        batch_op.create_index('ix_sales_plans_status', ['status'], unique=False)

    op.create_table('sales_plan_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('dimension', sa.String(length=8), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_sales_plan_targets_amount_not_negative')),
    sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_sales_plan_targets_month_of_year')),
    sa.ForeignKeyConstraint(['plan_id'], ['sales_plans.id'], name=op.f('fk_sales_plan_targets_plan_id_sales_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_plan_targets')),
    sa.UniqueConstraint('plan_id', 'dimension', 'key', 'month', name=op.f('uq_sales_plan_targets_plan_id_dimension_key_month'))
    )
    with op.batch_alter_table('receivables', schema=None) as batch_op:
        batch_op.create_index('ix_receivables_sales', ['doc_date', 'kind', 'rep_id', 'amount', 'customer_id'], unique=False)

    with op.batch_alter_table('sales_orders', schema=None) as batch_op:
        batch_op.create_index('ix_sales_orders_customer_date', ['customer_id', 'order_date', 'status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sales_orders', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_orders_customer_date')

    with op.batch_alter_table('receivables', schema=None) as batch_op:
        batch_op.drop_index('ix_receivables_sales')

    op.drop_table('sales_plan_targets')
    with op.batch_alter_table('sales_plans', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_plans_status')

    op.drop_table('sales_plans')
