"""What plans and market reports share on their way to the file: submit, review (approve and
file, or return with a reason) and the rows' people (domain/relationship/plans.py)."""

from __future__ import annotations

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.relationship.plans import (
    Status,
    ensure_complete,
    ensure_editable,
    ensure_reviewable,
)
from sales_desk.i18n import _
from sales_desk.models.relationship import CarePlan, MarketReport
from sales_desk.services.common.base import business_today, current_actor

Row = CarePlan | MarketReport


def submit(uow: UnitOfWork, row: Row, parts: dict[str, str], labels: dict[str, str]) -> None:
    ensure_editable(Status(row.status))
    ensure_complete(parts, labels)
    row.status, row.submitted_at = Status.SUBMITTED.value, uow.clock()


def review(uow: UnitOfWork, row: Row, approve: bool, note: str) -> None:
    """Approved: filed on the business date. Returned: with a reason."""
    actor = current_actor(uow)
    ensure_reviewable(Status(row.status), row.written_by_id, actor.user_id)
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError(_("Reason"), _("say why it is returned"))
    row.reviewed_by_id, row.reviewed_at, row.review_note = actor.user_id, uow.clock(), note
    if approve:
        row.status, row.filed_on = Status.FILED.value, business_today(uow)
    else:
        row.status = Status.RETURNED.value


def people(row: Row, names: dict[int, str]) -> tuple[str, str]:
    return names.get(row.written_by_id, ""), names.get(row.reviewed_by_id or 0, "")
