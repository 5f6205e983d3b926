"""Decisions on an order: the sales VP's approval of prices below the floor and review of a
major contract [重大销售合同评审] (before signing), the approval for dispatch with its
credit check [授信执行], and the written override of a blocked order by the finance
director or the general manager [财务总监、总经理书面批准] (seed 001 第18条).

Nobody decides on an order they took or are responsible for. The approval and the
override lock the customer row first (customers.scope.lock_customer), so two seats
approving orders of the same customer at once cannot together pass the limit.
"""

from __future__ import annotations

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import DomainError, NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.contracts import (
    BLOCK_ERRORS,
    ApprovalKind,
    CreditDecision,
    OrderStatus,
    WrongOrderState,
    check_override,
    credit_check,
    credit_exposure,
)
from sales_desk.i18n import _
from sales_desk.models import Customer, OrderApproval, SalesOrder
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.customers.scope import lock_customer
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders.common import order_money, visible_order
from sales_desk.services.orders.entry import approval_of


class AlreadyDecided(DomainError):
    def __init__(self, number: str, kind: ApprovalKind):
        super().__init__(_("{what} of order {number} has already been decided.").format(
            what=kind.label, number=number))


class OverrideAlreadyUsed(DomainError):
    def __init__(self, number: str):
        super().__init__(_("Order {number} has already had its one credit override.").format(number=number))


def _not_own(o: SalesOrder, approver_id: int) -> None:
    """Never the person who took the order, nor the rep responsible for it."""
    ensure_not_self_approval(o.created_by_id, approver_id, "order")
    ensure_not_self_approval(o.rep_id, approver_id, "order")


# -- the sales VP's reviews before signing --------------------------------------------------------


def _review(uow: UnitOfWork, order_id: int, kind: ApprovalKind, approve: bool, note: str) -> SalesOrder:
    o = visible_order(uow, order_id, for_update=True)
    actor = current_actor(uow)
    _not_own(o, actor.user_id)
    if o.status != OrderStatus.SUBMITTED:
        raise WrongOrderState(o.number, OrderStatus(o.status), _("reviewed"))
    needed = o.needs_price_approval if kind is ApprovalKind.PRICE else o.major
    if not needed:
        raise ValidationError(kind.label, _("this order does not need it"))
    if approval_of(uow, o, kind) is not None:
        raise AlreadyDecided(o.number, kind)
    note = note.strip()
    if not approve and not note:
        raise ValidationError(_("Note"), _("say why, so the rep can change the order"))
    uow.session.add(OrderApproval(order_id=o.id, kind=kind.value, revision=o.revision, approved=approve,
                                  note=note, amount=o.total, approver_id=actor.user_id,
                                  decided_at=uow.clock()))
    before = o.status
    if not approve:  # back to the rep
        o.status = OrderStatus.DRAFT.value
    o.updated_at = uow.clock()
    uow.session.flush()
    uow.audit(f"order.{kind.value}", "order", o.id, {"status": before},
              {"status": o.status, "approved": approve, "note": note, "total": o.total,
               "revision": o.revision})
    return o


def _approve_price(uow: UnitOfWork, order_id: int, approve: bool = True, note: str = "") -> SalesOrder:
    return _review(uow, order_id, ApprovalKind.PRICE, approve, note)


def _review_major(uow: UnitOfWork, order_id: int, approve: bool = True, note: str = "") -> SalesOrder:
    return _review(uow, order_id, ApprovalKind.MAJOR_REVIEW, approve, note)


@service(Perm.PRICE_BELOW_FLOOR_APPROVE)
def approve_price(uow: UnitOfWork, order_id: int, approve: bool = True, note: str = "") -> None:
    """The sales VP approves (or refuses, back to draft) prices below the floor."""
    _approve_price(uow, order_id, approve, note)
    uow.commit()


@service(Perm.CONTRACT_REVIEW_MAJOR)
def review_major_contract(uow: UnitOfWork, order_id: int, approve: bool = True, note: str = "") -> None:
    """The sales VP reviews a contract at or above the major threshold before it is signed."""
    _review_major(uow, order_id, approve, note)
    uow.commit()


# -- approval for dispatch and the credit check --------------------------------------------------


