"""The expense application [销售费用使用申请表], the author's side: apply, attach receipts,
edit and resubmit a returned claim, withdraw.

On submission the route is computed (domain.expense_routing) from the claimant's
roles, the amount, their allowance left and the budget left, and stored as steps;
every later step acts on those rows (services/expenses/approvals.py). A travel claim
must reference the claimant's approved travel application (services/expenses/travel.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError, NotFound, ValidationError
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.expenses.claims import (
    COMMITTED,
    ClaimStatus,
    StepStatus,
    TravelStatus,
    item_label,
    items_from_settings,
    parse_category,
    require_explanation,
    require_no_receipt_reason,
)
from sales_desk.domain.expenses.routing import (
    Route,
    TravelFacts,
    check_travel_claim,
    ensure_may_apply_for_department,
)
from sales_desk.i18n import N_, _
from sales_desk.models import (
    Customer,
    ExpenseAttachment,
    ExpenseClaim,
    ExpenseClaimStep,
    TravelApplication,
)
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.stored_files import store_copy
from sales_desk.services.common.versions import ensure_current
from sales_desk.services.expenses.common import compute_route, department_of
from sales_desk.services.expenses.standards import claim_standard

# The claim's audit keys as the form calls them: a stale correction names what moved since.
FIELD_LABELS = {
    "category": N_("Category"), "item": N_("Item"), "amount": N_("Amount"), "spent_on": N_("Spent on"),
    "purpose": N_("Purpose"), "customer_id": N_("Customer"), "event": N_("Event"), "is_travel": N_("Travel"),
    "explanation": N_("Explanation"), "no_receipt_reason": N_("Why no receipt"), "days": N_("Days"),
    "city_tier": N_("City tier"), "status": N_("Status"), "travel_application_id": N_("Travel application"),
    "is_department": N_("Department application"), "standard_reason": N_("Why above the standard"),
}


@dataclass(frozen=True)
class ClaimInput:
    """The form's fields; money in minor units."""

    category: str
    item: str
    amount: int
    spent_on: date
    purpose: str  # 用途/事由
    customer_id: int | None = None
    event: str = ""  # or the event it served
    is_travel: bool = False
    travel_application_id: int | None = None
    is_department: bool = False  # the department's application (费用 第8条3)…
    explanation: str = ""  # …with its explanation form [情况说明表]
    no_receipt_reason: str = ""  # why no receipt is attached, when none is
    standard_reason: str = ""  # why it is above its item's spending standard (费用 第13条1)
    days: int | None = None  # a per-diem's days…
    city_tier: int | None = None  # …and the city's tier (domain/expenses/standards.py CityTier)


@dataclass(frozen=True)
class ClaimState:
    id: int
    status: str  # ClaimStatus
    current_step: str | None  # StepKind while in route
    route: tuple[str, ...] = ()  # the steps of the current round


class ClaimNotEditable(DomainError):
    def __init__(self, status: ClaimStatus):
        self.status = status
        super().__init__(_("The claim is “{status}”: only its author may change it, and only when "
                           "it has been returned.").format(status=status.label))


def _clean(uow: UnitOfWork, data: ClaimInput) -> ClaimInput:
    category = parse_category(data.category)
    item = (data.item or "").strip()
    allowed = items_from_settings(load_settings(uow))[category]
    if item not in allowed:
        raise ValidationError(_("Item"), _("choose one of: {items}").format(
            items=", ".join(item_label(i) for i in allowed)))
    if isinstance(data.amount, bool) or not isinstance(data.amount, int) or data.amount <= 0:
        raise ValidationError(_("Amount"), _("must be above zero"))
    if not isinstance(data.spent_on, date):
        raise ValidationError(_("Date"), _("not a valid value"))
    purpose = (data.purpose or "").strip()
    if not purpose:
        raise ValidationError(_("Purpose"), _("must not be empty"))
    if data.customer_id is not None and uow.session.get(Customer, data.customer_id) is None:
        raise NotFound(_("Customer"), data.customer_id)
    event = (data.event or "").strip()
    if len(event) > 200:
        raise ValidationError(_("Event"), _("at most {n}").format(n=200))
    explanation = require_explanation(bool(data.is_department), bool(data.is_travel), data.explanation)
    return ClaimInput(category.value, item, data.amount, data.spent_on, purpose, data.customer_id, event,
                      bool(data.is_travel), data.travel_application_id if data.is_travel else None,
                      bool(data.is_department), explanation, (data.no_receipt_reason or "").strip(),
                      data.standard_reason, data.days, data.city_tier)


