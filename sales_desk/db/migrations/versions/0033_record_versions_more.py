"""Record versions, third round (issue 17, "no lost update"): a user's account as the admin
edits it, a person's department, a credit investigation's figures and report, a price list
corrected and resubmitted, and each technical setting carry a version too; every existing
row starts at 1. A price list's `version` is its number, so its record version is `revision`.

Revision ID: 0033 (file 0033_record_versions_more: the revision id is the file's number,
as db/schema.py reads it)
Revises: 0032
Create Date: 2026-12-06 23:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0033'
down_revision = '0032'
branch_labels = None
depends_on = None

COLUMNS = (("users", "version"), ("expense_profiles", "version"), ("credit_investigations", "version"),
           ("price_lists", "revision"), ("settings", "version"))


def upgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column)
