"""The sales-expense budget [销售费用预算] (seed 001, 第6–7条): the sales side prepares it
(budget.prepare), finance checks it (budget.check), the general manager approves it
(budget.approve). A change after approval is a revision that goes the same way;
the approved version stays in force until the revision is approved.
Nobody checks or approves a budget they prepared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.expenses.budget import (
    BudgetAction,
    BudgetStatus,
    clean_lines,
    ensure_editable,
    may_revise,
    next_status,
    plan_for_year,
)
from sales_desk.domain.expenses.claims import require_reason
from sales_desk.i18n import _
from sales_desk.models import ExpenseBudget, ExpenseBudgetLine, ExpenseProfile
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.versions import PREPARED_FIELDS, ensure_current
from sales_desk.services.expenses.common import OVERSEERS, check_year, require_any, user_names


@dataclass(frozen=True)
class BudgetLineRow:
    month: int
    category: str
    department: str
    amount: int


@dataclass(frozen=True)
class BudgetView:
    id: int
    year: int
    revision: int
    status: str  # BudgetStatus
    note: str
    revision_reason: str
    prepared_by: str
    prepared_at: datetime
    checked_by: str
    checked_at: datetime | None
    check_comment: str
    approved_by: str
    approved_at: datetime | None
    approval_comment: str
    returned_by: str
    returned_at: datetime | None
    returned_reason: str
    total: int
    lines: tuple[BudgetLineRow, ...]
    version: int = 1  # the record's version: a save names it (domain/common/versions.py)


def _get(uow: UnitOfWork, budget_id: int) -> ExpenseBudget:
    b = uow.session.get(ExpenseBudget, budget_id, with_for_update=True)
    if b is None:
        raise NotFound(_("Budget"), budget_id)
    return b


def _statuses(uow: UnitOfWork, year: int) -> list[BudgetStatus]:
    return [BudgetStatus(s) for s in uow.session.scalars(
        select(ExpenseBudget.status).where(ExpenseBudget.year == year))]


def _total(uow: UnitOfWork, budget_id: int) -> int:
    return int(uow.session.scalar(select(func.coalesce(func.sum(ExpenseBudgetLine.amount), 0))
                                  .where(ExpenseBudgetLine.budget_id == budget_id)) or 0)


def _write_lines(uow: UnitOfWork, budget: ExpenseBudget, lines: Iterable[tuple[int, str, str, int]]) -> int:
    cleaned = clean_lines(lines)
    uow.session.execute(delete(ExpenseBudgetLine).where(ExpenseBudgetLine.budget_id == budget.id))
    uow.session.add_all(ExpenseBudgetLine(budget_id=budget.id, month=b.month, category=b.category.value,
                                          department=b.department, amount=b.amount) for b in cleaned)
    uow.session.flush()
    return sum(b.amount for b in cleaned)


def _as_tuples(lines: Sequence[BudgetLineRow | tuple[int, str, str, int]]) -> list[tuple[int, str, str, int]]:
    return [(x.month, x.category, x.department, x.amount) if isinstance(x, BudgetLineRow) else tuple(x)
            for x in lines]  # type: ignore[misc]


@service(Perm.BUDGET_PREPARE)
def prepare_budget(uow: UnitOfWork, year: int, lines: Sequence[BudgetLineRow | tuple[int, str, str, int]],
                   note: str = "", version: int | None = None) -> int:
    """Write the year's figures (month, category, department, amount) into its open version,
    or start the first one; an approved budget changes only by `revise_budget`.
    `version`: the open version's as the form loaded it (0: the form saw none open); a
    newer one refuses the save (domain/common/versions.py)."""
    actor = current_actor(uow)
    year = check_year(year)
    plan = plan_for_year(year, _statuses(uow, year))
    if plan == "new":
        budget = ExpenseBudget(year=year, revision=1, status=BudgetStatus.DRAFT.value, note=note.strip(),
                               prepared_by_id=actor.user_id, prepared_at=uow.clock())
        uow.session.add(budget)
        uow.session.flush()
    else:
        budget = uow.session.scalars(select(ExpenseBudget).where(
            ExpenseBudget.year == year,
            ExpenseBudget.status.in_([BudgetStatus.DRAFT.value, BudgetStatus.RETURNED.value]))).one()
        ensure_editable(BudgetStatus(budget.status))
        ensure_current(uow, "expense_budget", budget.id, _("Expense budget"), f"{year} r{budget.revision}",
                       version, budget.version, PREPARED_FIELDS, only_labelled=True)
        budget.note = note.strip() or budget.note
        budget.prepared_by_id, budget.prepared_at = actor.user_id, uow.clock()
    before = _total(uow, budget.id)
    total = _write_lines(uow, budget, _as_tuples(lines))
    uow.audit("budget.prepare", "expense_budget", budget.id, {"total": money_str(before)},
              {"year": year, "revision": budget.revision, "total": money_str(total),
               "lines": len(lines), "status": budget.status})
    uow.commit()
    return budget.id


@service(Perm.BUDGET_PREPARE)
def submit_budget(uow: UnitOfWork, budget_id: int) -> None:
    """Hand the prepared version to finance for its check."""
    b = _get(uow, budget_id)
    before = b.status
    b.status = next_status(BudgetStatus(b.status), BudgetAction.SUBMIT).value
    b.submitted_at = uow.clock()
    uow.audit("budget.submit", "expense_budget", b.id, {"status": before},
              {"status": b.status, "total": money_str(_total(uow, b.id))})
    uow.commit()


def _refuse(uow: UnitOfWork, b: ExpenseBudget, action: BudgetAction, reason: str) -> None:
    actor = current_actor(uow)
    before = b.status
    b.status = next_status(BudgetStatus(b.status), action).value
    b.returned_by_id, b.returned_at, b.returned_reason = actor.user_id, uow.clock(), reason
    uow.audit("budget.return", "expense_budget", b.id, {"status": before},
              {"status": b.status, "by": action.value, "reason": reason})


@service(Perm.BUDGET_CHECK)
def check_budget(uow: UnitOfWork, budget_id: int, approve: bool, comment: str = "") -> None:
    """Finance's check [财务部审核]: pass it on to the general manager, or return it with a reason."""
    actor = current_actor(uow)
    b = _get(uow, budget_id)
    ensure_not_self_approval(b.prepared_by_id, actor.user_id, "budget")
    if not approve:
        _refuse(uow, b, BudgetAction.REFUSE_CHECK, require_reason(comment))
    else:
        before = b.status
        b.status = next_status(BudgetStatus(b.status), BudgetAction.CHECK).value
        b.checked_by_id, b.checked_at, b.check_comment = actor.user_id, uow.clock(), (comment or "").strip()
        uow.audit("budget.check", "expense_budget", b.id, {"status": before},
                  {"status": b.status, "comment": b.check_comment})
    uow.commit()