def _receipt_count(uow: UnitOfWork, claim_id: int) -> int:
    return uow.session.scalar(select(func.count()).select_from(ExpenseAttachment)
                              .where(ExpenseAttachment.claim_id == claim_id)) or 0


def check_travel_reference(uow: UnitOfWork, claimant_id: int, data: ClaimInput, claim_id: int | None) -> None:
    if not data.is_travel:
        return
    app = (uow.session.get(TravelApplication, data.travel_application_id)
           if data.travel_application_id is not None else None)
    facts = None
    if app is not None:
        q = select(ExpenseClaim.id).where(
            ExpenseClaim.travel_application_id == app.id,
            ExpenseClaim.status.in_([s.value for s in COMMITTED]))
        if claim_id is not None:
            q = q.where(ExpenseClaim.id != claim_id)
        facts = TravelFacts(app.applicant_id, TravelStatus(app.status), app.applied_on,
                            uow.session.scalar(q.limit(1)) is not None)
    check_travel_claim(claimant_id, facts, data.spent_on)


def _set_route(uow: UnitOfWork, claim: ExpenseClaim, r: Route) -> None:
    """Write the round's steps and put the claim at its first one."""
    for position, kind in enumerate(r.steps, start=1):
        uow.session.add(ExpenseClaimStep(claim_id=claim.id, round=claim.round, position=position,
                                         kind=kind.value, status=StepStatus.PENDING.value))
    claim.status = ClaimStatus.IN_ROUTE.value
    claim.current_step = r.steps[0].value
    claim.discretionary, claim.major, claim.over_budget = r.discretionary, r.major, r.over_budget
    claim.returned_reason = ""
    claim.submitted_at = uow.clock()


def _snapshot(c: ExpenseClaim) -> dict[str, object]:
    return {"category": c.category, "item": c.item, "amount": money_str(c.amount),
            "spent_on": c.spent_on.isoformat(), "department": c.department, "purpose": c.purpose,
            "customer_id": c.customer_id, "event": c.event, "is_travel": c.is_travel,
            "travel_application_id": c.travel_application_id, "is_department": c.is_department,
            "explanation": c.explanation, "no_receipt_reason": c.no_receipt_reason,
            "standard": None if c.standard is None else money_str(c.standard),
            "standard_reason": c.standard_reason, "days": c.days, "city_tier": c.city_tier, "status": c.status,
            "current_step": c.current_step, "round": c.round}


def _route_of(uow: UnitOfWork, claim: ExpenseClaim, data: ClaimInput) -> Route:
    actor = current_actor(uow)
    routed = compute_route(uow, actor.roles, claim.claimant_id, parse_category(data.category), data.amount,
                           data.spent_on, claim.department, data.is_travel, claim.id, data.is_department,
                           above_standard=bool(claim.standard_reason))
    return routed.route


def _set_standard(uow: UnitOfWork, claim: ExpenseClaim, data: ClaimInput) -> None:
    """The item's standard in force when it was spent; above it only with a written reason."""
    s = claim_standard(uow, data.item, data.amount, data.spent_on, data.standard_reason, data.days, data.city_tier)
    claim.standard, claim.standard_reason, claim.days, claim.city_tier = s.amount, s.reason, s.days, s.city_tier


