"""Opportunities [销售机会/项目]: open one for a customer or a lead, keep its products, contacts,
competitors and competitive analysis [竞争分析], move it through the seed's stages with each
stage's day kept [时间节点], win it — which makes its draft order, once, by the order
services' own step (services/orders/entry.py), whose rules then take over — or lose it with
the reason and the competitor. Reads live in opportunity_views.py; rules in
domain/opportunities/stages.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError, NotPermitted, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.opportunities.stages import (
    AlreadyClosed,
    Outcome,
    Stage,
    check_advance,
    check_loss,
    check_node_date,
    check_win,
)
from sales_desk.i18n import _
from sales_desk.models import (
    CustomerContact,
    Opportunity,
    OpportunityCompetitor,
    OpportunityContact,
    OpportunityNode,
    OpportunityProduct,
    Product,
    Quotation,
    QuotationLine,
)
from sales_desk.services.common.base import business_today, current_actor, service
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.customers.scope import visible_customer
from sales_desk.services.opportunities.scope import editable_opportunity, visible_lead
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders.credit_check import customer_terms
from sales_desk.services.orders.entry import OrderInput, OrderLineInput

OPPORTUNITY_PREFIX = "OP"


@dataclass(frozen=True)
class ContactRef:
    name: str
    role: str = ""
    contact_id: int | None = None  # a contact of the customer file


@dataclass(frozen=True)
class CompetitorInput:
    name: str
    strengths: str = ""
    weaknesses: str = ""
    price_note: str = ""


@dataclass(frozen=True)
class OpportunityInput:
    title: str
    customer_id: int | None = None
    lead_id: int | None = None
    amount: int = 0  # expected, minor units
    expected_on: date | None = None
    products: tuple[tuple[int, int], ...] = ()  # (product id, quantity)
    contacts: tuple[ContactRef, ...] = ()
    competitors: tuple[CompetitorInput, ...] = ()
    competitive_analysis: str = ""
    note: str = ""
    opened_on: date | None = None  # the lead stage's time node; today when omitted


class NoCustomerYet(DomainError):
    def __init__(self, number: str):
        super().__init__(_("Opportunity {number} is for a lead: convert the lead into a customer file first.")
                         .format(number=number))


class OrderAlreadyMade(DomainError):
    def __init__(self, number: str):
        super().__init__(_("Opportunity {number} has already made its order.").format(number=number))


# -- the details -------------------------------------------------------------------------------


def _check_header(uow: UnitOfWork, o: Opportunity, data: OpportunityInput) -> None:
    if not data.title.strip():
        raise ValidationError(_("Title"), _("must not be empty"))
    if (data.customer_id is None) == (data.lead_id is None):
        raise ValidationError(_("Customer"), _("choose a customer or a lead"))
    if isinstance(data.amount, bool) or not isinstance(data.amount, int) or data.amount < 0:
        raise ValidationError(_("Expected amount"), _("an amount of 0 or more"))
    if data.customer_id is not None:
        o.customer_id, o.lead_id = visible_customer(uow, data.customer_id).id, None
    else:
        lead = visible_lead(uow, data.lead_id)  # type: ignore[arg-type]
        o.lead_id, o.customer_id = lead.id, lead.customer_id
    o.title, o.amount, o.expected_on = data.title.strip(), data.amount, data.expected_on
    o.competitive_analysis, o.note = data.competitive_analysis.strip(), data.note.strip()


def _replace_details(uow: UnitOfWork, o: Opportunity, data: OpportunityInput) -> None:
    s = uow.session
    for model in (OpportunityProduct, OpportunityContact, OpportunityCompetitor):
        s.execute(delete(model).where(model.opportunity_id == o.id))
    ids = {pid for pid, _q in data.products}
    known = set(s.scalars(select(Product.id).where(Product.id.in_(ids), Product.active.is_(True))))
    for n, (pid, qty) in enumerate(data.products, start=1):
        if pid not in known:
            raise ValidationError(_("Product {n}").format(n=n), _("not an active product"))
        if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
            raise ValidationError(_("Product {n}").format(n=n), _("a quantity above 0"))
        s.add(OpportunityProduct(opportunity_id=o.id, product_id=pid, quantity=qty))
    for k in data.contacts:
        if k.contact_id is not None and s.scalar(select(CustomerContact.customer_id).where(
                CustomerContact.id == k.contact_id)) != o.customer_id:
            raise ValidationError(_("Contact"), _("not a contact of this customer"))
        if not k.name.strip():
            raise ValidationError(_("Contact name"), _("must not be empty"))
        s.add(OpportunityContact(opportunity_id=o.id, contact_id=k.contact_id, name=k.name.strip(),
                                 role=k.role.strip()))
    for c in data.competitors:
        if not c.name.strip():
            raise ValidationError(_("Competitor"), _("must not be empty"))
        s.add(OpportunityCompetitor(opportunity_id=o.id, name=c.name.strip(), strengths=c.strengths.strip(),
                                    weaknesses=c.weaknesses.strip(), price_note=c.price_note.strip()))


def _summary(o: Opportunity) -> dict[str, object]:
    return {"number": o.number, "title": o.title, "customer_id": o.customer_id, "amount": o.amount,
            "expected_on": o.expected_on, "stage": o.stage, "outcome": o.outcome}


def open_opportunity(uow: UnitOfWork, data: OpportunityInput) -> Opportunity:
    """create_opportunity's step in the caller's transaction."""
    actor = current_actor(uow)
    on = business_date(uow, data.opened_on, _("Opened on"))
    o = Opportunity(number=next_number(uow, OPPORTUNITY_PREFIX, on), owner_id=actor.user_id,
                    created_by_id=actor.user_id, stage=Stage.LEAD.value, stage_since=on, opened_on=on,
                    outcome=Outcome.OPEN.value, created_at=uow.clock(), updated_at=uow.clock())
    _check_header(uow, o, data)
    uow.session.add(o)
    uow.session.flush()
    _replace_details(uow, o, data)
    uow.session.add(OpportunityNode(opportunity_id=o.id, stage=Stage.LEAD.value, reached_on=on, by_id=actor.user_id))
    uow.audit("opportunity.create", "opportunity", o.id, None, _summary(o))
    return o


@service(Perm.OPPORTUNITY_EDIT)
def create_opportunity(uow: UnitOfWork, data: OpportunityInput) -> int:
    """A new opportunity at the first stage (线索收集), owned by its creator."""
    o = open_opportunity(uow, data)
    uow.commit()
    return o.id


@service(Perm.OPPORTUNITY_EDIT)
def update_opportunity(uow: UnitOfWork, opportunity_id: int, data: OpportunityInput) -> None:
    """Change an open opportunity's details (not its stage: advance, win or lose it)."""
    o = editable_opportunity(uow, opportunity_id)
    if o.outcome != Outcome.OPEN:
        raise AlreadyClosed(o.number, Outcome(o.outcome))
    before = _summary(o)
    _check_header(uow, o, data)
    _replace_details(uow, o, data)
    o.updated_at = uow.clock()
    uow.audit("opportunity.update", "opportunity", o.id, before, _summary(o))
    uow.commit()


