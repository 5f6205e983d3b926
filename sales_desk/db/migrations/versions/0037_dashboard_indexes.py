"""Indexes for the dashboard's few among many, which it found by reading every customer:
files on credit hold, key accounts (their maintenance plans), new files waiting for review
(waiting for me), and investigations late by status and due date (at 100,000 customers each
35–55 ms → under 2; benchmarks/bench_dashboard.py).

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-07 03:40:00
"""

from __future__ import annotations

from alembic import op

revision = '0037'
down_revision = '0036'
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_customers_credit_hold', 'customers', ['credit_hold']),
    ('ix_customers_key_account_code', 'customers', ['key_account', 'code']),
    ('ix_customers_review_created', 'customers', ['review_status', 'created_at', 'id']),
    ('ix_credit_investigations_status_due', 'credit_investigations', ['status', 'due_on', 'id']),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
