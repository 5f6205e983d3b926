"""Record versions, second round (issue 17, "no lost update"): the draft order, the
returned expense claim and a customer's contacts are edited in forms too, so they carry a
version like customers, products, budgets and plans (0024); every existing row starts at 1.

Revision ID: 0032 (file 0032_seats2_record_versions: the revision id is the file's number,
as db/schema.py reads it)
Revises: 0031
Create Date: 2026-12-06 20:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0032'
down_revision = '0031'
branch_labels = None
depends_on = None

TABLES = ("sales_orders", "expense_claims", "customer_contacts")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