# -- the stages --------------------------------------------------------------------------------


def _node(uow: UnitOfWork, o: Opportunity, stage: Stage) -> OpportunityNode | None:
    return uow.session.scalar(select(OpportunityNode).where(OpportunityNode.opportunity_id == o.id,
                                                            OpportunityNode.stage == stage.value))


def _move(uow: UnitOfWork, o: Opportunity, to: Stage | None, on: date) -> None:
    """Close the current stage's time node on `on` and, unless the deal was lost, reach `to`."""
    current = _node(uow, o, Stage(o.stage))
    if current is not None:
        current.left_on, current.days = on, (on - current.reached_on).days
    if to is not None:
        uow.session.add(OpportunityNode(opportunity_id=o.id, stage=to.value, reached_on=on,
                                        by_id=current_actor(uow).user_id))
        o.stage, o.stage_since = to.value, on
    o.updated_at = uow.clock()


def advance(uow: UnitOfWork, opportunity_id: int, stage: Stage | str, on: date | None = None) -> Opportunity:
    o = editable_opportunity(uow, opportunity_id)
    target = Stage(stage)
    day = on or business_today(uow)
    check_advance(o.number, Outcome(o.outcome), Stage(o.stage), target, o.stage_since, day, business_today(uow))
    before = o.stage
    _move(uow, o, target, day)
    uow.audit("opportunity.advance", "opportunity", o.id, {"stage": before},
              {"stage": target.value, "reached_on": day, "number": o.number})
    return o


@service(Perm.OPPORTUNITY_EDIT)
def advance_stage(uow: UnitOfWork, opportunity_id: int, stage: Stage | str, on: date | None = None) -> None:
    """To the next stage, reached on `on` (today when omitted) [时间节点]."""
    advance(uow, opportunity_id, stage, on)
    uow.commit()


def _order_lines(uow: UnitOfWork, o: Opportunity) -> list[OrderLineInput]:
    """The latest quotation the customer could accept (approved or issued), else the products
    at their list prices: the order reprices them by its own rules."""
    q = uow.session.scalar(select(Quotation).where(
        Quotation.opportunity_id == o.id, Quotation.status.in_(("approved", "issued")))
        .order_by(Quotation.id.desc()).limit(1))
    if q is not None:
        return [OrderLineInput(ln.product_id, ln.quantity, ln.unit_price) for ln in uow.session.scalars(
            select(QuotationLine).where(QuotationLine.quotation_id == q.id).order_by(QuotationLine.line_no))]
    return [OrderLineInput(p.product_id, p.quantity) for p in uow.session.scalars(
        select(OpportunityProduct).where(OpportunityProduct.opportunity_id == o.id).order_by(OpportunityProduct.id))]


