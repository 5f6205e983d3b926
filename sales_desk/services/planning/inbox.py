"""Waiting for me: every decision the logged-in user may take now, from every module,
oldest first, each with where it opens (the tab, what to open there, its id).

It reuses each module's own list rather than querying again: the expense claims,
payments, travel applications and budgets (expense_waiting), the orders' prices, major
contracts, dispatch approvals, overrides and prepayments (order_worklists), the rating
proposals and the investigations for finance (credit), deferrals and write-offs
(collections), the sales manager's fault records and the GM's liability exemptions
(collections, 第19条 3), sales plans (plans), new customer files to review, quotations
priced below the floor for the sales VP (opportunities), policy proposals
for the GM (SPEC §9) and price lists at the step the user takes (产品定价管理流程). Each is called only
when the user holds the right that decides it, and each checks that right again.

Never the user's own requests: the expense and order lists leave them out already; for
the lists that are queues shared by a page (proposals, investigations, deferrals,
write-offs) the people who may not decide each item are looked up here by
the ids the list returned, by the same rule the deciding service applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.deferral import (
    Approval,
    DeferralStatus,
    StepOutOfTurn,
    approval_slot,
)
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.credit.checklist import InvestigationStatus
from sales_desk.domain.customers.files import ReviewStatus, sees_all_customers
from sales_desk.domain.expenses.budget import BudgetStatus
from sales_desk.domain.expenses.claims import StepKind, item_label
from sales_desk.i18n import _
from sales_desk.models import (
    CreditInvestigation,
    Customer,
    Deferral,
    LiabilityCharge,
    LiabilityFault,
    LiabilityShare,
    RatingProposal,
    WriteOff,
)
from sales_desk.services.admin import policy
from sales_desk.services.collections import deferrals, liability_faults, writeoffs
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.credit import investigation as credit_investigation
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.credit.rating import ProposalStatus
from sales_desk.services.customers.scope import user_names
from sales_desk.services.expenses import waiting as expense_waiting
from sales_desk.services.opportunities import quotations
from sales_desk.services.orders import price_lists
from sales_desk.services.orders import worklists as order_worklists
from sales_desk.services.orders.worklists import WORK_RIGHTS, WorkKind
from sales_desk.services.planning import plans, sub_plans

EXPENSE_DECIDERS = frozenset({Perm.EXPENSE_REVIEW, Perm.EXPENSE_APPROVE, Perm.EXPENSE_APPROVE_MAJOR,
                              Perm.EXPENSE_FINANCE_CHECK, Perm.EXPENSE_PAY, Perm.BUDGET_CHECK,
                              Perm.BUDGET_APPROVE, Perm.EXPENSE_REVIEW_EXPLANATION, Perm.EXPENSE_REPORT_REVIEW})
# The rights that can put anything on the list: who holds none has nothing waiting.
DECIDERS = frozenset({*EXPENSE_DECIDERS, *WORK_RIGHTS.values(), Perm.CREDIT_APPROVE_RATING,
                      Perm.CREDIT_REVIEW_INVESTIGATION, Perm.DEFERRAL_APPROVE, Perm.DEFERRAL_CHECK,
                      Perm.WRITEOFF_APPROVE,
                      Perm.PLAN_APPROVE, Perm.CUSTOMER_REVIEW, Perm.LIABILITY_EXEMPT, Perm.POLICY_APPROVE,
                      Perm.PRICING_COST_CHECK, Perm.PRICING_SET, Perm.PRICING_APPROVE, Perm.LIABILITY_RECORD_FAULT,
                      Perm.PLAN_APPROVE_MONTHLY, Perm.PLAN_APPROVE_PRODUCT})


@dataclass(frozen=True)
class InboxItem:
    module: str  # where it comes from: expenses, orders, credit, collections, plans, customers
    kind: str  # claim, payment, travel, budget, an order WorkKind, rating, investigation, deferral…
    id: int  # the item's own id in its module (the order's for order work)
    title: str  # what is to be decided, translated
    subject: str  # the customer, the claim's item and purpose, the plan's year…
    who: str  # who asked
    amount: int | None  # minor units, when there is one
    since: datetime | None  # waiting since
    tab: str  # the tab that opens it (ui/tabs registry key)
    open_kind: str  # what that tab opens: order, claim, travel, budget, proposal, …
    open_id: int

    @property
    def key(self) -> tuple[str, str, int]:
        return self.module, self.kind, self.id


# -- who may not decide what, for the shared queues ----------------------------------------------


@service(LOGGED_IN, read_only=True)
def _not_for(uow: UnitOfWork, what: str, ids: list[int]) -> dict[int, set[int]]:
    """Item id → the users who may not decide it (they asked for it or took part)."""
    if not ids:
        return {}
    out: dict[int, set[int]] = {i: set() for i in ids}
    if what == "rating":  # credit_rating.decide_rating: the proposer and the investigators
        inv = CreditInvestigation
        rows = uow.session.execute(
            select(RatingProposal.id, RatingProposal.proposed_by_id, inv.opened_by_id, inv.submitted_by_id)
            .join(inv, inv.id == RatingProposal.investigation_id).where(RatingProposal.id.in_(ids)))
    elif what == "investigation":  # review_investigation: who opened or submitted it
        rows = uow.session.execute(select(CreditInvestigation.id, CreditInvestigation.opened_by_id,
                                          CreditInvestigation.submitted_by_id)
                                   .where(CreditInvestigation.id.in_(ids)))
    elif what == "deferral":  # deferrals._decide: the requester, and whoever approved it already
        rows = uow.session.execute(select(Deferral.id, Deferral.requested_by_id, Deferral.vp_id, Deferral.gm_id)
                                   .where(Deferral.id.in_(ids)))
    elif what == "writeoff":
        rows = uow.session.execute(select(WriteOff.id, WriteOff.submitted_by_id).where(WriteOff.id.in_(ids)))
    elif what == "liability_exemption":  # liability_faults._decide: the recorder, and whoever it spares
        f = LiabilityFault
        rows = uow.session.execute(
            select(f.id, f.recorded_by_id, LiabilityShare.user_id)
            .join(LiabilityCharge, LiabilityCharge.receivable_id == f.receivable_id)
            .join(LiabilityShare, LiabilityShare.charge_id == LiabilityCharge.id).where(f.id.in_(ids)))
    else:
        raise ValueError(what)
    for item_id, *people in rows:
        out[item_id] |= {p for p in people if p is not None}
    return out


@service(LOGGED_IN, read_only=True)
def _deferral_slots_taken(uow: UnitOfWork, ids: list[int]) -> dict[int, set[Approval]]:
    rows = uow.session.execute(select(Deferral.id, Deferral.finance_id, Deferral.vp_id, Deferral.gm_id)
                               .where(Deferral.id.in_(ids)))
    return {i: {s for s, who in ((Approval.FINANCE, fin), (Approval.SALES_VP, vp), (Approval.GM, gm)) if who}
            for i, fin, vp, gm in rows}


@dataclass(frozen=True)
class _NewFile:
    id: int
    code: str
    name: str
    rep: str
    created_at: datetime


@service(Perm.CUSTOMER_REVIEW, read_only=True)
def _files_to_review(uow: UnitOfWork, limit: int = 200) -> list[_NewFile]:
    """New files waiting for their superior's review [交直接上级审核], oldest first, never
    one the user created (customers.review_customer_file's rule). The customers module
    has no such list: its list page pages by name, which would scan every file for the
    few pending ones."""
    actor = current_actor(uow)
    q = (select(Customer.id, Customer.code, Customer.name, Customer.rep_id, Customer.created_at)
         .where(Customer.review_status == ReviewStatus.PENDING.value,
                or_(Customer.created_by_id.is_(None), Customer.created_by_id != actor.user_id))
         .order_by(Customer.created_at, Customer.id).limit(limit))
    if not sees_all_customers(actor.roles):
        q = q.where(Customer.rep_id == actor.user_id)
    rows = uow.session.execute(q).all()
    names = user_names(uow, [r.rep_id for r in rows])
    return [_NewFile(r.id, r.code, r.name, names.get(r.rep_id or 0, ""), r.created_at) for r in rows]


def _mine_excluded(uow: UnitOfWork, me: Actor, what: str, items: list[InboxItem]) -> list[InboxItem]:
    blocked = _not_for(uow, what, [i.id for i in items])
    return [i for i in items if me.user_id not in blocked.get(i.id, set())]


# -- each module's list --------------------------------------------------------------------------


def _expenses(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    out = []
    for w in expense_waiting.waiting_for_me(uow):
        if w.kind in ("claim", "payment"):
            what, sep, purpose = w.summary.partition(" · ")
            subject = item_label(what) + sep + purpose
            title = StepKind(w.step).label if w.kind == "claim" else _("Payment by the cashier")
            out.append(InboxItem("expenses", w.kind, w.id, title, subject, w.who, w.amount, w.since,
                                 "expenses", "claim", w.id))
        elif w.kind == "report":  # the annual expense-control report, opened by its year
            out.append(InboxItem("expenses", "report", w.id, _("Annual report: the general manager's review"),
                                 _("Annual expense-control report {year}").format(year=w.summary), w.who, None,
                                 w.since, "expenses", "report", int(w.summary)))
        elif w.kind == "travel":
            out.append(InboxItem("expenses", "travel", w.id, _("Travel application: {step}").format(
                step=StepKind(w.step).label), w.summary, w.who, w.amount, w.since, "expenses", "travel", w.id))
        else:
            year, _sep, revision = w.summary.partition(" r")
            out.append(InboxItem("expenses", "budget", w.id, _("Expense budget: {status}").format(
                status=BudgetStatus(w.step).label), _("Budget {year}, revision {revision}").format(
                year=year, revision=revision), w.who, None, w.since, "expenses", "budget", w.id))
    return out


def _orders(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    out = []
    for r in order_worklists.waiting_for_me(uow):
        subject = _("{number} · {customer}").format(number=r.number, customer=r.customer_name)
        amount = r.prepayment_required - r.prepayment_received if r.kind == WorkKind.PREPAYMENT else r.total
        out.append(InboxItem("orders", r.kind, r.order_id, WorkKind(r.kind).label, subject, r.rep_name, amount,
                             r.since, "orders", "order", r.order_id))
    return out


def _ratings(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    items = [InboxItem("credit", "rating", p.id, _("Rating proposal: grade {grade}").format(grade=p.grade),
                       _("{code} · {customer}").format(code=p.customer_code, customer=p.customer_name),
                       p.proposed_by, None, p.proposed_at, "credit", "proposal", p.id)
             for p in credit_rating.list_proposals(uow, ProposalStatus.PROPOSED)]
    return _mine_excluded(uow, me, "rating", items)


def _investigations(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    items = [InboxItem("credit", "investigation", i.id, _("Credit investigation to review"),
                       _("{code} · {customer}").format(code=i.customer_code, customer=i.customer_name),
                       i.opened_by, None, i.submitted_at, "credit", "investigation", i.id)
             for i in credit_investigation.list_investigations(uow, InvestigationStatus.SUBMITTED)]
    return _mine_excluded(uow, me, "investigation", items)


def _deferrals(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    items = [InboxItem("collections", "deferral", d.id, _("Deferred payment {number} to {date}").format(
        number=d.number, date=d.new_due_date.isoformat()),
        _("{code} · {customer}").format(code=d.customer_code, customer=d.customer_name),
        d.requested_by, d.amount, d.requested_at, "collections", "deferral", d.id)
        for d in deferrals.deferrals(uow, DeferralStatus.REQUESTED.value)]
    items = _mine_excluded(uow, me, "deferral", items)
    taken = _deferral_slots_taken(uow, [i.id for i in items]) if items else {}
    roles = {r.value for r in me.roles}
    out = []
    for i in items:
        try:  # the step it waits for is one of this user's: finance's check, the VP's, the GM's
            approval_slot(roles, taken.get(i.id, set()))
        except (ValidationError, StepOutOfTurn):
            continue
        out.append(i)
    return out


def _writeoffs(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    items = [InboxItem("collections", "writeoff", w.id, _("Bad-debt write-off {number}").format(number=w.number),
                       _("{code} · {customer}").format(code=w.customer_code, customer=w.customer_name),
                       w.submitted_by, w.amount, w.submitted_at, "collections", "writeoff", w.id)
             for w in writeoffs.writeoffs(uow, "submitted")]
    return _mine_excluded(uow, me, "writeoff", items)


def _liability_exemptions(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    items = [InboxItem("collections", "liability_exemption", d.fault_id or 0, _("Liability exemption: no fault"),
                       _("{number} · {customer}").format(number=d.doc_no, customer=d.customer_name),
                       d.recorded_by, d.proposed, d.since, "collections", "liability", d.receivable_id)
             for d in liability_faults.exemptions_awaiting(uow)]
    return _mine_excluded(uow, me, "liability_exemption", items)


def _plans(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    return [InboxItem("plans", "plan", p.id, _("Sales plan to approve"),
                      _("Sales plan {year}, revision {revision}").format(year=p.year, revision=p.revision),
                      p.prepared_by, p.total, p.submitted_at, "dashboard", "plan", p.id)
            for p in plans.plans_waiting(uow)]


def _sub_plans(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    out = []
    for p in sub_plans.sub_plans_waiting(uow):
        what = (_("Monthly plan {year}-{month:02d}") if p.level == "monthly"
                else _("Product plan {year}-{month:02d} {product}")).format(year=p.year, month=p.month,
                                                                            product=p.product)
        out.append(InboxItem("plans", "sub_plan", p.id, _("Plan to approve"), what, p.prepared_by, p.total,
                             p.submitted_at, "dashboard", "sub_plan", p.id))
    return out


def _policy(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    return [InboxItem("policy", "policy", r.id, _("Policy proposal to approve"),
                      _("{group}, in force from {day}").format(group=r.group, day=r.effective_from.isoformat()),
                      r.proposed_by, None, r.proposed_at, "dashboard", "policy", r.id)
            for r in policy.proposals_waiting_for_me(uow)]


def _price_lists(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    return [InboxItem("orders", "price_list", w.id, _(price_lists.STEP_LABELS[w.step]),
                      _("Price list version {n}").format(n=w.version), w.proposed_by, None, w.since,
                      "orders", "price_list", w.id)
            for w in price_lists.lists_waiting_for_me(uow)]


def _fault_records(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    """第19条3: a debt's proposed liability is final only once fault is recorded."""
    return [InboxItem("collections", "liability_fault", d.receivable_id, _("Liability: record fault or no fault"),
                      _("{number} · {customer}").format(number=d.doc_no, customer=d.customer_name), "",
                      d.proposed, datetime.combine(d.first_month, time()).astimezone(), "collections", "liability",
                      d.receivable_id)
            for d in liability_faults.debts_awaiting_fault(uow)]


def _quotations(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    """A quotation priced below the floor waits for the sales VP; it opens on its opportunity."""
    return [InboxItem("opportunities", "quotation", q.id, _("Quotation price below the floor"),
                      _("{number} · {customer}").format(number=q.number, customer=q.customer), q.rep, q.total,
                      q.since, "opportunities", "opportunity", q.opportunity_id)
            for q in quotations.quotations_waiting(uow)]


def _file_reviews(uow: UnitOfWork, me: Actor) -> list[InboxItem]:
    return [InboxItem("customers", "customer_review", f.id, _("New customer file to review"),
                      _("{code} · {customer}").format(code=f.code, customer=f.name), f.rep, None, f.created_at,
                      "customers", "customer", f.id) for f in _files_to_review(uow)]


# (the rights that decide it, the list)
SOURCES: tuple[tuple[frozenset[Perm], Callable[[UnitOfWork, Actor], list[InboxItem]]], ...] = (
    (EXPENSE_DECIDERS, _expenses),
    (frozenset(WORK_RIGHTS.values()), _orders),
    (frozenset({Perm.CREDIT_APPROVE_RATING}), _ratings),
    (frozenset({Perm.CREDIT_REVIEW_INVESTIGATION}), _investigations),
    (frozenset({Perm.DEFERRAL_APPROVE, Perm.DEFERRAL_CHECK}), _deferrals),
    (frozenset({Perm.WRITEOFF_APPROVE}), _writeoffs),
    (frozenset({Perm.LIABILITY_EXEMPT}), _liability_exemptions),
    (frozenset({Perm.PLAN_APPROVE}), _plans),
    (frozenset({Perm.PLAN_APPROVE_MONTHLY, Perm.PLAN_APPROVE_PRODUCT}), _sub_plans),
    (frozenset({Perm.PRICE_BELOW_FLOOR_APPROVE}), _quotations),
    (frozenset({Perm.CUSTOMER_REVIEW}), _file_reviews),
    (frozenset({Perm.POLICY_APPROVE}), _policy),
    (frozenset({Perm.PRICING_COST_CHECK, Perm.PRICING_SET, Perm.PRICING_APPROVE}), _price_lists),
    (frozenset({Perm.LIABILITY_RECORD_FAULT}), _fault_records),
)


def sort_oldest_first(items: Iterable[InboxItem]) -> list[InboxItem]:
    """Oldest first; an item without a date (a budget never submitted) after the dated ones."""
    return sorted(items, key=lambda i: (i.since is None, i.since.timestamp() if i.since else 0, i.key))


@service(Perm.DASHBOARD_VIEW, read_only=True)
def waiting_for_me(uow: UnitOfWork) -> list[InboxItem]:
    """Everything waiting for the user's decision, oldest first (see the module docstring).

    One read transaction, the user's roles read once: each module's own service joins it
    (UnitOfWork.reading) and checks its own right against them. Fifteen transactions, each
    reading the roles again, made it the slowest call with ten seats on one server."""
    me = current_actor(uow)
    found: list[InboxItem] = []
    for rights, source in SOURCES:
        if rights & me.permissions:
            found += source(uow, me)
    return sort_oldest_first(found)