@service(Perm.EXPENSE_APPLY)
def apply_for_expense(uow: UnitOfWork, data: ClaimInput, receipts: Sequence[Path] = (),
                      attachments_root: Path | None = None) -> ClaimState:
    """Submit an application: routed at once; receipts are copied into the data folder."""
    actor = current_actor(uow)
    data = _clean(uow, data)
    no_receipt_reason = require_no_receipt_reason(len(receipts), data.no_receipt_reason)
    if data.is_department:
        ensure_may_apply_for_department(actor.roles)
    check_travel_reference(uow, actor.user_id, data, None)
    standard = claim_standard(uow, data.item, data.amount, data.spent_on, data.standard_reason, data.days,
                              data.city_tier)
    now = uow.clock()
    claim = ExpenseClaim(
        # a claim draws on its claimant's department's budget, never on one they pick
        claimant_id=actor.user_id, department=department_of(uow, actor.user_id),
        category=data.category, item=data.item, amount=data.amount, spent_on=data.spent_on,
        purpose=data.purpose, customer_id=data.customer_id, event=data.event, is_travel=data.is_travel,
        travel_application_id=data.travel_application_id, is_department=data.is_department,
        explanation=data.explanation, no_receipt_reason=no_receipt_reason, standard=standard.amount,
        standard_reason=standard.reason, days=standard.days, city_tier=standard.city_tier, round=1, created_at=now,
        updated_at=now)
    uow.session.add(claim)
    uow.session.flush()
    r = _route_of(uow, claim, data)
    _set_route(uow, claim, r)
    copied = _copy_receipts(uow, claim, receipts, attachments_root)
    try:
        uow.session.flush()
        uow.audit("expense.apply", "expense_claim", claim.id, None,
                  {**_snapshot(claim), "route": [s.value for s in r.steps],
                   "discretionary": r.discretionary, "major": r.major, "over_budget": r.over_budget,
                   "receipts": [a.relative_path for a in copied]})
        uow.commit()
    except BaseException:
        _remove(copied, attachments_root)
        raise
    return ClaimState(claim.id, claim.status, claim.current_step, tuple(s.value for s in r.steps))


def _own_claim(uow: UnitOfWork, claim_id: int) -> ExpenseClaim:
    claim = uow.session.get(ExpenseClaim, claim_id, with_for_update=True)
    if claim is None or claim.claimant_id != current_actor(uow).user_id:
        raise NotFound(_("Expense claim"), claim_id)  # someone else's claim does not leak
    return claim


@service(Perm.EXPENSE_APPLY)
def update_claim(uow: UnitOfWork, claim_id: int, data: ClaimInput, version: int | None = None) -> None:
    """The author corrects a returned claim before resubmitting it. `version`: the one the
    form loaded (ClaimView.version); a newer one (the author's other seat saved meanwhile)
    refuses the correction, naming what moved, and nothing is written."""
    claim = _own_claim(uow, claim_id)
    if ClaimStatus(claim.status) is not ClaimStatus.RETURNED:
        raise ClaimNotEditable(ClaimStatus(claim.status))
    ensure_current(uow, "expense_claim", claim.id, _("Expense claim"), str(claim.id), version, claim.version,
                   FIELD_LABELS, only_labelled=True, moved_only=True)
    data = _clean(uow, data)
    if data.is_department:
        ensure_may_apply_for_department(current_actor(uow).roles)
    before = _snapshot(claim)
    claim.category, claim.item, claim.amount, claim.spent_on = (data.category, data.item, data.amount,
                                                                data.spent_on)
    claim.purpose, claim.customer_id, claim.event = data.purpose, data.customer_id, data.event
    claim.is_travel, claim.travel_application_id = data.is_travel, data.travel_application_id
    claim.is_department, claim.explanation = data.is_department, data.explanation
    # Receipts may still come before it is resubmitted: the reason is asked for then.
    claim.no_receipt_reason = data.no_receipt_reason
    _set_standard(uow, claim, data)
    claim.updated_at = uow.clock()
    uow.audit("expense.update", "expense_claim", claim.id, before, _snapshot(claim))
    uow.commit()