@service(Perm.BUDGET_APPROVE)
def approve_budget(uow: UnitOfWork, budget_id: int, approve: bool, comment: str = "") -> None:
    """The general manager's approval [总经理审核通过，下发执行]; the version it revises is superseded."""
    actor = current_actor(uow)
    b = _get(uow, budget_id)
    ensure_not_self_approval(b.prepared_by_id, actor.user_id, "budget")
    if not approve:
        _refuse(uow, b, BudgetAction.REFUSE_APPROVAL, require_reason(comment))
        uow.commit()
        return
    before = b.status
    b.status = next_status(BudgetStatus(b.status), BudgetAction.APPROVE).value
    b.approved_by_id, b.approved_at, b.approval_comment = actor.user_id, uow.clock(), (comment or "").strip()
    superseded = list(uow.session.scalars(select(ExpenseBudget).where(
        ExpenseBudget.year == b.year, ExpenseBudget.id != b.id,
        ExpenseBudget.status == BudgetStatus.APPROVED.value)))
    for old in superseded:
        old.status = BudgetStatus.SUPERSEDED.value
    uow.audit("budget.approve", "expense_budget", b.id, {"status": before},
              {"status": b.status, "year": b.year, "revision": b.revision, "comment": b.approval_comment,
               "total": money_str(_total(uow, b.id)), "supersedes": [o.revision for o in superseded]})
    uow.commit()


