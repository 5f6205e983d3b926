"""Activities, the team's days (statuses, work logs, comments and reminders, who leads whom)
and territories (issue 18). activities.opportunity_id has no foreign key yet: the
opportunities table comes in its own migration.

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-06 16:12:42.822718
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0026'
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('staff_statuses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_staff_statuses_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_staff_statuses_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_statuses'))
    )
    with op.batch_alter_table('staff_statuses', schema=None) as batch_op:
        batch_op.create_index('ix_staff_statuses_user_id_start_on', ['user_id', 'start_on'], unique=False)

    op.create_table('team_members',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_team_members_member_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['supervisor_id'], ['users.id'], name=op.f('fk_team_members_supervisor_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', name=op.f('pk_team_members'))
    )
    with op.batch_alter_table('team_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_members_supervisor_id'), ['supervisor_id'], unique=False)

    op.create_table('territory_reps',
    sa.Column('region', sa.String(length=64), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('since', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name=op.f('fk_territory_reps_rep_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('region', 'rep_id', name=op.f('pk_territory_reps'))
    )
    with op.batch_alter_table('territory_reps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_territory_reps_rep_id'), ['rep_id'], unique=False)

    op.create_table('work_logs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_work_logs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_logs'))
    )
    with op.batch_alter_table('work_logs', schema=None) as batch_op:
        batch_op.create_index('ix_work_logs_user_id_day', ['user_id', 'day'], unique=False)

    op.create_table('team_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('work_log_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_team_notes_author_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_team_notes_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['work_log_id'], ['work_logs.id'], name=op.f('fk_team_notes_work_log_id_work_logs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_notes'))
    )
    with op.batch_alter_table('team_notes', schema=None) as batch_op:
        batch_op.create_index('ix_team_notes_user_id_done', ['user_id', 'done'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_notes_work_log_id'), ['work_log_id'], unique=False)

    op.create_table('activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('opportunity_id', sa.Integer(), nullable=True),
    sa.Column('planned_on', sa.Date(), nullable=False),
    sa.Column('planned_minute', sa.Integer(), nullable=True),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('next_step', sa.Text(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['customer_contacts.id'], name=op.f('fk_activities_contact_id_customer_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_activities_created_by_id_users')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_activities_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name=op.f('fk_activities_rep_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities'))
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index('ix_activities_customer_id_planned_on', ['customer_id', 'planned_on'], unique=False)
        batch_op.create_index('ix_activities_done_on', ['done_on', 'rep_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_opportunity_id'), ['opportunity_id'], unique=False)
        batch_op.create_index('ix_activities_rep_id_planned_on', ['rep_id', 'planned_on', 'status'], unique=False)
        batch_op.create_index('ix_activities_status_planned_on', ['status', 'planned_on'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_status_planned_on')
        batch_op.drop_index('ix_activities_rep_id_planned_on')
        batch_op.drop_index(batch_op.f('ix_activities_opportunity_id'))
        batch_op.drop_index('ix_activities_done_on')
        batch_op.drop_index('ix_activities_customer_id_planned_on')

    op.drop_table('activities')
    with op.batch_alter_table('team_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_notes_work_log_id'))
        batch_op.drop_index('ix_team_notes_user_id_done')

    op.drop_table('team_notes')
    with op.batch_alter_table('work_logs', schema=None) as batch_op:
        batch_op.drop_index('ix_work_logs_user_id_day')

    op.drop_table('work_logs')
    with op.batch_alter_table('territory_reps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_territory_reps_rep_id'))

    op.drop_table('territory_reps')
    with op.batch_alter_table('team_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_members_supervisor_id'))

    op.drop_table('team_members')
    with op.batch_alter_table('staff_statuses', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_statuses_user_id_start_on')

    op.drop_table('staff_statuses')