@service(Perm.EXPENSE_APPLY)
def resubmit_claim(uow: UnitOfWork, claim_id: int) -> ClaimState:
    """A returned claim goes round again: the route is computed afresh."""
    claim = _own_claim(uow, claim_id)
    if ClaimStatus(claim.status) is not ClaimStatus.RETURNED:
        raise ClaimNotEditable(ClaimStatus(claim.status))
    data = ClaimInput(claim.category, claim.item, claim.amount, claim.spent_on, claim.purpose,
                      claim.customer_id, claim.event, claim.is_travel, claim.travel_application_id,
                      claim.is_department, claim.explanation, claim.no_receipt_reason, claim.standard_reason,
                      claim.days, claim.city_tier)
    reason = require_no_receipt_reason(_receipt_count(uow, claim.id), claim.no_receipt_reason)
    check_travel_reference(uow, claim.claimant_id, data, claim.id)
    _set_standard(uow, claim, data)  # the standard in force now may differ from the first round's
    before = _snapshot(claim)
    claim.no_receipt_reason = reason
    claim.round += 1
    r = _route_of(uow, claim, data)
    _set_route(uow, claim, r)
    claim.updated_at = uow.clock()
    uow.session.flush()
    uow.audit("expense.resubmit", "expense_claim", claim.id, before,
              {**_snapshot(claim), "route": [s.value for s in r.steps]})
    uow.commit()
    return ClaimState(claim.id, claim.status, claim.current_step, tuple(s.value for s in r.steps))


@service(Perm.EXPENSE_APPLY)
def withdraw_claim(uow: UnitOfWork, claim_id: int, reason: str = "") -> None:
    """The author takes back a claim not yet signed by finance."""
    claim = _own_claim(uow, claim_id)
    status = ClaimStatus(claim.status)
    if status not in (ClaimStatus.IN_ROUTE, ClaimStatus.RETURNED):
        raise ClaimNotEditable(status)
    before = _snapshot(claim)
    for step in uow.session.scalars(select(ExpenseClaimStep).where(
            ExpenseClaimStep.claim_id == claim.id, ExpenseClaimStep.status == StepStatus.PENDING.value)):
        step.status = StepStatus.SKIPPED.value
    claim.status, claim.current_step = ClaimStatus.WITHDRAWN.value, None
    claim.updated_at = uow.clock()
    uow.audit("expense.withdraw", "expense_claim", claim.id, before,
              {**_snapshot(claim), "reason": reason.strip()})
    uow.commit()


# -- receipts -----------------------------------------------------------------------------------

def _copy_receipts(uow: UnitOfWork, claim: ExpenseClaim, sources: Sequence[Path],
                   root: Path | None) -> list[ExpenseAttachment]:
    if not sources:
        return []
    if root is None:
        raise ValidationError(_("Receipts"), _("no attachments folder given"))
    for source in sources:
        if not Path(source).is_file():
            raise ValidationError(_("Receipts"), _("not found: {path}").format(path=source))
    actor = current_actor(uow)
    out: list[ExpenseAttachment] = []
    try:
        for source in map(Path, sources):
            stored = store_copy(source, root, f"expenses/{claim.id}")
            att = ExpenseAttachment(claim_id=claim.id, relative_path=stored.relative_path,
                                    original_name=source.name, sha256=stored.sha256, size=stored.size,
                                    added_by_id=actor.user_id, added_at=uow.clock())
            uow.session.add(att)
            out.append(att)
    except BaseException:
        _remove(out, root)
        raise
    return out


def _remove(attachments: Sequence[ExpenseAttachment], root: Path | None) -> None:
    for a in attachments:
        if root is not None:
            (Path(root) / a.relative_path).unlink(missing_ok=True)  # nothing half-attached


@service(Perm.EXPENSE_APPLY)
def attach_receipts(uow: UnitOfWork, claim_id: int, receipts: Sequence[Path], attachments_root: Path) -> int:
    """Add receipts to one's own claim until finance has signed it; returns how many."""
    claim = _own_claim(uow, claim_id)
    status = ClaimStatus(claim.status)
    if status not in (ClaimStatus.IN_ROUTE, ClaimStatus.RETURNED):
        raise ClaimNotEditable(status)
    copied = _copy_receipts(uow, claim, receipts, attachments_root)
    try:
        uow.session.flush()
        uow.audit("expense.attach", "expense_claim", claim.id, None,
                  {"receipts": [{"path": a.relative_path, "sha256": a.sha256, "size": a.size}
                                for a in copied]})
        uow.commit()
    except BaseException:
        _remove(copied, attachments_root)
        raise
    return len(copied)