def _locked_order(uow: UnitOfWork, order_id: int) -> tuple[SalesOrder, Customer]:
    """Lock the customer first, then read the order afresh (one lock order everywhere)."""
    customer_id = uow.session.scalar(select(SalesOrder.customer_id).where(SalesOrder.id == order_id))
    if customer_id is None:
        raise NotFound(_("Order"), order_id)
    c = lock_customer(uow, customer_id)
    return visible_order(uow, order_id, for_update=True), c


def _decide_credit(uow: UnitOfWork, o: SalesOrder, c: Customer) -> CreditDecision:
    # through the module: a test holds one seat here to prove the other waits for the lock
    return credit_check(order_credit.snapshot(uow, c), credit_exposure(order_money(o)))


def _approve(uow: UnitOfWork, order_id: int) -> tuple[SalesOrder, CreditDecision]:
    o, c = _locked_order(uow, order_id)
    actor = current_actor(uow)
    _not_own(o, actor.user_id)
    if o.status not in (OrderStatus.SIGNED, OrderStatus.BLOCKED):
        raise WrongOrderState(o.number, OrderStatus(o.status), _("approved for dispatch"))
    decision = _decide_credit(uow, o, c)
    before = {"status": o.status}
    now = uow.clock()
    facts = {"exposure": decision.exposure, "available": decision.available,
             "excess": decision.excess}
    if decision.passes:
        o.status, o.approved_at, o.approved_by_id = OrderStatus.APPROVED.value, now, actor.user_id
        o.block_reason, o.block_excess = "", None
        uow.audit("order.approve", "order", o.id, before, {"status": o.status, **facts})
    else:
        assert decision.reason is not None
        o.status, o.blocked_at, o.blocked_by_id = OrderStatus.BLOCKED.value, now, actor.user_id
        o.block_reason, o.block_excess = decision.reason.value, decision.excess
        uow.audit("order.block", "order", o.id, before,
                  {"status": o.status, "reason": decision.reason.value, **facts})
    o.updated_at = now
    return o, decision


@service(Perm.ORDER_APPROVE)
def approve_order(uow: UnitOfWork, order_id: int) -> CreditDecision:
    """Approve a signed (or blocked) order for dispatch after the credit check. If the check
    fails the order is saved as blocked and the typed refusal (CreditLimitExceeded,
    CustomerOnHold, NoCreditTerms) is raised with the figures."""
    o, decision = _approve(uow, order_id)
    uow.commit()
    if not decision.passes:
        assert decision.reason is not None
        raise BLOCK_ERRORS[decision.reason](o.number, decision)
    return decision


def _override(uow: UnitOfWork, order_id: int, amount: int, reason: str) -> SalesOrder:
    o, c = _locked_order(uow, order_id)
    actor = current_actor(uow)
    _not_own(o, actor.user_id)
    used = uow.session.scalar(select(OrderApproval.id).where(
        OrderApproval.order_id == o.id, OrderApproval.kind == ApprovalKind.CREDIT_OVERRIDE.value))
    if used is not None:
        raise OverrideAlreadyUsed(o.number)
    if o.status != OrderStatus.BLOCKED:
        raise WrongOrderState(o.number, OrderStatus(o.status), _("released by a credit override"))
    decision = _decide_credit(uow, o, c)
    reason = check_override(amount, reason, decision)
    now = uow.clock()
    uow.session.add(OrderApproval(
        order_id=o.id, kind=ApprovalKind.CREDIT_OVERRIDE.value, revision=o.revision, approved=True,
        note=reason, amount=amount, exposure=decision.exposure, available=decision.available,
        approver_id=actor.user_id, decided_at=now))
    o.status, o.approved_at, o.approved_by_id, o.updated_at = OrderStatus.APPROVED.value, now, actor.user_id, now
    uow.session.flush()
    uow.audit("order.credit_override", "order", o.id, {"status": OrderStatus.BLOCKED.value,
                                                       "block_reason": o.block_reason},
              {"status": o.status, "amount": amount, "reason": reason, "exposure": decision.exposure,
               "available": decision.available, "excess": decision.excess,
               "blocked_by": decision.reason.value if decision.reason else None})
    return o


@service(Perm.CREDIT_OVERRIDE)
def override_credit(uow: UnitOfWork, order_id: int, amount: int, reason: str) -> None:
    """The finance director's or general manager's written override of a blocked order:
    the reason and the credit beyond the available it allows (at least the excess now).
    Once per order; never by the order's creator or rep; recorded and audited."""
    _override(uow, order_id, amount, reason)
    uow.commit()
