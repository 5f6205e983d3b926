"""policy numbers: the scorecard's weights and each person's expense allowance leave the
administrator's tables and become policy (credit.weight.*, proposed by the sales manager,
销售部经理 职责2; expense.personal_allowances, the expense group; approved by the gm).

What the firm had set is carried into the policy as one approved version in force since
2000-01-01 (like version 1 in 0014), so every later version keeps it unless it changes it.
Nothing is written when the tables only held the defaults. The administrator's earlier
changes stay in the audit trail (credit.scorecard_weights, expense_profile.set).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 01:21:53
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from sales_desk.domain.admin.policy import FIRST_VERSION_FROM
from sales_desk.domain.admin.settings import PERSONAL_ALLOWANCES, WEIGHT_PREFIX
from sales_desk.domain.credit.rating import DEFAULT_WEIGHTS

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

REASON = 'The scorecard weights and personal allowances set before they were policy'


def _carried(conn: sa.Connection) -> dict[str, object]:
    weights = dict(conn.execute(sa.text("SELECT indicator_key, weight FROM credit_scorecard_weights")).all())
    changes: dict[str, object] = {
        WEIGHT_PREFIX + key: int(weights[key]) for key in DEFAULT_WEIGHTS
        if key in weights and int(weights[key]) != DEFAULT_WEIGHTS[key]}
    own = {name: int(amount) for name, amount in conn.execute(sa.text(
        "SELECT u.username, p.monthly_allowance FROM expense_profiles p JOIN users u ON u.id = p.user_id "
        "WHERE p.monthly_allowance IS NOT NULL ORDER BY u.username"))}
    if own:
        changes[PERSONAL_ALLOWANCES] = own
    return changes


def upgrade() -> None:
    conn = op.get_bind()
    changes = _carried(conn)
    if changes:
        number = (conn.scalar(sa.text("SELECT MAX(number) FROM policy_versions")) or 0) + 1
        now = datetime.now(UTC).replace(tzinfo=None)
        conn.execute(sa.text(
            'INSERT INTO policy_versions (number, "group", status, changes, effective_from, reason, '
            'proposed_by_id, proposed_at, decided_by_id, decided_at, decision_note) VALUES '
            "(:number, 'all', 'approved', :changes, :day, :reason, NULL, :now, NULL, :now, '')"),
            {'number': number, 'changes': json.dumps(changes, ensure_ascii=False), 'day': FIRST_VERSION_FROM,
             'reason': REASON, 'now': now})
    op.drop_table('credit_scorecard_weights')
    with op.batch_alter_table('expense_profiles', schema=None) as batch_op:
        batch_op.drop_column('monthly_allowance')


def _in_force_today(conn: sa.Connection) -> dict[str, object]:
    rows = conn.execute(sa.text(
        "SELECT changes FROM policy_versions WHERE status = 'approved' AND effective_from <= :today "
        "ORDER BY effective_from, number"), {'today': datetime.now(UTC).date()})
    values: dict[str, object] = {}
    for (changes,) in rows:
        values.update(json.loads(changes))
    return values


def downgrade() -> None:
    # The weights and allowances in force today go back to the administrator's tables, and
    # leave the policy versions (a version that held nothing else goes).
    conn = op.get_bind()
    values = _in_force_today(conn)
    with op.batch_alter_table('expense_profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('monthly_allowance', sa.BigInteger(), nullable=True))
    weights = op.create_table('credit_scorecard_weights',
    sa.Column('indicator_key', sa.String(length=40), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_credit_scorecard_weights_updated_by_id_users')),
    sa.PrimaryKeyConstraint('indicator_key', name=op.f('pk_credit_scorecard_weights'))
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [{'indicator_key': key, 'weight': int(values[WEIGHT_PREFIX + key]), 'updated_by_id': None,  # type: ignore[call-overload]
             'updated_at': now} for key in DEFAULT_WEIGHTS if WEIGHT_PREFIX + key in values]
    if rows:
        op.bulk_insert(weights, rows)
    own: dict[str, int] = values.get(PERSONAL_ALLOWANCES) or {}  # type: ignore[assignment]
    for name, amount in own.items():
        uid = conn.scalar(sa.text("SELECT id FROM users WHERE username = :n"), {'n': name})
        if uid is None:
            continue
        if conn.scalar(sa.text("SELECT user_id FROM expense_profiles WHERE user_id = :u"), {'u': uid}) is None:
            conn.execute(sa.text("INSERT INTO expense_profiles (user_id, department, monthly_allowance, updated_at) "
                                 "VALUES (:u, '', :a, :at)"), {'u': uid, 'a': amount, 'at': now})
        else:
            conn.execute(sa.text("UPDATE expense_profiles SET monthly_allowance = :a WHERE user_id = :u"),
                         {'u': uid, 'a': amount})
    for vid, changes in conn.execute(sa.text("SELECT id, changes FROM policy_versions")).all():
        kept = {k: v for k, v in json.loads(changes).items()
                if not (k.startswith(WEIGHT_PREFIX) or k == PERSONAL_ALLOWANCES)}
        if kept == json.loads(changes):
            continue
        if kept:
            conn.execute(sa.text("UPDATE policy_versions SET changes = :c WHERE id = :i"),
                         {'c': json.dumps(kept, ensure_ascii=False), 'i': vid})
        else:
            conn.execute(sa.text("DELETE FROM policy_versions WHERE id = :i"), {'i': vid})
