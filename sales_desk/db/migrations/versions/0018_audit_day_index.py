"""audit_log indexed by time: the audit trail filtered to a day or a span walked the whole
chain from its newest row back to that day (200 ms at 300,000 rows, growing with the trail)

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-05 21:40:00
"""

from __future__ import annotations

from alembic import op

revision = '0018'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_audit_log_at', 'audit_log', ['at'])


def downgrade() -> None:
    op.drop_index('ix_audit_log_at', table_name='audit_log')
