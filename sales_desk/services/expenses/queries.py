"""Reading expense claims: the route preview on the form, the keyset-paged claim list and
one claim with its steps ("waiting for me" is in waiting.py).

Those who oversee expenses (review, approve, check, pay, budget) see every claim;
everybody else sees their own. The list is newest first by id and pages with
`after_id` (fetch limit + 1, no OFFSET); its filters use the indexes on
(claimant_id, id), (status, id) and (current_step, id).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.expenses.claims import (
    ClaimStatus,
    StepKind,
    Term,
    parse_category,
)
from sales_desk.domain.expenses.routing import TravelNotApproved
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    ExpenseAttachment,
    ExpenseClaim,
    ExpenseClaimStep,
    ExpensePayment,
    TravelApplication,
    User,
)
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.keyset import sorted_page
from sales_desk.services.expenses.claims import ClaimInput, check_travel_reference
from sales_desk.services.expenses.common import (
    Allowance,
    BudgetFigures,
    allowance_of,
    budget_figures,
    compute_route,
    department_of,
    month_span,
    sees_all,
    user_names,
)

# -- the route preview on the form ---------------------------------------------------------------


@dataclass(frozen=True)
class RoutePreview:
    steps: tuple[str, ...]  # StepKind values, in order
    reasons: tuple[Term, ...]  # why: msgid + the policy's Chinese
    discretionary: bool
    major: bool
    over_budget: bool
    department: str
    figures: BudgetFigures  # the category's month and year, without this claim
    allowance: Allowance
    threshold: int
    travel_problem: str  # why a travel claim would be refused now; "" when fine


@service(Perm.EXPENSE_APPLY, read_only=True)
def preview_route(uow: UnitOfWork, category: str, amount: int, spent_on: date, is_travel: bool = False,
                  travel_application_id: int | None = None, claim_id: int | None = None,
                  is_department: bool = False, above_standard: bool = False) -> RoutePreview:
    """What the form shows as it is filled in: budget and allowance left, and the route.
    `claim_id`: a returned claim being corrected (it does not count against itself)."""
    actor = current_actor(uow)
    cat = parse_category(category)
    dept = department_of(uow, actor.user_id)
    if claim_id is not None:
        own = uow.session.get(ExpenseClaim, claim_id)
        if own is None or own.claimant_id != actor.user_id:
            raise NotFound(_("Expense claim"), claim_id)
        dept = own.department
    # while the amount is still being typed (0), preview the route of the smallest amount
    routed = compute_route(uow, actor.roles, actor.user_id, cat, max(amount, 1), spent_on, dept,
                           is_travel, claim_id, is_department, above_standard=above_standard)
    problem = ""
    if is_travel:
        try:
            check_travel_reference(uow, actor.user_id, ClaimInput(cat.value, "", amount, spent_on, "", None, "", True,
                                                         travel_application_id), claim_id)
        except TravelNotApproved as exc:
            problem = str(exc)
    r = routed.route
    return RoutePreview(tuple(s.value for s in r.steps), r.reasons, r.discretionary, r.major, r.over_budget,
                        dept, routed.figures, routed.allowance, routed.threshold, problem)


# -- the list ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimFilter:
    status: str = ""  # ClaimStatus
    category: str = ""
    department: str = ""
    claimant_id: int | None = None
    mine: bool = False
    year: int | None = None
    month: int | None = None  # with year
    current_step: str = ""  # StepKind


@dataclass(frozen=True)
class ClaimRow:
    id: int
    claimant_id: int
    claimant: str
    department: str
    category: str
    item: str
    amount: int
    spent_on: date
    purpose: str
    status: str
    current_step: str | None
    is_travel: bool
    discretionary: bool
    major: bool
    over_budget: bool
    submitted_at: datetime
    is_department: bool = False  # the department's application (第8条3)


@dataclass(frozen=True)
class ClaimPage:
    rows: tuple[ClaimRow, ...]
    # pass back as `after_id`; None: the last page. The id, or (value, id) when sorted.
    next_after: int | tuple[Any, int] | None


# The columns the list sorts by (a header click): the row's field holding each one's value.
CLAIM_SORTS: dict[str, str] = {"id": "id", "spent_on": "spent_on", "claimant": "claimant",
                               "department": "department", "category": "category", "item": "item",
                               "amount": "amount", "status": "status", "purpose": "purpose"}


def _claim_sort_expression(sort: str) -> Any:  # noqa: ANN401
    c = ExpenseClaim
    return {"id": c.id, "spent_on": c.spent_on, "claimant": func.coalesce(User.full_name, ""),
            "department": c.department, "category": c.category, "item": c.item, "amount": c.amount,
            "status": c.status, "purpose": c.purpose}[sort]


def claim_sort_key(row: ClaimRow, sort: str | None) -> int | tuple[Any, int]:
    """The `after_id` that continues a list sorted by `sort` past `row`."""
    return row.id if sort is None else (getattr(row, CLAIM_SORTS[sort]), row.id)


_COLUMNS = (ExpenseClaim.id, ExpenseClaim.claimant_id, User.full_name, ExpenseClaim.department,
            ExpenseClaim.category, ExpenseClaim.item, ExpenseClaim.amount, ExpenseClaim.spent_on,
            ExpenseClaim.purpose, ExpenseClaim.status, ExpenseClaim.current_step, ExpenseClaim.is_travel,
            ExpenseClaim.discretionary, ExpenseClaim.major, ExpenseClaim.over_budget,
            ExpenseClaim.submitted_at, ExpenseClaim.is_department)


def _filtered(uow: UnitOfWork, q: Select, f: ClaimFilter) -> Select:
    actor = current_actor(uow)
    c = ExpenseClaim
    if f.mine or not sees_all(actor):
        q = q.where(c.claimant_id == actor.user_id)
    if f.claimant_id is not None:
        q = q.where(c.claimant_id == f.claimant_id)
    if f.status:
        q = q.where(c.status == ClaimStatus(f.status).value)
    if f.current_step:
        q = q.where(c.current_step == StepKind(f.current_step).value)
    if f.category:
        q = q.where(c.category == parse_category(f.category).value)
    if f.department:
        q = q.where(c.department == f.department)
    if f.year is not None:
        if f.month is not None:
            if not 1 <= f.month <= 12:
                raise ValidationError(_("Month"), _("1 to 12"))
            first, last = month_span(f.year, f.month)
        else:
            first, last = date(f.year, 1, 1), date(f.year, 12, 31)
        q = q.where(c.spent_on >= first, c.spent_on <= last)
    return q


@service(LOGGED_IN, read_only=True)
def claim_page(uow: UnitOfWork, flt: ClaimFilter = ClaimFilter(), after_id: int | tuple[Any, int] | None = None,
               limit: int = 100, sort: str | None = None, descending: bool = False) -> ClaimPage:
    """Claims newest first, or by the column `sort` names (CLAIM_SORTS) in SQL with the
    id as tie-break; one page; `after_id` is the previous page's `next_after`."""
    if sort is not None and sort not in CLAIM_SORTS:
        raise ValidationError(_("Sort"), _("not a valid value"))
    q = _filtered(uow, select(*_COLUMNS).outerjoin(User, User.id == ExpenseClaim.claimant_id), flt)
    if sort is None:
        if after_id is not None:
            q = q.where(ExpenseClaim.id < after_id)
        q = q.order_by(ExpenseClaim.id.desc())
    else:
        q = sorted_page(q, _claim_sort_expression(sort), ExpenseClaim.id, after_id, descending)  # type: ignore[arg-type]
    rows = uow.session.execute(q.limit(limit + 1)).all()
    out = tuple(ClaimRow(r[0], r[1], r[2] or "", *r[3:]) for r in rows[:limit])
    return ClaimPage(out, claim_sort_key(out[-1], sort) if len(rows) > limit else None)


