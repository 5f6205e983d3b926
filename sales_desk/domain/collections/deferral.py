"""Deferred payment [延期付款] (SPEC §5; seed 001 销售回款管理制度 第9条, 客户信用管理制度 第18条 3).

- The rep files the customer's request; the form shows the customer's payment record
  (第9条 4: 查看客户之前的付款记录).
- Only for good credit: grade A or B and not on credit hold (domain.dunning.good_credit);
  unrated, C, D or on hold is poor credit and the request is refused (第9条 5) — at the
  request and again at the final approval, since a hold may come in between.
- The new due date lies after the current one and at most `deferral.max_months` (3)
  months after the contract's due date (第9条 2–3: 延长期从销售合同规定的付款最后期限算起):
  a second deferral of the same invoice does not start a new three months. Month
  arithmetic clamps to the month's end (31 Jan + 1 month = 28/29 Feb).
- Three steps in this order, three different people, none of them the requester:
  finance checks the customer's account and payment record first (财务人员 职责3:
  延期付款审核) and passes the request or returns it with a reason; then the sales VP
  [营销总监]; then the general manager. A step taken out of turn is refused. A returned
  request goes back to its requester, who corrects and resubmits it (to finance again)
  or withdraws it. (Requests filed before the check existed keep the approvals given.)
- No deferral runs past 31 December of its year (客户信用管理制度 第18条 3: 所有延期付款
  必须在每年12月31日前进行彻底清收; domain/collections/year_end.py): checked at the
  request and at every step.
- No late fee inside the deferral: the deferred date becomes the agreed date
  [约定回款日期] — the aging, the ladder and the staff liability count from it.
- Unpaid when the deferred date passes, the customer is overdue again and re-enters
  the ladder (domain.dunning). All deferred balances are to be cleared by 31 December
  (客户信用管理制度 第18条 3): services/collections/year_end.py lists those that are not.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sales_desk.domain.collections.dunning import good_credit
from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.i18n import N_, _

DEFAULT_MAX_MONTHS = 3


class DeferralStatus(StrEnum):
    REQUESTED = "requested"  # in the steps: finance's check, the VP's, the GM's approval
    RETURNED = "returned"  # by finance, to its requester to correct or withdraw
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self][0])


STATUS_LABELS: dict[DeferralStatus, tuple[str, str]] = {
    DeferralStatus.REQUESTED: (N_("Awaiting approval"), "待审批"),
    DeferralStatus.RETURNED: (N_("Returned by finance"), "财务已退回"),
    DeferralStatus.APPROVED: (N_("Approved"), "已批准"),
    DeferralStatus.REFUSED: (N_("Refused"), "已拒绝"),
    DeferralStatus.WITHDRAWN: (N_("Withdrawn"), "已撤回"),
}


class Approval(StrEnum):
    """The steps a deferral passes, in this order."""

    FINANCE = "finance"  # finance's check [延期付款审核]
    SALES_VP = "sales_vp"
    GM = "gm"

    @property
    def label(self) -> str:
        return _(STEP_LABELS[self])


STEPS = (Approval.FINANCE, Approval.SALES_VP, Approval.GM)
STEP_LABELS = {Approval.FINANCE: N_("finance's check"), Approval.SALES_VP: N_("the sales VP's approval"),
               Approval.GM: N_("the general manager's approval")}
# who gives each step: the role, and for finance's check the right (finance holds it)
STEP_ROLES = {Approval.FINANCE: "finance", Approval.SALES_VP: "sales_vp", Approval.GM: "gm"}


class PoorCredit(DomainError):
    def __init__(self, code: str, grade: str | None, on_hold: bool):
        self.code, self.grade, self.on_hold = code, grade, on_hold
        why = _("on credit hold") if on_hold else _("grade {grade}").format(grade=grade or "—")
        super().__init__(_(
            "Customer {code} has poor credit ({why}): a deferred payment is refused; the customer "
            "pays within the contract's term or goes to the collection ladder."
        ).format(code=code, why=why))


class DeferralTooLong(DomainError):
    def __init__(self, doc_no: str, latest: date, months: int):
        self.doc_no, self.latest = doc_no, latest
        super().__init__(_(
            "{doc} may be deferred to {latest} at the latest: {months} months after the contract's due date."
        ).format(doc=doc_no, latest=latest.isoformat(), months=months))


def latest_due(contract_due: date, max_months: int = DEFAULT_MAX_MONTHS) -> date:
    return add_months(contract_due, max_months)


def check_credit(code: str, grade: str | None, on_hold: bool) -> None:
    if not good_credit(grade, on_hold):
        raise PoorCredit(code, grade, on_hold)


def check_new_due(doc_no: str, contract_due: date, current_due: date, new_due: date,
                  max_months: int = DEFAULT_MAX_MONTHS) -> None:
    if new_due <= current_due:
        raise ValidationError(_("New due date"), _("must lie after the current due date {date} of {doc}").format(
            date=current_due.isoformat(), doc=doc_no))
    latest = latest_due(contract_due, max_months)
    if new_due > latest:
        raise DeferralTooLong(doc_no, latest, max_months)


class StepOutOfTurn(DomainError):
    def __init__(self, wanted: Approval, due: Approval):
        self.wanted, self.due = wanted, due
        super().__init__(_(
            "This deferral waits for {due} first: the steps are finance's check (财务人员 职责3), then the "
            "sales VP, then the general manager (销售回款管理制度 第9条); none is skipped."
        ).format(due=due.label))


def next_step(taken: set[Approval]) -> Approval | None:
    """The first step not yet taken (None: all taken, the deferral applies)."""
    return next((s for s in STEPS if s not in taken), None)


def approval_slot(roles: set[str] | frozenset[str], taken: set[Approval]) -> Approval:
    """The step this person takes now: the next one, if one of their roles gives it.
    One person never takes two steps (the service checks who took them)."""
    due = next_step(taken)
    if due is None:
        raise ValidationError(_("Deferral"), _("already decided"))
    if STEP_ROLES[due] in roles:
        return due
    mine = [s for s in STEPS if STEP_ROLES[s] in roles and s not in taken]
    if mine:
        raise StepOutOfTurn(mine[0], due)
    raise ValidationError(_("Approval"), _("needs finance's check, then the sales VP and the general manager, "
                                           "one person each"))


def complete(taken: set[Approval]) -> bool:
    return taken >= set(STEPS)
