"""credit policy as written (seed 001): scores kept exact to two places as whole hundredths
(existing whole scores × 100: 85 → 85.00, their grades unchanged); an
investigation's due date for submission (existing ones: opened + 10 days, the default of
credit.investigation_days); the grade a downgrade trigger lowered (existing triggers: none,
they were recorded before a trigger lowered the grade)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 21:40:00
"""

from __future__ import annotations

from datetime import UTC, timedelta

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# table, old column (whole points), new column (hundredths)
SCORES = (('customers', 'credit_score', 'credit_score_hundredths'),
          ('credit_rating_proposals', 'total_score', 'total_score_hundredths'),
          ('credit_ratings', 'score', 'score_hundredths'))
INVESTIGATION_DAYS = 10


def upgrade() -> None:
    # RENAME COLUMN is the same on SQLite (3.25+) and PostgreSQL, and rebuilds nothing.
    for table, old, new in SCORES:
        op.execute(f'ALTER TABLE {table} RENAME COLUMN {old} TO {new}')
        op.execute(f'UPDATE {table} SET {new} = {new} * 100 WHERE {new} IS NOT NULL')

    with op.batch_alter_table('credit_investigations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
    conn = op.get_bind()
    inv = sa.table('credit_investigations', sa.column('id', sa.Integer()), sa.column('opened_at', sa.DateTime()),
                   sa.column('due_on', sa.Date()))
    for row_id, opened_at in conn.execute(sa.select(inv.c.id, inv.c.opened_at)).all():
        opened_on = opened_at.replace(tzinfo=UTC).astimezone().date()  # stored UTC; the business day is local
        conn.execute(inv.update().where(inv.c.id == row_id).values(
            due_on=opened_on + timedelta(days=INVESTIGATION_DAYS)))
    with op.batch_alter_table('credit_investigations', schema=None) as batch_op:
        batch_op.alter_column('due_on', existing_type=sa.Date(), nullable=False)

    with op.batch_alter_table('credit_triggers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('grade_before', sa.String(length=1), nullable=True))
        batch_op.add_column(sa.Column('grade_after', sa.String(length=1), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('credit_triggers', schema=None) as batch_op:
        batch_op.drop_column('grade_after')
        batch_op.drop_column('grade_before')
    with op.batch_alter_table('credit_investigations', schema=None) as batch_op:
        batch_op.drop_column('due_on')
    # back to whole points, half up (84.99 → 85), as the old program kept them
    for table, old, new in SCORES:
        op.execute(f'UPDATE {table} SET {new} = ({new} + 50) / 100 WHERE {new} IS NOT NULL')
        op.execute(f'ALTER TABLE {table} RENAME COLUMN {new} TO {old}')