@service(LOGGED_IN, read_only=True)
def count_claims(uow: UnitOfWork, flt: ClaimFilter = ClaimFilter()) -> tuple[int, int]:
    """(how many, their total amount) for the list's status line."""
    n, total = uow.session.execute(_filtered(uow, select(func.count(), func.coalesce(
        func.sum(ExpenseClaim.amount), 0)).select_from(ExpenseClaim), flt)).one()
    return int(n), int(total)


# -- one claim -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepRow:
    round: int
    position: int
    kind: str
    status: str  # StepStatus
    actor: str
    decided_at: datetime | None
    comment: str


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    original_name: str
    relative_path: str  # under the data folder's attachments
    size: int
    added_at: datetime


@dataclass(frozen=True)
class PaymentRow:
    method: str
    reference: str
    amount: int
    paid_on: date
    paid_by: str
    paid_at: datetime


@dataclass(frozen=True)
class ClaimView:
    row: ClaimRow
    customer: str
    event: str
    travel_application_id: int | None
    travel_destination: str
    returned_reason: str
    round: int
    steps: tuple[StepRow, ...]  # every round, oldest first
    attachments: tuple[AttachmentRow, ...]
    payment: PaymentRow | None
    signed_by: str
    signed_at: datetime | None
    figures: BudgetFigures  # the month and year of its budget line, without this claim
    allowance: Allowance  # the claimant's, that month, without this claim
    explanation: str = ""  # a department application's explanation form [情况说明表]
    no_receipt_reason: str = ""  # why no receipt is attached, when none is
    standard: int | None = None  # the item's spending standard when it was spent (费用 第13条1)
    standard_reason: str = ""  # why it is above it
    version: int = 1  # the one a correction names (no lost update)