def win(uow: UnitOfWork, opportunity_id: int, on: date | None = None) -> Opportunity:
    """win_opportunity's step: 成交 reached and the draft order made, in one transaction."""
    o = editable_opportunity(uow, opportunity_id)
    actor = current_actor(uow)
    if o.order_id is not None:
        raise OrderAlreadyMade(o.number)
    check_win(o.number, Outcome(o.outcome), Stage(o.stage))
    if o.customer_id is None:
        raise NoCustomerYet(o.number)
    if not actor.can(Perm.ORDER_CREATE):  # the order is the rep's to take
        raise NotPermitted(Perm.ORDER_CREATE, actor.username)
    day = on or business_today(uow)
    check_node_date(day, o.stage_since, business_today(uow))
    lines = _order_lines(uow, o)
    if not lines:
        raise ValidationError(_("Products"), _("name the products won, so the order has its lines"))
    # terms the customer's credit file allows (the rep changes them on the draft if need be)
    credit = customer_terms(visible_customer(uow, o.customer_id)).has_credit
    order = orders._create(uow, OrderInput(o.customer_id, lines, order_date=day, prepayment_percent=0 if credit else 100,
                                           note=_("From opportunity {number}").format(number=o.number)))
    _move(uow, o, Stage.WON, day)
    o.outcome, o.closed_on, o.order_id = Outcome.WON.value, day, order.id
    uow.session.flush()
    uow.audit("opportunity.win", "opportunity", o.id, {"outcome": "open"},
              {"outcome": "won", "number": o.number, "order": order.number, "amount": o.amount})
    return o


@service(Perm.OPPORTUNITY_EDIT)
def win_opportunity(uow: UnitOfWork, opportunity_id: int, on: date | None = None) -> int:
    """Won [成交]: makes the draft order (the order's rules take over there); its id."""
    o = win(uow, opportunity_id, on)
    uow.commit()
    return o.order_id  # type: ignore[return-value]


def lose(uow: UnitOfWork, opportunity_id: int, reason: str, competitor: str, note: str = "",
         on: date | None = None) -> Opportunity:
    o = editable_opportunity(uow, opportunity_id)
    why, who = check_loss(o.number, Outcome(o.outcome), reason, competitor)
    day = on or business_today(uow)
    check_node_date(day, o.stage_since, business_today(uow))
    _move(uow, o, None, day)
    o.outcome, o.closed_on = Outcome.LOST.value, day
    o.loss_reason, o.lost_to, o.close_note = why.value, who, note.strip()
    uow.audit("opportunity.lose", "opportunity", o.id, {"outcome": "open"},
              {"outcome": "lost", "number": o.number, "reason": why.value, "competitor": who,
               "note": o.close_note, "stage": o.stage})
    return o


@service(Perm.OPPORTUNITY_EDIT)
def lose_opportunity(uow: UnitOfWork, opportunity_id: int, reason: str, competitor: str, note: str = "",
                     on: date | None = None) -> None:
    """Lost: the reason (domain LossReason) and the competitor it went to are required."""
    lose(uow, opportunity_id, reason, competitor, note, on)
    uow.commit()


# -- reassignment (territories) ------------------------------------------------------------------


def reassign_open_opportunities(uow: UnitOfWork, from_rep_id: int, to_rep_id: int,
                                customer_ids: Iterable[int] | None) -> int:
    """Move `from_rep_id`'s open opportunities on these customers (all of theirs with None) to
    `to_rep_id`, in the caller's transaction, each one audited; won and lost ones stay with
    whoever worked them. The caller (the territories' reassignment) checks its own right."""
    q = select(Opportunity).where(Opportunity.owner_id == from_rep_id, Opportunity.outcome == Outcome.OPEN.value)
    if customer_ids is not None:
        ids = list(customer_ids)
        if not ids:
            return 0
        q = q.where(Opportunity.customer_id.in_(ids))
    moved = list(uow.session.scalars(q.order_by(Opportunity.id)))
    now = uow.clock()
    for o in moved:
        o.owner_id, o.updated_at = to_rep_id, now
    uow.session.flush()
    uow.audit_many(("opportunity.reassign", "opportunity", o.id, {"owner_id": from_rep_id},
                    {"owner_id": to_rep_id, "number": o.number}) for o in moved)
    return len(moved)
