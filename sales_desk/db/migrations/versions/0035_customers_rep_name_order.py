"""A rep's customers in name order (as written, and in pinyin) read from an index: a rep's
search walked all their customers and sorted them (a rep with 100,000 customers: "huatong"
85 → 24 ms; benchmarks/bench_search.py).

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-07 00:40:00
"""

from __future__ import annotations

from alembic import op

revision = '0035'
down_revision = '0034'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_customers_rep_name', 'customers', ['rep_id', 'name', 'id'], unique=False)
    op.create_index('ix_customers_rep_sort_key', 'customers', ['rep_id', 'sort_key', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_customers_rep_sort_key', table_name='customers')
    op.drop_index('ix_customers_rep_name', table_name='customers')
