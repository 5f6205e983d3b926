"""Document numbers and business dates given by users: what every feature's services
share when they record a document (orders, shipments, receipts, letters, lawsuits …)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import ValidationError
from sales_desk.i18n import _
from sales_desk.models import DocumentCounter
from sales_desk.services.common.base import business_today


def next_number(uow: UnitOfWork, prefix: str, on: date) -> str:
    """The next document number of `prefix` in the year of `on`, e.g. SO2026-00042.

    The counter row is created if missing (no race: ON CONFLICT DO NOTHING) and then
    bumped by one UPDATE, which holds its row lock until commit on PostgreSQL (SQLite's
    BEGIN IMMEDIATE already serializes writers): committed numbers have no gaps.
    """
    return next_numbers(uow, prefix, on, 1)[0]


def next_numbers(uow: UnitOfWork, prefix: str, on: date, count: int) -> list[str]:
    """The next `count` numbers of `prefix` in one UPDATE (a batch of letters issued at once)."""
    s = uow.session
    # the dialect's own INSERT, imported here: loading PostgreSQL's at start costs a SQLite desk 40 ms
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    ins = insert(DocumentCounter)
    s.execute(ins.values(prefix=prefix, year=on.year, last=0).on_conflict_do_nothing())
    last = s.execute(
        update(DocumentCounter)
        .where(DocumentCounter.prefix == prefix, DocumentCounter.year == on.year)
        .values(last=DocumentCounter.last + count)
        .returning(DocumentCounter.last)
    ).scalar_one()
    return [f"{prefix}{on.year}-{n:05d}" for n in range(last - count + 1, last + 1)]


def business_date(uow: UnitOfWork, value: date | None, field: str) -> date:
    """A business date given by the user: today when omitted, never in the future."""
    today = business_today(uow)
    if value is None:
        return today
    if value > today:
        raise ValidationError(field, _("must not lie in the future"))
    return value
