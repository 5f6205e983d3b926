"""Performance evaluation and commission (issue 19): a product's standard cost; the
criteria's weights and the commission schemes (proposed, approved); the evaluations per rep
and period; the monthly commission runs and their lines.

Revision ID: 0029
Revises: 0024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0029'
down_revision = "0028"
branch_labels = None
depends_on = None


def _decided(table: str) -> list[sa.Column | sa.ForeignKeyConstraint]:
    return [
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('effective_from', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('proposed_by_id', sa.Integer(), nullable=False),
        sa.Column('proposed_at', sa.DateTime(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('decision_note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=f'fk_{table}_proposed_by_id_users'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=f'fk_{table}_decided_by_id_users'),
    ]


def upgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_cost', sa.BigInteger(), server_default='0', nullable=False))

    op.create_table(
        'perf_weightings',
        sa.Column('id', sa.Integer(), nullable=False),
        *_decided('perf_weightings'),
        sa.Column('weights', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_perf_weightings')))
    op.create_index('ix_perf_weightings_status_from', 'perf_weightings', ['status', 'effective_from'])
    op.create_table(
        'commission_schemes',
        sa.Column('id', sa.Integer(), nullable=False),
        *_decided('commission_schemes'),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('tiers', sa.Text(), nullable=False),
        sa.Column('deduct_liability', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_commission_schemes')))
    op.create_index('ix_commission_schemes_status_from', 'commission_schemes', ['status', 'effective_from'])
    op.create_table(
        'perf_evaluations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rep_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('month', sa.Integer(), nullable=False),
        sa.Column('weighting_id', sa.Integer(), nullable=False),
        sa.Column('figures', sa.Text(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('feedback', sa.Text(), nullable=False),
        sa.Column('evaluated_by_id', sa.Integer(), nullable=False),
        sa.Column('evaluated_at', sa.DateTime(), nullable=False),
        sa.Column('given_by_id', sa.Integer(), nullable=True),
        sa.Column('given_at', sa.DateTime(), nullable=True),
        sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
        sa.Column('rep_comment', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name=op.f('fk_perf_evaluations_rep_id_users')),
        sa.ForeignKeyConstraint(['weighting_id'], ['perf_weightings.id'],
                                name=op.f('fk_perf_evaluations_weighting_id_perf_weightings')),
        sa.ForeignKeyConstraint(['evaluated_by_id'], ['users.id'],
                                name=op.f('fk_perf_evaluations_evaluated_by_id_users')),
        sa.ForeignKeyConstraint(['given_by_id'], ['users.id'], name=op.f('fk_perf_evaluations_given_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_perf_evaluations')),
        sa.UniqueConstraint('rep_id', 'year', 'month', name=op.f('uq_perf_evaluations_rep_id_year_month')))
    op.create_index('ix_perf_evaluations_period', 'perf_evaluations', ['year', 'month'])
    op.create_table(
        'commission_runs',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('scheme_id', sa.Integer(), nullable=False),
        sa.Column('total', sa.BigInteger(), nullable=False),
        sa.Column('run_by_id', sa.Integer(), nullable=False),
        sa.Column('run_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['scheme_id'], ['commission_schemes.id'],
                                name=op.f('fk_commission_runs_scheme_id_commission_schemes')),
        sa.ForeignKeyConstraint(['run_by_id'], ['users.id'], name=op.f('fk_commission_runs_run_by_id_users')),
        sa.PrimaryKeyConstraint('month', name=op.f('pk_commission_runs')))
    op.create_table(
        'commission_lines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('rep_id', sa.Integer(), nullable=False),
        *[sa.Column(c, sa.BigInteger(), nullable=False)
          for c in ('collected', 'excluded', 'commission', 'clawback', 'liability', 'net')],
        sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name=op.f('fk_commission_lines_rep_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_commission_lines')),
        sa.UniqueConstraint('month', 'rep_id', name=op.f('uq_commission_lines_month_rep_id')))


def downgrade() -> None:
    for table in ('commission_lines', 'commission_runs', 'perf_evaluations', 'commission_schemes',
                  'perf_weightings'):
        op.drop_table(table)
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('unit_cost')
