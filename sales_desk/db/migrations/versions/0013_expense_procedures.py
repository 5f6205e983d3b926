"""expense procedures of seed 001: the department's expense application with its
explanation form (费用 第8条3) on expense_claims, and the annual expense-control report's
submission, review and filing (第11条2)

The cashier role (第9条) needs no schema: roles are strings. Users keep their roles; the
finance role no longer pays, so signed claims wait for a user holding `cashier`, which the
administrator gives (a finance clerk who only paid may simply change role; one who also
signs needs a recorded justification). Existing claims are persons' claims.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('expense_claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_department', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('explanation', sa.Text(), server_default='', nullable=False))

    op.create_table('expense_report_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('filed_by_id', sa.Integer(), nullable=True),
    sa.Column('filed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['issued_documents.id'],
                            name=op.f('fk_expense_report_submissions_document_id_issued_documents')),
    sa.ForeignKeyConstraint(['filed_by_id'], ['users.id'],
                            name=op.f('fk_expense_report_submissions_filed_by_id_users')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'],
                            name=op.f('fk_expense_report_submissions_reviewed_by_id_users')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'],
                            name=op.f('fk_expense_report_submissions_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expense_report_submissions')),
    sa.UniqueConstraint('year', 'round', name=op.f('uq_expense_report_submissions_year_round'))
    )
    with op.batch_alter_table('expense_report_submissions', schema=None) as batch_op:
        batch_op.create_index('ix_expense_report_submissions_status', ['status', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('expense_report_submissions', schema=None) as batch_op:
        batch_op.drop_index('ix_expense_report_submissions_status')
    op.drop_table('expense_report_submissions')
    with op.batch_alter_table('expense_claims', schema=None) as batch_op:
        batch_op.drop_column('explanation')
        batch_op.drop_column('is_department')
