"""Reading opportunities: the list (filtered and sorted in the query, paged) and one
opportunity with its time nodes, products, contacts, competitors and quotations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, literal, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.opportunities.stages import Outcome, Stage, is_stalled, weighted
from sales_desk.models import (
    Customer,
    Lead,
    Opportunity,
    OpportunityCompetitor,
    OpportunityContact,
    OpportunityNode,
    OpportunityProduct,
    Product,
    Quotation,
    SalesOrder,
)
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.opportunities.scope import (
    limits,
    may_edit,
    scoped,
    stalled_where,
    visible_opportunity,
)

SORTS = {
    "number": Opportunity.id.desc(),
    "amount": Opportunity.amount.desc(),
    "expected": Opportunity.expected_on.asc(),
    "stage": Opportunity.stage_since.asc(),
}


@dataclass(frozen=True)
class OpportunityRow:
    id: int
    number: str
    title: str
    party: str  # the customer's code and name, or the lead's number and name
    owner: str
    stage: Stage
    outcome: Outcome
    amount: int
    weighted: int
    expected_on: date | None
    stage_since: date
    days_in_stage: int
    stalled: bool


@dataclass(frozen=True)
class OpportunityFilter:
    outcome: str | None = "open"
    stage: str | None = None
    owner_id: int | None = None
    stalled_only: bool = False
    text: str = ""
    sort: str = "number"


@service(Perm.OPPORTUNITY_VIEW, read_only=True)
def list_opportunities(uow: UnitOfWork, f: OpportunityFilter = OpportunityFilter(), offset: int = 0,  # noqa: B008
                       limit: int = 200) -> tuple[list[OpportunityRow], bool]:
    """One page of what the actor sees; whether there is more."""
    today = business_today(uow)
    lim = limits(uow)
    party = func.coalesce(Customer.code + literal(" ") + Customer.name, Lead.number + literal(" ") + Lead.name)
    q = scoped(uow, select(Opportunity, party.label("party"))
               .outerjoin(Customer, Customer.id == Opportunity.customer_id)
               .outerjoin(Lead, Lead.id == Opportunity.lead_id))
    if f.outcome:
        q = q.where(Opportunity.outcome == f.outcome)
    if f.stage:
        q = q.where(Opportunity.stage == f.stage)
    if f.owner_id is not None:
        q = q.where(Opportunity.owner_id == f.owner_id)
    if f.stalled_only:
        q = q.where(stalled_where(lim, today))
    if f.text.strip():
        like = f"%{f.text.strip()}%"
        q = q.where(Opportunity.number.ilike(like) | Opportunity.title.ilike(like) | Customer.name.ilike(like)
                    | Lead.name.ilike(like))
    q = q.order_by(SORTS.get(f.sort, SORTS["number"]), Opportunity.id.desc()).offset(offset).limit(limit + 1)
    rows = uow.session.execute(q).all()
    names = user_names(uow, {o.owner_id for o, _p in rows})
    out = [OpportunityRow(
        o.id, o.number, o.title, p or "", names.get(o.owner_id, ""), Stage(o.stage), Outcome(o.outcome), o.amount,
        weighted(o.amount, Stage(o.stage)) if o.outcome == "open" else 0, o.expected_on, o.stage_since,
        ((o.closed_on or today) - o.stage_since).days,
        o.stage in {s.value for s in lim} and is_stalled(Outcome(o.outcome), Stage(o.stage), o.stage_since, today, lim))
        for o, p in rows[:limit]]
    return out, len(rows) > limit


@dataclass(frozen=True)
class NodeRow:
    stage: Stage
    reached_on: date
    left_on: date | None
    days: int | None
    limit: int | None
    overdue: bool  # stayed (or is staying) longer than its limit


@dataclass(frozen=True)
class ProductRow:
    product_id: int
    code: str
    name: str
    unit: str
    quantity: int


@dataclass(frozen=True)
class ContactLine:
    contact_id: int | None
    name: str
    role: str


@dataclass(frozen=True)
class CompetitorRow:
    name: str
    strengths: str
    weaknesses: str
    price_note: str


@dataclass(frozen=True)
class QuotationRef:
    id: int
    number: str
    status: str
    quote_date: date
    total: int
    issued_document: str
    made_by: str = ""
    decision_note: str = ""


@dataclass(frozen=True)
class OpportunityDetail:
    row: OpportunityRow
    customer_id: int | None
    lead_id: int | None
    owner_id: int
    opened_on: date
    competitive_analysis: str
    note: str
    loss_reason: str
    lost_to: str
    close_note: str
    closed_on: date | None
    order_id: int | None
    order_number: str
    nodes: tuple[NodeRow, ...]
    products: tuple[ProductRow, ...]
    contacts: tuple[ContactLine, ...]
    competitors: tuple[CompetitorRow, ...]
    quotations: tuple[QuotationRef, ...]
    may_edit: bool
    party_code: str = ""  # the customer's code (or the lead's number)…
    party_name: str = ""  # …and name, apart: a form shows them in its own way


@service(Perm.OPPORTUNITY_VIEW, read_only=True)
def opportunity_detail(uow: UnitOfWork, opportunity_id: int) -> OpportunityDetail:
    o = visible_opportunity(uow, opportunity_id)
    s = uow.session
    today = business_today(uow)
    lim = limits(uow)
    code = name = ""
    if o.customer_id is not None:
        c = s.get(Customer, o.customer_id)
        code, name = (c.code, c.name) if c else ("", "")
    elif o.lead_id is not None:
        ld = s.get(Lead, o.lead_id)
        code, name = (ld.number, ld.name) if ld else ("", "")
    party = f"{code} {name}".strip()
    stage, outcome = Stage(o.stage), Outcome(o.outcome)
    stalled = stage in lim and is_stalled(outcome, stage, o.stage_since, today, lim)
    row = OpportunityRow(o.id, o.number, o.title, party, user_names(uow, [o.owner_id]).get(o.owner_id, ""), stage,
                         outcome, o.amount, weighted(o.amount, stage) if outcome is Outcome.OPEN else 0,
                         o.expected_on, o.stage_since, ((o.closed_on or today) - o.stage_since).days, stalled)
    nodes = []
    for n in s.scalars(select(OpportunityNode).where(OpportunityNode.opportunity_id == o.id)):
        st = Stage(n.stage)
        spent = n.days if n.days is not None else (today - n.reached_on).days if outcome is Outcome.OPEN else None
        nodes.append(NodeRow(st, n.reached_on, n.left_on, n.days, lim.get(st),
                             spent is not None and st in lim and spent > lim[st]))
    nodes.sort(key=lambda n: n.stage.position)
    products = tuple(ProductRow(p.id, p.code, p.name, p.unit, op.quantity) for op, p in s.execute(
        select(OpportunityProduct, Product).join(Product, Product.id == OpportunityProduct.product_id)
        .where(OpportunityProduct.opportunity_id == o.id).order_by(OpportunityProduct.id)))
    contacts = tuple(ContactLine(k.contact_id, k.name, k.role) for k in s.scalars(
        select(OpportunityContact).where(OpportunityContact.opportunity_id == o.id).order_by(OpportunityContact.id)))
    competitors = tuple(CompetitorRow(k.name, k.strengths, k.weaknesses, k.price_note) for k in s.scalars(
        select(OpportunityCompetitor).where(OpportunityCompetitor.opportunity_id == o.id)
        .order_by(OpportunityCompetitor.id)))
    quotes = list(s.scalars(select(Quotation).where(Quotation.opportunity_id == o.id).order_by(Quotation.id)))
    makers = user_names(uow, {q.created_by_id for q in quotes})
    quotations = tuple(QuotationRef(q.id, q.number, q.status, q.quote_date, q.total, q.issued_document,
                                    makers.get(q.created_by_id, ""), q.decision_note or "") for q in quotes)
    order_number = s.scalar(select(SalesOrder.number).where(SalesOrder.id == o.order_id)) if o.order_id else ""
    return OpportunityDetail(row, o.customer_id, o.lead_id, o.owner_id, o.opened_on, o.competitive_analysis,
                             o.note, o.loss_reason, o.lost_to, o.close_note, o.closed_on, o.order_id,
                             order_number or "", tuple(nodes), products, contacts, competitors, quotations,
                             may_edit(current_actor(uow), o), code, name)
