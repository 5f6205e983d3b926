"""each audit row signed by its author: users get an Ed25519 key pair (the public key, and
the private key sealed with their password; existing users get theirs at their next
log-in), and audit rows a signature column (not part of the row's hash: it signs it)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: a batch copy of audit_log would drop its
    # append-only triggers on SQLite.
    op.add_column('users', sa.Column('public_key', sa.String(length=64), nullable=True))
    op.add_column('users', sa.Column('sealed_key', sa.Text(), nullable=True))
    op.add_column('audit_log', sa.Column('signature', sa.String(length=128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('sealed_key')
        batch_op.drop_column('public_key')
    # Dropping a column of audit_log would need the append-only guard off: its
    # signatures stay, unused by an older version.
