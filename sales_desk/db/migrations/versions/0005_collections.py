"""collections: receipts, the ladder's steps, lawsuits and evidence, write-offs, deferrals,
staff liability, collection targets; allocations gain receipt_id and write_off_id, and
the as-of aging's indexes (allocations by date applied, documents by date)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 19:38:27.239684
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('collection_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=False),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_collection_targets_amount_not_negative')),
    sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name=op.f('fk_collection_targets_rep_id_users')),
    sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], name=op.f('fk_collection_targets_set_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collection_targets')),
    sa.UniqueConstraint('month', 'rep_id', name=op.f('uq_collection_targets_month_rep_id'))
    )
    op.create_table('liability_runs',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('charges', sa.Integer(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('run_by_id', sa.Integer(), nullable=False),
    sa.Column('run_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['run_by_id'], ['users.id'], name=op.f('fk_liability_runs_run_by_id_users')),
    sa.PrimaryKeyConstraint('month', name=op.f('pk_liability_runs'))
    )
    op.create_table('deferrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('new_due_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('vp_id', sa.Integer(), nullable=True),
    sa.Column('vp_at', sa.DateTime(), nullable=True),
    sa.Column('vp_note', sa.Text(), nullable=False),
    sa.Column('gm_id', sa.Integer(), nullable=True),
    sa.Column('gm_at', sa.DateTime(), nullable=True),
    sa.Column('gm_note', sa.Text(), nullable=False),
    sa.Column('refused_by_id', sa.Integer(), nullable=True),
    sa.Column('refused_at', sa.DateTime(), nullable=True),
    sa.Column('refusal_note', sa.Text(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_deferrals_customer_id_customers')),
    sa.ForeignKeyConstraint(['gm_id'], ['users.id'], name=op.f('fk_deferrals_gm_id_users')),
    sa.ForeignKeyConstraint(['refused_by_id'], ['users.id'], name=op.f('fk_deferrals_refused_by_id_users')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_deferrals_requested_by_id_users')),
    sa.ForeignKeyConstraint(['vp_id'], ['users.id'], name=op.f('fk_deferrals_vp_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deferrals')),
    sa.UniqueConstraint('number', name=op.f('uq_deferrals_number'))
    )
    with op.batch_alter_table('deferrals', schema=None) as batch_op:
        batch_op.create_index('ix_deferrals_customer_id', ['customer_id'], unique=False)
        batch_op.create_index('ix_deferrals_status', ['status', 'id'], unique=False)

    op.create_table('dunning_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=16), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=True),
    sa.Column('sent_via', sa.String(length=16), nullable=False),
    sa.Column('letter_ref', sa.String(length=32), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('overdue_amount', sa.BigInteger(), nullable=False),
    sa.Column('open_amount', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_dunning_steps_by_id_users')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_dunning_steps_customer_id_customers')),
    sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name=op.f('fk_dunning_steps_rep_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dunning_steps'))
    )
    with op.batch_alter_table('dunning_steps', schema=None) as batch_op:
        batch_op.create_index('ix_dunning_steps_customer_id', ['customer_id', 'id'], unique=False)
        batch_op.create_index('ix_dunning_steps_step_taken_on', ['step', 'taken_on'], unique=False)

    op.create_table('lawsuits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('claim_amount', sa.BigInteger(), nullable=False),
    sa.Column('court', sa.String(length=200), nullable=False),
    sa.Column('case_no', sa.String(length=64), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=True),
    sa.Column('filed_by_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('outcome_on', sa.Date(), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=False),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_lawsuits_closed_by_id_users')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_lawsuits_customer_id_customers')),
    sa.ForeignKeyConstraint(['filed_by_id'], ['users.id'], name=op.f('fk_lawsuits_filed_by_id_users')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_lawsuits_opened_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lawsuits')),
    sa.UniqueConstraint('number', name=op.f('uq_lawsuits_number'))
    )
    with op.batch_alter_table('lawsuits', schema=None) as batch_op:
        batch_op.create_index('ix_lawsuits_customer_id', ['customer_id'], unique=False)

    op.create_table('receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('by_hand', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('amount > 0', name=op.f('ck_receipts_amount_positive')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_receipts_customer_id_customers')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_receipts_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipts')),
    sa.UniqueConstraint('number', name=op.f('uq_receipts_number'))
    )
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.create_index('ix_receipts_customer_received', ['customer_id', 'received_on'], unique=False)
        batch_op.create_index('ix_receipts_received_on', ['received_on'], unique=False)

    op.create_table('lawsuit_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lawsuit_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=32), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('received', sa.Boolean(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['lawsuit_id'], ['lawsuits.id'], name=op.f('fk_lawsuit_evidence_lawsuit_id_lawsuits'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_lawsuit_evidence_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lawsuit_evidence')),
    sa.UniqueConstraint('lawsuit_id', 'item', name=op.f('uq_lawsuit_evidence_lawsuit_id_item'))
    )
    op.create_table('write_offs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('lawsuit_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('written_off', sa.BigInteger(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('written_off_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_write_offs_customer_id_customers')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_write_offs_decided_by_id_users')),
    sa.ForeignKeyConstraint(['lawsuit_id'], ['lawsuits.id'], name=op.f('fk_write_offs_lawsuit_id_lawsuits')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_write_offs_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_write_offs')),
    sa.UniqueConstraint('number', name=op.f('uq_write_offs_number'))
    )
    with op.batch_alter_table('write_offs', schema=None) as batch_op:
        batch_op.create_index('ix_write_offs_customer_id', ['customer_id'], unique=False)
        batch_op.create_index('ix_write_offs_status', ['status', 'id'], unique=False)

    op.create_table('deferral_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deferral_id', sa.Integer(), nullable=False),
    sa.Column('receivable_id', sa.Integer(), nullable=False),
    sa.Column('contract_due_date', sa.Date(), nullable=False),
    sa.Column('previous_due_date', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['deferral_id'], ['deferrals.id'], name=op.f('fk_deferral_items_deferral_id_deferrals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['receivable_id'], ['receivables.id'], name=op.f('fk_deferral_items_receivable_id_receivables')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deferral_items')),
    sa.UniqueConstraint('deferral_id', 'receivable_id', name=op.f('uq_deferral_items_deferral_id_receivable_id'))
    )
    with op.batch_alter_table('deferral_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deferral_items_receivable_id'), ['receivable_id'], unique=False)

    op.create_table('liability_charges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('receivable_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('days_overdue', sa.Integer(), nullable=False),
    sa.Column('base_amount', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['receivable_id'], ['receivables.id'], name=op.f('fk_liability_charges_receivable_id_receivables')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_liability_charges')),
    sa.UniqueConstraint('month', 'receivable_id', 'kind', name=op.f('uq_liability_charges_month_receivable_id_kind'))
    )
    with op.batch_alter_table('liability_charges', schema=None) as batch_op:
        batch_op.create_index('ix_liability_charges_receivable_id', ['receivable_id'], unique=False)

    op.create_table('write_off_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('write_off_id', sa.Integer(), nullable=False),
    sa.Column('receivable_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('amount > 0', name=op.f('ck_write_off_items_amount_positive')),
    sa.ForeignKeyConstraint(['receivable_id'], ['receivables.id'], name=op.f('fk_write_off_items_receivable_id_receivables')),
    sa.ForeignKeyConstraint(['write_off_id'], ['write_offs.id'], name=op.f('fk_write_off_items_write_off_id_write_offs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_write_off_items')),
    sa.UniqueConstraint('write_off_id', 'receivable_id', name=op.f('uq_write_off_items_write_off_id_receivable_id'))
    )
    with op.batch_alter_table('write_off_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_write_off_items_receivable_id'), ['receivable_id'], unique=False)

    op.create_table('liability_shares',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('charge_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('responsible', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['charge_id'], ['liability_charges.id'], name=op.f('fk_liability_shares_charge_id_liability_charges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_liability_shares_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_liability_shares'))
    )
    with op.batch_alter_table('liability_shares', schema=None) as batch_op:
        batch_op.create_index('ix_liability_shares_charge_id', ['charge_id'], unique=False)
        batch_op.create_index('ix_liability_shares_month_user', ['month', 'user_id'], unique=False)

    with op.batch_alter_table('receivable_allocations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('receipt_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('write_off_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_receivable_allocations_applied_on', ['applied_on'], unique=False)
        batch_op.create_index('ix_receivable_allocations_receipt_id', ['receipt_id'], unique=False)
        batch_op.create_index('ix_receivable_allocations_write_off_id', ['write_off_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_receivable_allocations_write_off_id_write_offs'), 'write_offs', ['write_off_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_receivable_allocations_receipt_id_receipts'), 'receipts', ['receipt_id'], ['id'])

    with op.batch_alter_table('receivables', schema=None) as batch_op:
        batch_op.create_index('ix_receivables_doc_date', ['doc_date'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('receivables', schema=None) as batch_op:
        batch_op.drop_index('ix_receivables_doc_date')

    with op.batch_alter_table('receivable_allocations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_receivable_allocations_receipt_id_receipts'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_receivable_allocations_write_off_id_write_offs'), type_='foreignkey')
        batch_op.drop_index('ix_receivable_allocations_write_off_id')
        batch_op.drop_index('ix_receivable_allocations_receipt_id')
        batch_op.drop_index('ix_receivable_allocations_applied_on')
        batch_op.drop_column('write_off_id')
        batch_op.drop_column('receipt_id')

    with op.batch_alter_table('liability_shares', schema=None) as batch_op:
        batch_op.drop_index('ix_liability_shares_month_user')
        batch_op.drop_index('ix_liability_shares_charge_id')

    op.drop_table('liability_shares')
    with op.batch_alter_table('write_off_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_write_off_items_receivable_id'))

    op.drop_table('write_off_items')
    with op.batch_alter_table('liability_charges', schema=None) as batch_op:
        batch_op.drop_index('ix_liability_charges_receivable_id')

    op.drop_table('liability_charges')
    with op.batch_alter_table('deferral_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deferral_items_receivable_id'))

    op.drop_table('deferral_items')
    with op.batch_alter_table('write_offs', schema=None) as batch_op:
        batch_op.drop_index('ix_write_offs_status')
        batch_op.drop_index('ix_write_offs_customer_id')

    op.drop_table('write_offs')
    op.drop_table('lawsuit_evidence')
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_receipts_received_on')
        batch_op.drop_index('ix_receipts_customer_received')

    op.drop_table('receipts')
    with op.batch_alter_table('lawsuits', schema=None) as batch_op:
        batch_op.drop_index('ix_lawsuits_customer_id')

    op.drop_table('lawsuits')
    with op.batch_alter_table('dunning_steps', schema=None) as batch_op:
        batch_op.drop_index('ix_dunning_steps_step_taken_on')
        batch_op.drop_index('ix_dunning_steps_customer_id')

    op.drop_table('dunning_steps')
    with op.batch_alter_table('deferrals', schema=None) as batch_op:
        batch_op.drop_index('ix_deferrals_status')
        batch_op.drop_index('ix_deferrals_customer_id')

    op.drop_table('deferrals')
    op.drop_table('liability_runs')
    op.drop_table('collection_targets')
