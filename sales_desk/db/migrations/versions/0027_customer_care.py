"""Customer care (issue 19): complaints and after-sales service cases with their steps,
satisfaction scores, key-account screenings.

Revision ID: 0027
Revises: 0024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = "0026"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'], name=op.f(f'fk_{table}_{column}_{target}'),
                                   ondelete=ondelete)


def upgrade() -> None:
    t = 'service_cases'
    op.create_table(t,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('cause', sa.String(length=16), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('contact_person', sa.String(length=100), nullable=False),
    sa.Column('handler_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('repeat_of_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('confirmed_by', sa.String(length=100), nullable=False),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('days_to_close', sa.Integer(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    _fk(t, 'customer_id', 'customers', 'CASCADE'), _fk(t, 'rep_id', 'users'),
    _fk(t, 'product_id', 'products'), _fk(t, 'handler_id', 'users'),
    _fk(t, 'repeat_of_id', 'service_cases'), _fk(t, 'closed_by_id', 'users'),
    _fk(t, 'recorded_by_id', 'users'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_cases')),
    sa.UniqueConstraint('number', name=op.f('uq_service_cases_number')),
    )
    with op.batch_alter_table(t, schema=None) as batch_op:
        batch_op.create_index('ix_service_cases_received', ['received_on', 'kind', 'cause', 'product_id',
                              'severity', 'customer_id', 'days_to_close', 'repeat_of_id', 'due_on',
                              'closed_on'], unique=False)
        batch_op.create_index('ix_service_cases_customer_received', ['customer_id', 'received_on'], unique=False)
        batch_op.create_index('ix_service_cases_status_due', ['status', 'due_on'], unique=False)
        batch_op.create_index('ix_service_cases_rep_received', ['rep_id', 'received_on'], unique=False)

    t = 'service_steps'
    op.create_table(t,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    _fk(t, 'case_id', 'service_cases', 'CASCADE'), _fk(t, 'by_id', 'users'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_steps')),
    )
    with op.batch_alter_table(t, schema=None) as batch_op:
        batch_op.create_index('ix_service_steps_case', ['case_id'], unique=False)

    t = 'satisfaction_scores'
    op.create_table(t,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('occasion', sa.String(length=16), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('score', sa.SmallInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    _fk(t, 'customer_id', 'customers', 'CASCADE'), _fk(t, 'case_id', 'service_cases', 'CASCADE'),
    _fk(t, 'recorded_by_id', 'users'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_satisfaction_scores')),
    )
    with op.batch_alter_table(t, schema=None) as batch_op:
        batch_op.create_index('ix_satisfaction_scores_customer_on', ['customer_id', 'recorded_on'], unique=False)
        batch_op.create_index('ix_satisfaction_scores_on', ['recorded_on', 'score'], unique=False)

    t = 'key_account_screenings'
    op.create_table(t,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    *(sa.Column(c, sa.SmallInteger(), nullable=False)
      for c in ('volume', 'concentration', 'service', 'price', 'partnership', 'total')),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    _fk(t, 'customer_id', 'customers', 'CASCADE'), _fk(t, 'proposed_by_id', 'users'),
    _fk(t, 'decided_by_id', 'users'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_account_screenings')),
    )
    with op.batch_alter_table(t, schema=None) as batch_op:
        batch_op.create_index('ix_key_account_screenings_customer', ['customer_id', 'status'], unique=False)


def downgrade() -> None:
    for t in ('key_account_screenings', 'satisfaction_scores', 'service_steps', 'service_cases'):
        op.drop_table(t)
