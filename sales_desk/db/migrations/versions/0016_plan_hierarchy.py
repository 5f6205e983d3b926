"""plan hierarchy: monthly plans under the overall plan and product plans under a monthly
plan with their reps' sales and collection targets; collection targets remember the
monthly plan they came from (existing ones keep none); the rep's advance reports
(append-only)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sales_desk.db.migrations.audit_guard import create_append_only_guard, drop_append_only_guard

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sales_sub_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('prepared_by_id', sa.Integer(), nullable=False),
    sa.Column('prepared_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('approval_comment', sa.Text(), nullable=False),
    sa.Column('returned_by_id', sa.Integer(), nullable=True),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('returned_reason', sa.Text(), nullable=False),
    sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_sales_sub_plans_month_of_year')),
    sa.ForeignKeyConstraint(['parent_id'], ['sales_sub_plans.id'], name=op.f('fk_sales_sub_plans_parent_id_sales_sub_plans')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_sales_sub_plans_product_id_products')),
    sa.ForeignKeyConstraint(['prepared_by_id'], ['users.id'], name=op.f('fk_sales_sub_plans_prepared_by_id_users')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_sales_sub_plans_approved_by_id_users')),
    sa.ForeignKeyConstraint(['returned_by_id'], ['users.id'], name=op.f('fk_sales_sub_plans_returned_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_sub_plans'))
    )
    with op.batch_alter_table('sales_sub_plans', schema=None) as batch_op:
        batch_op.create_index('ix_sales_sub_plans_period', ['year', 'month', 'level'], unique=False)
        batch_op.create_index('ix_sales_sub_plans_parent', ['parent_id'], unique=False)

    op.create_table('sales_sub_plan_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sub_plan_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_sales_sub_plan_lines_amount_not_negative')),
    sa.ForeignKeyConstraint(['sub_plan_id'], ['sales_sub_plans.id'], name=op.f('fk_sales_sub_plan_lines_sub_plan_id_sales_sub_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name=op.f('fk_sales_sub_plan_lines_rep_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_sub_plan_lines')),
    sa.UniqueConstraint('sub_plan_id', 'kind', 'rep_id', name=op.f('uq_sales_sub_plan_lines_sub_plan_id_kind_rep_id'))
    )

    op.create_table('advance_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receivable_id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('expected_on', sa.Date(), nullable=False),
    sa.Column('actions', sa.Text(), nullable=False),
    sa.Column('filed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['receivable_id'], ['receivables.id'], name=op.f('fk_advance_reports_receivable_id_receivables')),
    sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name=op.f('fk_advance_reports_rep_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advance_reports'))
    )
    with op.batch_alter_table('advance_reports', schema=None) as batch_op:
        batch_op.create_index('ix_advance_reports_receivable', ['receivable_id'], unique=False)
    create_append_only_guard('advance_reports')

    # existing targets were set directly by the VP: they keep no plan
    with op.batch_alter_table('collection_targets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sub_plan_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_collection_targets_sub_plan_id_sales_sub_plans'),
                                    'sales_sub_plans', ['sub_plan_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('collection_targets', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_collection_targets_sub_plan_id_sales_sub_plans'), type_='foreignkey')
        batch_op.drop_column('sub_plan_id')
    drop_append_only_guard('advance_reports')
    with op.batch_alter_table('advance_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_advance_reports_receivable')
    op.drop_table('advance_reports')
    op.drop_table('sales_sub_plan_lines')
    with op.batch_alter_table('sales_sub_plans', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_sub_plans_parent')
        batch_op.drop_index('ix_sales_sub_plans_period')
    op.drop_table('sales_sub_plans')
