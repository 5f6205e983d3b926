"""The opportunities list's first view (the open ones, newest first) read from an index in
its order: without it every open opportunity was sorted to show 200 (116 ms at 60,000,
~700 ms at 300,000; benchmarks/bench_pipeline.py).

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07 00:30:00
"""

from __future__ import annotations

from alembic import op

revision = '0034'
down_revision = '0033'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_opportunities_outcome_id', 'opportunities', ['outcome', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_opportunities_outcome_id', table_name='opportunities')
