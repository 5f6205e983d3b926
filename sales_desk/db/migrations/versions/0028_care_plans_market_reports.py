"""caring for customers: maintenance plans [客户维护计划], industry and market information reports
[客户行业与市场信息报告], and the customer file's purchasing procedure, demand plan and the
information's source level (客户关系维护办法 第5–11条)

Revision ID: 0028
Revises: 0024
Create Date: 2026-12-06 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0028'
down_revision = "0027"
branch_labels = None
depends_on = None


def _reviewed(table: str) -> list[sa.Column | sa.Constraint]:
    """The columns and keys both tables share (models/relationship.py _Reviewed)."""
    return [
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('written_by_id', sa.Integer(), nullable=False),
        sa.Column('written_at', sa.DateTime(), nullable=False),
        sa.Column('submitted_at', sa.DateTime(), nullable=True),
        sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
        sa.Column('reviewed_at', sa.DateTime(), nullable=True),
        sa.Column('review_note', sa.Text(), nullable=False),
        sa.Column('filed_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f(f'fk_{table}_written_by_id_users')),
        sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f(f'fk_{table}_reviewed_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{table}')),
        sa.UniqueConstraint('number', name=op.f(f'uq_{table}_number')),
    ]


def upgrade() -> None:
    op.create_table(
        'care_plans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=32), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        *(sa.Column(c, sa.Text(), nullable=False) for c in
          ('summary', 'profile', 'competition', 'assessment', 'actions')),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_care_plans_customer_id_customers')),
        *_reviewed('care_plans'),
    )
    with op.batch_alter_table('care_plans', schema=None) as batch_op:
        batch_op.create_index('ix_care_plans_customer_status', ['customer_id', 'status', 'filed_on'], unique=False)
    op.create_table(
        'market_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=32), nullable=False),
        sa.Column('period', sa.String(length=7), nullable=False),
        sa.Column('industry', sa.String(length=64), nullable=False),
        *(sa.Column(c, sa.Text(), nullable=False) for c in
          ('industry_news', 'market', 'customers', 'competitors', 'suggestions')),
        *_reviewed('market_reports'),
    )
    with op.batch_alter_table('market_reports', schema=None) as batch_op:
        batch_op.create_index('ix_market_reports_period', ['period', 'id'], unique=False)
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purchasing_procedure', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('demand_plan', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('info_source_level', sa.String(length=16), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_column('info_source_level')
        batch_op.drop_column('demand_plan')
        batch_op.drop_column('purchasing_procedure')
    with op.batch_alter_table('market_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_market_reports_period')
    op.drop_table('market_reports')
    with op.batch_alter_table('care_plans', schema=None) as batch_op:
        batch_op.drop_index('ix_care_plans_customer_status')
    op.drop_table('care_plans')