@service(LOGGED_IN, read_only=True)
def get_claim(uow: UnitOfWork, claim_id: int) -> ClaimView:
    actor = current_actor(uow)
    c = uow.session.get(ExpenseClaim, claim_id)
    if c is None or not (sees_all(actor) or c.claimant_id == actor.user_id):
        raise NotFound(_("Expense claim"), claim_id)
    steps = list(uow.session.scalars(select(ExpenseClaimStep).where(ExpenseClaimStep.claim_id == c.id)
                                     .order_by(ExpenseClaimStep.round, ExpenseClaimStep.position)))
    payment = uow.session.scalars(select(ExpensePayment).where(ExpensePayment.claim_id == c.id)).first()
    names = user_names(uow, [c.claimant_id, c.signed_by_id, payment.paid_by_id if payment else None]
                       + [s.actor_id for s in steps])
    customer = uow.session.get(Customer, c.customer_id) if c.customer_id else None
    travel = uow.session.get(TravelApplication, c.travel_application_id) if c.travel_application_id else None
    atts = uow.session.scalars(select(ExpenseAttachment).where(ExpenseAttachment.claim_id == c.id)
                               .order_by(ExpenseAttachment.id))
    row = ClaimRow(c.id, c.claimant_id, names.get(c.claimant_id, ""), c.department, c.category, c.item,
                   c.amount, c.spent_on, c.purpose, c.status, c.current_step, c.is_travel, c.discretionary,
                   c.major, c.over_budget, c.submitted_at, c.is_department)
    return ClaimView(
        row, customer.name if customer else "", c.event, c.travel_application_id,
        travel.destination if travel else "", c.returned_reason, c.round,
        tuple(StepRow(s.round, s.position, s.kind, s.status, names.get(s.actor_id or 0, ""), s.decided_at,
                      s.comment) for s in steps),
        tuple(AttachmentRow(a.id, a.original_name, a.relative_path, a.size, a.added_at) for a in atts),
        PaymentRow(payment.method, payment.reference, payment.amount, payment.paid_on,
                   names.get(payment.paid_by_id, ""), payment.paid_at) if payment else None,
        names.get(c.signed_by_id or 0, ""), c.signed_at,
        budget_figures(uow, c.spent_on, c.category, c.department, c.id),
        allowance_of(uow, c.claimant_id, c.spent_on, c.id), c.explanation, c.no_receipt_reason, c.standard,
        c.standard_reason, c.version)