@service(Perm.BUDGET_PREPARE)
def revise_budget(uow: UnitOfWork, year: int, reason: str) -> int:
    """Start a revision of the approved budget: a copy of its lines to change, check and approve."""
    actor = current_actor(uow)
    year = check_year(year)
    reason = require_reason(reason)
    may_revise(year, _statuses(uow, year))
    current = uow.session.scalars(select(ExpenseBudget).where(
        ExpenseBudget.year == year, ExpenseBudget.status == BudgetStatus.APPROVED.value)).one()
    last = uow.session.scalar(select(func.max(ExpenseBudget.revision)).where(ExpenseBudget.year == year))
    new = ExpenseBudget(year=year, revision=(last or 0) + 1, status=BudgetStatus.DRAFT.value,
                        note=current.note, revision_reason=reason, prepared_by_id=actor.user_id,
                        prepared_at=uow.clock())
    uow.session.add(new)
    uow.session.flush()
    rows = uow.session.execute(select(ExpenseBudgetLine.month, ExpenseBudgetLine.category,
                                      ExpenseBudgetLine.department, ExpenseBudgetLine.amount)
                               .where(ExpenseBudgetLine.budget_id == current.id)).all()
    uow.session.add_all(ExpenseBudgetLine(budget_id=new.id, month=r.month, category=r.category,
                                          department=r.department, amount=r.amount) for r in rows)
    uow.session.flush()
    uow.audit("budget.revise", "expense_budget", new.id, None,
              {"year": year, "revision": new.revision, "revises": current.revision, "reason": reason})
    uow.commit()
    return new.id


# -- reads ---------------------------------------------------------------------------------------


def _view(uow: UnitOfWork, b: ExpenseBudget) -> BudgetView:
    names = user_names(uow, [b.prepared_by_id, b.checked_by_id, b.approved_by_id, b.returned_by_id])
    lines = tuple(BudgetLineRow(r.month, r.category, r.department, int(r.amount)) for r in uow.session.execute(
        select(ExpenseBudgetLine.month, ExpenseBudgetLine.category, ExpenseBudgetLine.department,
               ExpenseBudgetLine.amount).where(ExpenseBudgetLine.budget_id == b.id)
        .order_by(ExpenseBudgetLine.month, ExpenseBudgetLine.category, ExpenseBudgetLine.department)))
    return BudgetView(b.id, b.year, b.revision, b.status, b.note, b.revision_reason,
                      names.get(b.prepared_by_id, ""), b.prepared_at, names.get(b.checked_by_id or 0, ""),
                      b.checked_at, b.check_comment, names.get(b.approved_by_id or 0, ""), b.approved_at,
                      b.approval_comment, names.get(b.returned_by_id or 0, ""), b.returned_at,
                      b.returned_reason, sum(x.amount for x in lines), lines, b.version)


@service(LOGGED_IN, read_only=True)
def budget_versions(uow: UnitOfWork, year: int) -> list[BudgetView]:
    """Every version of the year's budget, newest revision first, with its lines."""
    require_any(uow, OVERSEERS)
    return [_view(uow, b) for b in uow.session.scalars(
        select(ExpenseBudget).where(ExpenseBudget.year == check_year(year))
        .order_by(ExpenseBudget.revision.desc()))]


@service(LOGGED_IN, read_only=True)
def get_budget(uow: UnitOfWork, budget_id: int) -> BudgetView:
    require_any(uow, OVERSEERS)
    b = uow.session.get(ExpenseBudget, budget_id)
    if b is None:
        raise NotFound(_("Budget"), budget_id)
    return _view(uow, b)


@service(LOGGED_IN, read_only=True)
def departments(uow: UnitOfWork, year: int | None = None) -> list[str]:
    """Departments to budget for or claim against: the budget's, the staff's, the default."""
    names = {str(load_settings(uow)["expense.default_department"])}
    names |= set(uow.session.scalars(select(ExpenseProfile.department).distinct()
                                     .where(ExpenseProfile.department != "")))
    q = select(ExpenseBudgetLine.department).distinct()
    if year is not None:
        q = q.join(ExpenseBudget, ExpenseBudget.id == ExpenseBudgetLine.budget_id).where(
            ExpenseBudget.year == year)
    names |= set(uow.session.scalars(q))
    return sorted(names)
