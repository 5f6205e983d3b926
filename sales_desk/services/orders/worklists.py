"""Orders waiting for a decision by *me*: the sales VP's prices below the floor and major
contracts to review, the sales manager's signed contracts to approve for dispatch, the
finance director's or general manager's blocked orders (no override yet), the sales
manager's payment slips to approve and finance's approved slips to record (回款 第7条2).

Each list is the orders the actor may act on: their rights decide which lists there are,
and orders they took or are responsible for are left out (nobody decides on their own).
A decision already taken on the current submission takes the order off the list, so the
VP's list is not the order list's "needs price approval" flag (that stays on the order).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import and_, exists, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.contracts import ApprovalKind, OrderStatus
from sales_desk.domain.orders.payment_slips import SlipStatus
from sales_desk.i18n import N_, _
from sales_desk.models import Customer, OrderApproval, PaymentSlip, SalesOrder, User
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.orders.common import scoped
from sales_desk.services.orders.prepayments import TAKES_PREPAYMENT

LIMIT = 200  # per list: a worklist longer than this is a problem no screen solves


class WorkKind(StrEnum):
    PRICE = "price"  # a price below the floor [低于限价审批]
    MAJOR_REVIEW = "major_review"  # a major contract [重大合同评审]
    DISPATCH_APPROVAL = "dispatch_approval"  # a signed contract: the credit check [审核发货]
    OVERRIDE = "override"  # blocked on credit [超额度书面批准]
    SLIP = "slip"  # a payment slip for the sales manager [缴款单核准]
    PREPAYMENT = "prepayment"  # an approved slip: finance's detail sheet [缴款明细单]

    @property
    def label(self) -> str:
        return _(WORK_LABELS[self])


WORK_LABELS: dict[WorkKind, str] = {
    WorkKind.PRICE: N_("Price below the floor"),
    WorkKind.MAJOR_REVIEW: N_("Major contract review"),
    WorkKind.DISPATCH_APPROVAL: N_("Approval for dispatch"),
    WorkKind.OVERRIDE: N_("Blocked on credit"),
    WorkKind.SLIP: N_("Payment slip to approve"),
    WorkKind.PREPAYMENT: N_("Prepayment to record"),
}

WORK_RIGHTS: dict[WorkKind, Perm] = {
    WorkKind.PRICE: Perm.PRICE_BELOW_FLOOR_APPROVE,
    WorkKind.MAJOR_REVIEW: Perm.CONTRACT_REVIEW_MAJOR,
    WorkKind.DISPATCH_APPROVAL: Perm.ORDER_APPROVE,
    WorkKind.OVERRIDE: Perm.CREDIT_OVERRIDE,
    WorkKind.SLIP: Perm.PREPAYMENT_SLIP_APPROVE,
    WorkKind.PREPAYMENT: Perm.ORDER_RECORD_PREPAYMENT,
}


@dataclass(frozen=True)
class WorkRow:
    kind: str  # WorkKind
    order_id: int
    number: str
    status: str
    order_date: date
    customer_id: int
    customer_code: str
    customer_name: str
    rep_name: str
    total: int
    since: datetime | None  # submitted, signed (recorded), blocked, or approved
    block_reason: str
    block_excess: int | None
    prepayment_required: int
    prepayment_received: int


def _decided(kind: ApprovalKind, this_revision: bool = True):  # noqa: ANN202 - a SQL expression
    cond = [OrderApproval.order_id == SalesOrder.id, OrderApproval.kind == kind.value]
    if this_revision:
        cond.append(OrderApproval.revision == SalesOrder.revision)
    return exists().where(and_(*cond))


def _where(kind: WorkKind) -> list:
    s = SalesOrder
    if kind is WorkKind.PRICE:
        return [s.status == OrderStatus.SUBMITTED.value, s.needs_price_approval.is_(True),
                ~_decided(ApprovalKind.PRICE)]
    if kind is WorkKind.MAJOR_REVIEW:
        return [s.status == OrderStatus.SUBMITTED.value, s.major.is_(True),
                ~_decided(ApprovalKind.MAJOR_REVIEW)]
    if kind is WorkKind.DISPATCH_APPROVAL:
        return [s.status == OrderStatus.SIGNED.value]
    if kind is WorkKind.OVERRIDE:  # once per order, whatever the revision
        return [s.status == OrderStatus.BLOCKED.value, ~_decided(ApprovalKind.CREDIT_OVERRIDE, False)]
    # the prepayment paperwork (回款 第7条2): a slip waiting at its step
    slip = SlipStatus.SUBMITTED if kind is WorkKind.SLIP else SlipStatus.APPROVED
    return [s.status.in_([st.value for st in TAKES_PREPAYMENT]),
            s.id.in_(select(PaymentSlip.order_id).where(PaymentSlip.status == slip.value))]


def _since(kind: WorkKind):  # noqa: ANN202 - a column
    return {WorkKind.PRICE: SalesOrder.submitted_at, WorkKind.MAJOR_REVIEW: SalesOrder.submitted_at,
            WorkKind.DISPATCH_APPROVAL: SalesOrder.updated_at, WorkKind.OVERRIDE: SalesOrder.blocked_at,
            WorkKind.SLIP: SalesOrder.submitted_at, WorkKind.PREPAYMENT: SalesOrder.submitted_at}[kind]


def _list(uow: UnitOfWork, kind: WorkKind, actor_id: int) -> list[WorkRow]:
    since = _since(kind)
    q = (select(SalesOrder.id, SalesOrder.number, SalesOrder.status, SalesOrder.order_date,
                SalesOrder.customer_id, Customer.code, Customer.name, User.full_name, SalesOrder.total,
                since, SalesOrder.block_reason, SalesOrder.block_excess, SalesOrder.prepayment_required,
                SalesOrder.prepayment_received)
         .join(Customer, Customer.id == SalesOrder.customer_id)
         .outerjoin(User, User.id == SalesOrder.rep_id)
         .where(*_where(kind), SalesOrder.created_by_id != actor_id, SalesOrder.rep_id != actor_id))
    q = scoped(uow, q).order_by(since, SalesOrder.id).limit(LIMIT)
    return [WorkRow(kind.value, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "", *r[8:])
            for r in uow.session.execute(q)]


@service(Perm.ORDER_VIEW, read_only=True)
def waiting_for_me(uow: UnitOfWork) -> list[WorkRow]:
    """Every decision on an order the actor may take now, oldest first within each kind."""
    actor = current_actor(uow)
    rows: list[WorkRow] = []
    for kind in WorkKind:
        if actor.can(WORK_RIGHTS[kind]):
            rows += _list(uow, kind, actor.user_id)
    return rows


def work_kinds(perms: frozenset[Perm]) -> list[WorkKind]:
    """The lists a user with these rights has (the UI shows the worklist page to them)."""
    return [k for k in WorkKind if WORK_RIGHTS[k] in perms]
