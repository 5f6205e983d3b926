"""price lists in versions (pricing procedure, 二、4) and the prepayment paperwork (payment slip
and detail sheet, 回款 第7条2); the products' current ranges become price list version 1,
approved, in force from the day the first product was set up

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 21:40:00
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

CARRIED_OVER = "Carried over from the price ranges set before price lists (schema 0015)"


def upgrade() -> None:
    op.create_table('price_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('cost_checked_by_id', sa.Integer(), nullable=True),
    sa.Column('cost_checked_at', sa.DateTime(), nullable=True),
    sa.Column('cost_note', sa.Text(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('returned_by_id', sa.Integer(), nullable=True),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('return_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_price_lists_approved_by_id_users')),
    sa.ForeignKeyConstraint(['cost_checked_by_id'], ['users.id'],
                            name=op.f('fk_price_lists_cost_checked_by_id_users')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_price_lists_proposed_by_id_users')),
    sa.ForeignKeyConstraint(['returned_by_id'], ['users.id'], name=op.f('fk_price_lists_returned_by_id_users')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_price_lists_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_lists')),
    sa.UniqueConstraint('version', name=op.f('uq_price_lists_version'))
    )
    op.create_index('ix_price_lists_status_effective', 'price_lists', ['status', 'effective_from'])
    op.create_table('price_list_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('price_list_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('list_price', sa.BigInteger(), nullable=False),
    sa.Column('floor_price', sa.BigInteger(), nullable=False),
    sa.Column('ceiling_price', sa.BigInteger(), nullable=False),
    sa.Column('unit_cost', sa.BigInteger(), nullable=True),
    sa.CheckConstraint('0 < floor_price AND floor_price <= list_price AND list_price <= ceiling_price',
                       name=op.f('ck_price_list_lines_price_range')),
    sa.ForeignKeyConstraint(['price_list_id'], ['price_lists.id'], ondelete='CASCADE',
                            name=op.f('fk_price_list_lines_price_list_id_price_lists')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_price_list_lines_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_list_lines')),
    sa.UniqueConstraint('price_list_id', 'product_id', name=op.f('uq_price_list_lines_price_list_id_product_id'))
    )
    op.create_index('ix_price_list_lines_product', 'price_list_lines', ['product_id', 'price_list_id'])
    op.create_table('payment_slips',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('filled_by_id', sa.Integer(), nullable=False),
    sa.Column('filled_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('detail_number', sa.String(length=32), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=True),
    sa.Column('prepayment_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('amount > 0', name=op.f('ck_payment_slips_amount_positive')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_payment_slips_customer_id_customers')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_payment_slips_decided_by_id_users')),
    sa.ForeignKeyConstraint(['filled_by_id'], ['users.id'], name=op.f('fk_payment_slips_filled_by_id_users')),
    sa.ForeignKeyConstraint(['order_id'], ['sales_orders.id'], name=op.f('fk_payment_slips_order_id_sales_orders')),
    sa.ForeignKeyConstraint(['prepayment_id'], ['order_prepayments.id'],
                            name=op.f('fk_payment_slips_prepayment_id_order_prepayments')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_payment_slips_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_slips')),
    sa.UniqueConstraint('detail_number', name=op.f('uq_payment_slips_detail_number')),
    sa.UniqueConstraint('number', name=op.f('uq_payment_slips_number'))
    )
    op.create_index('ix_payment_slips_order', 'payment_slips', ['order_id', 'status'])
    op.create_index('ix_payment_slips_status', 'payment_slips', ['status', 'id'])
    _carry_over_ranges()


def _carry_over_ranges() -> None:
    """Today's ranges, as the VP set them, become version 1: approved, so orders price as before."""
    bind = op.get_bind()
    first = bind.execute(sa.text(
        "SELECT min(created_at), min(price_set_by_id), min(price_set_at) FROM products")).first()
    if first is None or first[0] is None:
        return  # no products: the first list is proposed the ordinary way
    by = first[1] or bind.execute(sa.text("SELECT min(id) FROM users")).scalar()
    if by is None:
        return
    at = first[2] or first[0]
    bind.execute(sa.text(
        "INSERT INTO price_lists (id, version, status, effective_from, reason, proposed_by_id, proposed_at, "
        "cost_note, reviewed_by_id, reviewed_at, review_note, approved_by_id, approved_at, return_note) "
        "VALUES (1, 1, 'approved', :eff, :reason, :by, :at, '', :by, :at, '', :by, :at, '')"),
        {"eff": _day(first[0]), "reason": CARRIED_OVER, "by": by, "at": at})
    bind.execute(sa.text(
        "INSERT INTO price_list_lines (price_list_id, product_id, list_price, floor_price, ceiling_price) "
        "SELECT 1, id, list_price, floor_price, ceiling_price FROM products ORDER BY id"))


def _day(value: object) -> date:
    """The date of a stored timestamp (SQLite hands back its text)."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]


def downgrade() -> None:
    op.drop_table('payment_slips')
    op.drop_table('price_list_lines')
    op.drop_table('price_lists')
