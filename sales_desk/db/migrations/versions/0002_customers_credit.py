"""customers and credit: every section of the customer file, relationship log, library
card, credit investigations, ratings, limits, triggers and holds

Existing customers get empty sections, the search column filled, file_updated_on
from their last update, and count as reviewed (they predate the review step).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 18:29:19.132846
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # customers first: on SQLite the batch copy of a table is easiest before others refer to it
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('short_name', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('search_text', sa.String(length=400), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('registration_no', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('legal_representative', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('key_managers', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('founded_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('trading_since', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('staff_count', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('company_size', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('registered_capital', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('total_assets', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('service_area', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sales_capacity', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('potential', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('business_policy', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sales_history', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('annual_sales', sa.BigInteger(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('staff_quality', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('competitor_relations', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('cooperation_attitude', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('trade_issues', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('trade_strengths', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('future_plan', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('reputation', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('credit_status', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('trade_terms', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('past_credit_problems', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('value_grade', sa.String(length=1), nullable=False, server_default='D'))
        batch_op.add_column(sa.Column('key_account', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('credit_grade', sa.String(length=1), nullable=True))
        batch_op.add_column(sa.Column('credit_score', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('credit_hold', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('credit_limit', sa.BigInteger(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('payment_term_days', sa.Integer(), nullable=True, server_default='0'))
        batch_op.add_column(sa.Column('payment_mode', sa.String(length=16), nullable=False, server_default='prepayment'))
        batch_op.add_column(sa.Column('last_rated_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('rerating_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('first_contact_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('file_updated_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('review_status', sa.String(length=16), nullable=False, server_default='reviewed'))
        batch_op.add_column(sa.Column('reviewed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reviewed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('review_note', sa.Text(), nullable=False, server_default=''))
        batch_op.drop_index(batch_op.f('ix_customers_name'))
        batch_op.create_index('ix_customers_credit_grade', ['credit_grade'], unique=False)
        batch_op.create_index('ix_customers_file_updated_on', ['file_updated_on'], unique=False)
        batch_op.create_index('ix_customers_name_search', ['name', 'id', 'search_text'], unique=False)
        batch_op.create_index('ix_customers_rerating_due_on', ['rerating_due_on'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_customers_created_by_id_users'), 'users', ['created_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_customers_reviewed_by_id_users'), 'users', ['reviewed_by_id'], ['id'])

    _backfill_customers()
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.alter_column('file_updated_on', existing_type=sa.Date(), nullable=False)

    op.create_table('credit_scorecard_weights',
    sa.Column('indicator_key', sa.String(length=40), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_credit_scorecard_weights_updated_by_id_users')),
    sa.PrimaryKeyConstraint('indicator_key', name=op.f('pk_credit_scorecard_weights'))
    )
    op.create_table('credit_investigations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('occasion', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('statement_date', sa.Date(), nullable=True),
    sa.Column('current_assets', sa.BigInteger(), nullable=True),
    sa.Column('current_liabilities', sa.BigInteger(), nullable=True),
    sa.Column('total_assets', sa.BigInteger(), nullable=True),
    sa.Column('total_liabilities', sa.BigInteger(), nullable=True),
    sa.Column('annual_revenue', sa.BigInteger(), nullable=True),
    sa.Column('net_profit', sa.BigInteger(), nullable=True),
    sa.Column('expected_annual_sales', sa.BigInteger(), nullable=True),
    sa.Column('cost_rate_bp', sa.Integer(), nullable=True),
    sa.Column('supply_share_bp', sa.Integer(), nullable=True),
    sa.Column('supplier_count', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_credit_investigations_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_credit_investigations_opened_by_id_users')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_credit_investigations_reviewed_by_id_users')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_credit_investigations_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_investigations'))
    )
    with op.batch_alter_table('credit_investigations', schema=None) as batch_op:
        batch_op.create_index('ix_credit_investigations_customer_status', ['customer_id', 'status'], unique=False)

    op.create_table('customer_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('key_person', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_contacts_customer_id_customers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_contacts'))
    )
    with op.batch_alter_table('customer_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_contacts_customer_id'), ['customer_id'], unique=False)

    op.create_table('customer_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('relative_path', sa.String(length=400), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_documents_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_customer_documents_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_documents')),
    sa.UniqueConstraint('relative_path', name=op.f('uq_customer_documents_relative_path'))
    )
    with op.batch_alter_table('customer_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_documents_customer_id'), ['customer_id'], unique=False)

    op.create_table('customer_file_access',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_file_access_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_customer_file_access_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_file_access'))
    )
    with op.batch_alter_table('customer_file_access', schema=None) as batch_op:
        batch_op.create_index('ix_customer_file_access_customer_at', ['customer_id', 'opened_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_file_access_user_id'), ['user_id'], unique=False)

    op.create_table('customer_interactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('contact_person', sa.String(length=100), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('goods', sa.Text(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('handling', sa.Text(), nullable=False),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('handled_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_interactions_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['handled_by_id'], ['users.id'], name=op.f('fk_customer_interactions_handled_by_id_users')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_customer_interactions_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_interactions'))
    )
    with op.batch_alter_table('customer_interactions', schema=None) as batch_op:
        batch_op.create_index('ix_customer_interactions_customer_on', ['customer_id', 'occurred_on'], unique=False)
        batch_op.create_index('ix_customer_interactions_kind_status', ['kind', 'status'], unique=False)

    op.create_table('credit_investigation_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('investigation_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=40), nullable=False),
    sa.Column('received', sa.Boolean(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('stamped', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['customer_documents.id'], name=op.f('fk_credit_investigation_items_document_id_customer_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['investigation_id'], ['credit_investigations.id'], name=op.f('fk_credit_investigation_items_investigation_id_credit_investigations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_investigation_items')),
    sa.UniqueConstraint('investigation_id', 'item_key', name=op.f('uq_credit_investigation_items_investigation_id_item_key'))
    )
    op.create_table('credit_rating_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('investigation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('total_score', sa.Integer(), nullable=False),
    sa.Column('grade', sa.String(length=1), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('proposed_limit', sa.BigInteger(), nullable=True),
    sa.Column('proposed_term_days', sa.Integer(), nullable=True),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_credit_rating_proposals_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_credit_rating_proposals_decided_by_id_users')),
    sa.ForeignKeyConstraint(['investigation_id'], ['credit_investigations.id'], name=op.f('fk_credit_rating_proposals_investigation_id_credit_investigations')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_credit_rating_proposals_proposed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_rating_proposals'))
    )
    with op.batch_alter_table('credit_rating_proposals', schema=None) as batch_op:
        batch_op.create_index('ix_credit_rating_proposals_customer_status', ['customer_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_rating_proposals_investigation_id'), ['investigation_id'], unique=False)

    op.create_table('credit_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('grade', sa.String(length=1), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('previous_grade', sa.String(length=1), nullable=True),
    sa.Column('rated_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=False),
    sa.Column('approved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_credit_ratings_approved_by_id_users')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_credit_ratings_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['credit_rating_proposals.id'], name=op.f('fk_credit_ratings_proposal_id_credit_rating_proposals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_ratings')),
    sa.UniqueConstraint('proposal_id', name=op.f('uq_credit_ratings_proposal_id'))
    )
    with op.batch_alter_table('credit_ratings', schema=None) as batch_op:
        batch_op.create_index('ix_credit_ratings_customer_rated', ['customer_id', 'rated_on'], unique=False)

    op.create_table('credit_scorecard_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('indicator_key', sa.String(length=40), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['credit_rating_proposals.id'], name=op.f('fk_credit_scorecard_lines_proposal_id_credit_rating_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_scorecard_lines')),
    sa.UniqueConstraint('proposal_id', 'indicator_key', name=op.f('uq_credit_scorecard_lines_proposal_id_indicator_key'))
    )
    op.create_table('credit_holds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=True),
    sa.Column('released_by_rating_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_credit_holds_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['released_by_rating_id'], ['credit_ratings.id'], name=op.f('fk_credit_holds_released_by_rating_id_credit_ratings')),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_credit_holds_started_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_holds'))
    )
    with op.batch_alter_table('credit_holds', schema=None) as batch_op:
        batch_op.create_index('ix_credit_holds_customer_released', ['customer_id', 'released_at'], unique=False)

    op.create_table('credit_limits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('rating_id', sa.Integer(), nullable=True),
    sa.Column('grade', sa.String(length=1), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('term_days', sa.Integer(), nullable=True),
    sa.Column('payment_mode', sa.String(length=16), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('previous_amount', sa.BigInteger(), nullable=False),
    sa.Column('automatic', sa.Boolean(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=False),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_credit_limits_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rating_id'], ['credit_ratings.id'], name=op.f('fk_credit_limits_rating_id_credit_ratings')),
    sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], name=op.f('fk_credit_limits_set_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_limits'))
    )
    with op.batch_alter_table('credit_limits', schema=None) as batch_op:
        batch_op.create_index('ix_credit_limits_customer_set', ['customer_id', 'set_at'], unique=False)

    op.create_table('credit_triggers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=32), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('hold_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_credit_triggers_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hold_id'], ['credit_holds.id'], name=op.f('fk_credit_triggers_hold_id_credit_holds')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_credit_triggers_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_triggers'))
    )
    with op.batch_alter_table('credit_triggers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_triggers_customer_id'), ['customer_id'], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('credit_triggers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credit_triggers_customer_id'))

    op.drop_table('credit_triggers')
    with op.batch_alter_table('credit_limits', schema=None) as batch_op:
        batch_op.drop_index('ix_credit_limits_customer_set')

    op.drop_table('credit_limits')
    with op.batch_alter_table('credit_holds', schema=None) as batch_op:
        batch_op.drop_index('ix_credit_holds_customer_released')

    op.drop_table('credit_holds')
    op.drop_table('credit_scorecard_lines')
    with op.batch_alter_table('credit_ratings', schema=None) as batch_op:
        batch_op.drop_index('ix_credit_ratings_customer_rated')

    op.drop_table('credit_ratings')
    with op.batch_alter_table('credit_rating_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credit_rating_proposals_investigation_id'))
        batch_op.drop_index('ix_credit_rating_proposals_customer_status')

    op.drop_table('credit_rating_proposals')
    op.drop_table('credit_investigation_items')
    with op.batch_alter_table('customer_interactions', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_interactions_kind_status')
        batch_op.drop_index('ix_customer_interactions_customer_on')

    op.drop_table('customer_interactions')
    with op.batch_alter_table('customer_file_access', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_file_access_user_id'))
        batch_op.drop_index('ix_customer_file_access_customer_at')

    op.drop_table('customer_file_access')
    with op.batch_alter_table('customer_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_documents_customer_id'))

    op.drop_table('customer_documents')
    with op.batch_alter_table('customer_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_contacts_customer_id'))

    op.drop_table('customer_contacts')
    with op.batch_alter_table('credit_investigations', schema=None) as batch_op:
        batch_op.drop_index('ix_credit_investigations_customer_status')

    op.drop_table('credit_investigations')
    op.drop_table('credit_scorecard_weights')
    # customers last, once nothing refers to it
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_customers_reviewed_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_customers_created_by_id_users'), type_='foreignkey')
        batch_op.drop_index('ix_customers_rerating_due_on')
        batch_op.drop_index('ix_customers_name_search')
        batch_op.drop_index('ix_customers_file_updated_on')
        batch_op.drop_index('ix_customers_credit_grade')
        batch_op.create_index(batch_op.f('ix_customers_name'), ['name'], unique=False)
        batch_op.drop_column('review_note')
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('reviewed_by_id')
        batch_op.drop_column('review_status')
        batch_op.drop_column('file_updated_on')
        batch_op.drop_column('first_contact_on')
        batch_op.drop_column('created_by_id')
        batch_op.drop_column('rerating_due_on')
        batch_op.drop_column('last_rated_on')
        batch_op.drop_column('payment_mode')
        batch_op.drop_column('payment_term_days')
        batch_op.drop_column('credit_limit')
        batch_op.drop_column('credit_hold')
        batch_op.drop_column('credit_score')
        batch_op.drop_column('credit_grade')
        batch_op.drop_column('key_account')
        batch_op.drop_column('value_grade')
        batch_op.drop_column('past_credit_problems')
        batch_op.drop_column('trade_terms')
        batch_op.drop_column('credit_status')
        batch_op.drop_column('reputation')
        batch_op.drop_column('future_plan')
        batch_op.drop_column('trade_strengths')
        batch_op.drop_column('trade_issues')
        batch_op.drop_column('cooperation_attitude')
        batch_op.drop_column('competitor_relations')
        batch_op.drop_column('staff_quality')
        batch_op.drop_column('annual_sales')
        batch_op.drop_column('sales_history')
        batch_op.drop_column('business_policy')
        batch_op.drop_column('potential')
        batch_op.drop_column('sales_capacity')
        batch_op.drop_column('service_area')
        batch_op.drop_column('total_assets')
        batch_op.drop_column('registered_capital')
        batch_op.drop_column('company_size')
        batch_op.drop_column('staff_count')
        batch_op.drop_column('trading_since')
        batch_op.drop_column('founded_on')
        batch_op.drop_column('key_managers')
        batch_op.drop_column('legal_representative')
        batch_op.drop_column('registration_no')
        batch_op.drop_column('search_text')
        batch_op.drop_column('short_name')



def _norm(text: str) -> str:
    # frozen copy of domain.customers.normalize_search as of this revision
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _backfill_customers() -> None:
    bind = op.get_bind()
    customers = sa.table(
        "customers",
        sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name", sa.String),
        sa.column("search_text", sa.String), sa.column("updated_at", sa.DateTime),
        sa.column("file_updated_on", sa.Date),
    )
    rows = bind.execute(sa.select(customers.c.id, customers.c.code, customers.c.name,
                                  customers.c.updated_at)).all()
    for r in rows:
        bind.execute(
            customers.update().where(customers.c.id == r.id).values(
                search_text="\x1f".join(_norm(p) for p in (r.code, r.name) if p),
                file_updated_on=r.updated_at.date(),
            )
        )
