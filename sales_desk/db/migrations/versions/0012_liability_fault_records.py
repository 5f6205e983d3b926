"""liability needs fault (seed 001 客户信用管理制度 第19条 3): fault records on debts charged
for staff liability. A month's charges are only proposed until the sales manager records
fault (intent or gross negligence: final) or no fault (an exemption for the GM).

Existing liability runs, charges and shares are kept as they are. No fault was ever
determined for them, so they carry over as proposed, awaiting a fault record: the policy
charges only the responsible people's intent or gross negligence, and the program may not
presume either. Until the sales manager records fault on a debt, its charges are shown
but no longer counted in the statement's totals to deduct.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 21:24:48.417228
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('liability_faults',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receivable_id', sa.Integer(), nullable=False),
    sa.Column('finding', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['receivable_id'], ['receivables.id'],
                            name=op.f('fk_liability_faults_receivable_id_receivables')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_liability_faults_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_liability_faults_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_liability_faults'))
    )
    with op.batch_alter_table('liability_faults', schema=None) as batch_op:
        batch_op.create_index('ix_liability_faults_receivable_id', ['receivable_id'], unique=False)
        batch_op.create_index('ix_liability_faults_status', ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('liability_faults', schema=None) as batch_op:
        batch_op.drop_index('ix_liability_faults_status')
        batch_op.drop_index('ix_liability_faults_receivable_id')
    op.drop_table('liability_faults')
