"""Activities [客户接待、拜访、提案], the team's days [员工日志, 状态, 批复、提醒] and territories
[销售区域] (issue 18). Rules in domain/activities/."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow


class Activity(Base):
    """A call, visit, reception, proposal or demonstration: planned for a day (and a time),
    then done with an outcome and the next step, or cancelled."""

    __tablename__ = "activities"
    __table_args__ = (
        # the rep's calendar week and due list: one range scan per rep
        Index("ix_activities_rep_id_planned_on", "rep_id", "planned_on", "status"),
        # the overdue warning over everyone: planned ones before today
        Index("ix_activities_status_planned_on", "status", "planned_on"),
        Index("ix_activities_customer_id_planned_on", "customer_id", "planned_on"),
        Index("ix_activities_done_on", "done_on", "rep_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # ActivityKind
    status: Mapped[str] = mapped_column(String(16), default="planned")  # ActivityStatus
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # whose activity it is
    subject: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("customer_contacts.id", ondelete="SET NULL"))
    # the opportunity it belongs to; no foreign key yet: opportunities land in their own migration
    opportunity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    planned_on: Mapped[date] = mapped_column(Date)
    planned_minute: Mapped[int | None] = mapped_column(Integer)  # minutes after midnight; None: that day
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    place: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TeamMember(Base):
    """Who leads whom [人员的编排]: one supervisor per person."""

    __tablename__ = "team_members"

    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class StaffStatus(Base):
    """What a person is doing over some days [状态]: visiting, a complaint, training, leave.
    Travel is not entered here: it comes from the approved travel applications."""

    __tablename__ = "staff_statuses"
    __table_args__ = (Index("ix_staff_statuses_user_id_start_on", "user_id", "start_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # StatusKind
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WorkLog(Base):
    """A person's work log for a day [员工日志]."""

    __tablename__ = "work_logs"
    __table_args__ = (Index("ix_work_logs_user_id_day", "user_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TeamNote(Base):
    """A supervisor's comment on a work log [批复] or a reminder to a person [提醒]."""

    __tablename__ = "team_notes"
    __table_args__ = (Index("ix_team_notes_user_id_done", "user_id", "done"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))  # the person
    kind: Mapped[str] = mapped_column(String(16))  # "comment" or "reminder"
    work_log_id: Mapped[int | None] = mapped_column(ForeignKey("work_logs.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date | None] = mapped_column(Date)  # a reminder's day
    text: Mapped[str] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean, default=False)  # a reminder seen to
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TerritoryRep(Base):
    """A sales region [销售区域] (a code of domain.customers.REGIONS) and a rep responsible
    for it; a region may have several."""

    __tablename__ = "territory_reps"

    region: Mapped[str] = mapped_column(String(64), primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    since: Mapped[date] = mapped_column(Date)
