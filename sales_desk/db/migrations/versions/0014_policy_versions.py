"""policy versions: the business numbers leave the administrator's settings and become
version 1 of the policy (approved, in force since 2000-01-01, so every existing record is
covered); later versions are proposed by the role the seed names and approved by the gm.
Each document of record notes the policy version in force on its day. The admin's
earlier changes of these numbers stay in the audit trail (setting.change).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 21:30:00
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from sales_desk.domain.admin.policy import FIRST_VERSION_FROM, group_of
from sales_desk.domain.admin.settings import SPECS

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    versions = op.create_table('policy_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('group', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_policy_versions_decided_by_id_users')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_policy_versions_proposed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_versions')),
    sa.UniqueConstraint('number', name=op.f('uq_policy_versions_number'))
    )
    with op.batch_alter_table('policy_versions', schema=None) as batch_op:
        batch_op.create_index('ix_policy_versions_status', ['status', 'effective_from'], unique=False)
    # A plain ADD COLUMN (no table copy): the append-only guard's triggers stay in place.
    op.add_column('issued_documents', sa.Column('policy_version', sa.Integer(), nullable=True))

    # Version 1: every policy number as the program applied it until now.
    conn = op.get_bind()
    stored = {k: json.loads(v) for k, v in conn.execute(sa.text("SELECT key, value FROM settings"))}
    first = {s.key: stored.get(s.key, s.default) for s in SPECS if group_of(s.key) is not None}
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(versions, [{
        'number': 1, 'group': 'all', 'status': 'approved', 'changes': json.dumps(first, ensure_ascii=False),
        'effective_from': FIRST_VERSION_FROM, 'reason': 'The settings in force before policy versions',
        'proposed_by_id': None, 'proposed_at': now, 'decided_by_id': None, 'decided_at': now,
        'decision_note': '',
    }])
    policy_keys = [k for k in stored if group_of(k) is not None]
    if policy_keys:
        conn.execute(sa.text("DELETE FROM settings WHERE key IN :keys").bindparams(
            sa.bindparam('keys', expanding=True)), {'keys': policy_keys})


def downgrade() -> None:
    # The numbers in force today go back to being settings.
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT changes FROM policy_versions WHERE status = 'approved' AND effective_from <= :today "
        "ORDER BY effective_from, number"), {'today': datetime.now(UTC).date()})
    values: dict[str, object] = {}
    for (changes,) in rows:
        values.update(json.loads(changes))
    now = datetime.now(UTC).replace(tzinfo=None)
    for key, value in values.items():
        conn.execute(sa.text("INSERT INTO settings (key, value, updated_at) VALUES (:k, :v, :at)"),
                     {'k': key, 'v': json.dumps(value), 'at': now})
    op.drop_column('issued_documents', 'policy_version')
    with op.batch_alter_table('policy_versions', schema=None) as batch_op:
        batch_op.drop_index('ix_policy_versions_status')
    op.drop_table('policy_versions')
