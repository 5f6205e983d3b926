"""Credit investigation [客户信用调查] (seed 001, 第5–8条).

The customer-service side opens an investigation, ticks the five-section checklist
(received, date, attachment, customer's stamp), enters the customer's figures,
writes the report and submits it; finance reviews it [财务部审核] and passes it or
returns it with a note. Only a passed investigation carries a rating proposal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import DomainError, NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.credit.checklist import (
    EDITABLE,
    ITEM_BY_KEY,
    ITEMS,
    InvestigationStatus,
    ItemState,
    Occasion,
    check_submittable,
    investigation_due,
    is_investigation_late,
)
from sales_desk.domain.credit.limits import FIGURE_LABELS
from sales_desk.i18n import N_, _
from sales_desk.models import CreditInvestigation, Customer, CustomerDocument, InvestigationItem
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.versions import ensure_current
from sales_desk.services.customers.scope import (
    business_today,
    require_any,
    user_names,
    visible_customer,
)

# Who reads investigations: the credit staff and customer-manager level.
READERS = (Perm.CREDIT_INVESTIGATE, Perm.CREDIT_REVIEW_INVESTIGATION, Perm.CREDIT_APPROVE_RATING,
           Perm.CREDIT_SET_LIMIT, Perm.CUSTOMER_CONFIDENTIAL)
UNFINISHED = (InvestigationStatus.OPEN, InvestigationStatus.SUBMITTED, InvestigationStatus.RETURNED)
# What moves the investigation's version (a checklist tick is a row of its own), and the
# words a stale save of the figures or the report names them by.
CHANGES = ("credit.investigation_figures", "credit.investigation_report", "credit.investigation_submit",
           "credit.investigation_review")
LABELS = {**FIGURE_LABELS, "report": N_("Investigation report"),
          "status": N_("Status"), "note": N_("Review note")}


@dataclass(frozen=True)
class CreditFigures:
    """The customer's figures (minor units; ratios in basis points), as stamped."""

    statement_date: date | None = None
    current_assets: int | None = None
    current_liabilities: int | None = None
    total_assets: int | None = None
    total_liabilities: int | None = None
    annual_revenue: int | None = None
    net_profit: int | None = None
    expected_annual_sales: int | None = None
    cost_rate_bp: int | None = None
    supply_share_bp: int | None = None
    supplier_count: int | None = None


FIGURE_FIELDS = tuple(f.name for f in fields(CreditFigures))


@dataclass(frozen=True)
class ItemRow:
    key: str
    section: str
    received: bool
    received_on: date | None
    document_id: int | None
    document_title: str
    stamped: bool
    note: str


@dataclass(frozen=True)
class InvestigationView:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    occasion: str
    status: str
    opened_by_id: int
    opened_by: str
    opened_at: datetime
    due_on: date
    late: bool
    report: str
    submitted_by_id: int | None
    submitted_by: str
    submitted_at: datetime | None
    reviewed_by_id: int | None
    reviewed_by: str
    reviewed_at: datetime | None
    review_note: str
    figures: CreditFigures
    items: tuple[ItemRow, ...]
    version: int = 1  # the investigation's: Save names it (domain/common/versions.py)


@dataclass(frozen=True)
class InvestigationRow:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    occasion: str
    status: str
    opened_by: str
    opened_at: datetime
    submitted_at: datetime | None
    due_on: date
    late: bool  # not submitted for review by its due date (第7条1)


def local_day(at: datetime | None) -> date | None:
    return None if at is None else at.astimezone().date()


def late(inv: CreditInvestigation, today: date) -> bool:
    return is_investigation_late(inv.status, inv.due_on, local_day(inv.submitted_at), today)


def investigation_days(uow: UnitOfWork) -> int:
    return int(load_settings(uow)["credit.investigation_days"])  # type: ignore[call-overload]


def figures_of(inv: CreditInvestigation) -> CreditFigures:
    return CreditFigures(**{f: getattr(inv, f) for f in FIGURE_FIELDS})


def _load(uow: UnitOfWork, investigation_id: int) -> tuple[CreditInvestigation, Customer]:
    inv = uow.session.get(CreditInvestigation, investigation_id)
    if inv is None:
        raise NotFound(_("Investigation"), investigation_id)
    return inv, visible_customer(uow, inv.customer_id)


def _current(uow: UnitOfWork, inv: CreditInvestigation, c: Customer, version: int | None) -> None:
    """Refuse a save over a newer version than the form loaded, naming who changed what."""
    ensure_current(uow, "customer", c.id, _("Investigation"), str(inv.id), version, inv.version, LABELS,
                   only_labelled=True, moved_only=True, part=("investigation_id", inv.id), actions=CHANGES)


def _committed(uow: UnitOfWork, inv: CreditInvestigation) -> int:
    uow.session.flush()
    version = inv.version
    uow.commit()
    return version


def _editable(inv: CreditInvestigation) -> None:
    if InvestigationStatus(inv.status) not in EDITABLE:
        raise DomainError(_("This investigation has been submitted; finance must return it first."))


def _items(uow: UnitOfWork, inv: CreditInvestigation) -> list[InvestigationItem]:
    return list(uow.session.scalars(
        select(InvestigationItem).where(InvestigationItem.investigation_id == inv.id)
        .order_by(InvestigationItem.id)))


@service(Perm.CREDIT_INVESTIGATE)
def open_investigation(uow: UnitOfWork, customer_id: int, occasion: Occasion = Occasion.ANNUAL) -> int:
    """Start an investigation with every checklist item not yet received; one at a time. It is
    due for review `credit.investigation_days` days after today [在规定时间内递交审核]."""
    c = visible_customer(uow, customer_id)
    occasion = Occasion(occasion)
    running = uow.session.scalar(select(CreditInvestigation.id).where(
        CreditInvestigation.customer_id == c.id,
        CreditInvestigation.status.in_([s.value for s in UNFINISHED])))
    if running is not None:
        raise DomainError(_("Investigation {id} of this customer is still under way.").format(id=running))
    actor = current_actor(uow)
    due_on = investigation_due(business_today(uow), investigation_days(uow))
    inv = CreditInvestigation(customer_id=c.id, occasion=occasion.value,
                              status=InvestigationStatus.OPEN.value, opened_by_id=actor.user_id,
                              opened_at=uow.clock(), due_on=due_on, report="", review_note="")
    uow.session.add(inv)
    uow.session.flush()
    for item in ITEMS:
        uow.session.add(InvestigationItem(investigation_id=inv.id, item_key=item.key, received=False,
                                          stamped=False, note=""))
    uow.audit("credit.investigation_open", "customer", c.id, None,
              {"investigation_id": inv.id, "occasion": occasion.value, "due_on": due_on})
    uow.commit()
    return inv.id


@service(Perm.CREDIT_INVESTIGATE)
def record_item(uow: UnitOfWork, investigation_id: int, item_key: str, received: bool,
                received_on: date | None = None, stamped: bool = False, document_id: int | None = None,
                note: str = "") -> None:
    """Tick one checklist item: received (on a date), its attachment, stamped by the customer."""
    inv, c = _load(uow, investigation_id)
    _editable(inv)
    if item_key not in ITEM_BY_KEY:
        raise ValidationError(_("Checklist item"), _("unknown item {key}").format(key=item_key))
    label = _(ITEM_BY_KEY[item_key].label)
    if not received and (stamped or document_id is not None):
        raise ValidationError(label, _("not received: it can be neither stamped nor attached"))
    if received:
        received_on = received_on or business_today(uow)
        if received_on > business_today(uow):
            raise ValidationError(label, _("must not lie in the future"))
    else:
        received_on = None
    if document_id is not None:
        doc = uow.session.get(CustomerDocument, document_id)
        if doc is None or doc.customer_id != c.id:
            raise ValidationError(label, _("attach a document of this customer"))
    row = uow.session.scalar(select(InvestigationItem).where(
        InvestigationItem.investigation_id == inv.id, InvestigationItem.item_key == item_key))
    assert row is not None, "every item is created with the investigation"
    before = {"received": row.received, "received_on": row.received_on, "stamped": row.stamped,
              "document_id": row.document_id}
    row.received, row.received_on, row.stamped = received, received_on, stamped
    row.document_id, row.note = document_id, note.strip()
    uow.audit("credit.investigation_item", "customer", c.id, {"investigation_id": inv.id,
              "item": item_key, **before},
              {"investigation_id": inv.id, "item": item_key, "received": received,
               "received_on": received_on, "stamped": stamped, "document_id": document_id})
    uow.commit()


@service(Perm.CREDIT_INVESTIGATE)
def set_figures(uow: UnitOfWork, investigation_id: int, figures: CreditFigures, version: int | None = None) -> int:
    """`version`: the one the form loaded (InvestigationView.version); a newer one refuses the
    save, naming who changed what since. Returns the version the investigation is at now."""
    inv, c = _load(uow, investigation_id)
    _current(uow, inv, c, version)
    _editable(inv)
    for name, value in asdict(figures).items():
        if name == "statement_date":
            continue
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError(_(FIGURE_LABELS[name]), _("not a valid value"))
    for name in ("current_assets", "current_liabilities", "total_assets", "total_liabilities"):
        v = getattr(figures, name)
        if v is not None and v < 0:
            raise ValidationError(_(FIGURE_LABELS[name]), _("must not be negative"))
    for name in ("cost_rate_bp", "supply_share_bp"):
        v = getattr(figures, name)
        if v is not None and not 0 <= v <= 10_000:
            raise ValidationError(_(FIGURE_LABELS[name]), _("a share between 0 % and 100 %"))
    if figures.supplier_count is not None and figures.supplier_count < 1:
        label = FIGURE_LABELS["supplier_count"]  # a msgid (a literal inside _() would be extracted)
        raise ValidationError(_(label), _("at least 1"))
    before = asdict(figures_of(inv))
    for name, value in asdict(figures).items():
        setattr(inv, name, value)
    uow.audit("credit.investigation_figures", "customer", c.id, {"investigation_id": inv.id, **before},
              {"investigation_id": inv.id, **asdict(figures)})
    return _committed(uow, inv)


@service(Perm.CREDIT_INVESTIGATE)
def write_report(uow: UnitOfWork, investigation_id: int, report: str, version: int | None = None) -> int:
    """The investigation report [客户信用调查报告]: facts and figures, not impressions.
    `version` as set_figures'; returns the version the investigation is at now."""
    inv, c = _load(uow, investigation_id)
    _current(uow, inv, c, version)
    _editable(inv)
    before = inv.report
    inv.report = report.strip()
    uow.audit("credit.investigation_report", "customer", c.id,
              {"investigation_id": inv.id, "report": before}, {"investigation_id": inv.id, "report": inv.report})
    return _committed(uow, inv)


@service(Perm.CREDIT_INVESTIGATE)
def submit_investigation(uow: UnitOfWork, investigation_id: int, version: int | None = None) -> None:
    """Hand the report to finance [递交审核]: written, and every received item stamped;
    `version` as set_figures' (the figures and report being handed are the ones seen)."""
    inv, c = _load(uow, investigation_id)
    _current(uow, inv, c, version)
    _editable(inv)
    check_submittable(inv.report, [ItemState(i.item_key, i.received, i.stamped) for i in _items(uow, inv)])
    before = inv.status
    was_late = late(inv, business_today(uow))
    inv.status = InvestigationStatus.SUBMITTED.value
    inv.submitted_by_id, inv.submitted_at = current_actor(uow).user_id, uow.clock()
    uow.audit("credit.investigation_submit", "customer", c.id,
              {"investigation_id": inv.id, "status": before},
              {"investigation_id": inv.id, "status": inv.status, "due_on": inv.due_on, "late": was_late})
    uow.commit()


@service(Perm.CREDIT_REVIEW_INVESTIGATION)
def review_investigation(uow: UnitOfWork, investigation_id: int, passed: bool, note: str = "") -> None:
    """Finance checks the report and the documents; never the person who investigated."""
    inv, c = _load(uow, investigation_id)
    if inv.status != InvestigationStatus.SUBMITTED.value:
        raise DomainError(_("Only a submitted investigation can be reviewed."))
    actor = current_actor(uow)
    ensure_not_self_approval(inv.submitted_by_id, actor.user_id, "investigation")
    ensure_not_self_approval(inv.opened_by_id, actor.user_id, "investigation")
    if not passed and not note.strip():
        raise ValidationError(_("Review note"), _("say what must be corrected"))
    inv.status = (InvestigationStatus.REVIEWED if passed else InvestigationStatus.RETURNED).value
    inv.reviewed_by_id, inv.reviewed_at, inv.review_note = actor.user_id, uow.clock(), note.strip()
    uow.audit("credit.investigation_review", "customer", c.id,
              {"investigation_id": inv.id, "status": InvestigationStatus.SUBMITTED.value},
              {"investigation_id": inv.id, "status": inv.status, "note": inv.review_note})
    uow.commit()


def investigation_view(uow: UnitOfWork, inv: CreditInvestigation, c: Customer) -> InvestigationView:
    items = _items(uow, inv)
    doc_ids = {i.document_id for i in items if i.document_id}
    titles = dict(uow.session.execute(
        select(CustomerDocument.id, CustomerDocument.title).where(CustomerDocument.id.in_(doc_ids))).all()
    ) if doc_ids else {}
    names = user_names(uow, [inv.opened_by_id, inv.submitted_by_id, inv.reviewed_by_id])
    return InvestigationView(
        inv.id, c.id, c.code, c.name, inv.occasion, inv.status, inv.opened_by_id,
        names.get(inv.opened_by_id, ""), inv.opened_at, inv.due_on, late(inv, business_today(uow)), inv.report, inv.submitted_by_id,
        names.get(inv.submitted_by_id or 0, ""), inv.submitted_at, inv.reviewed_by_id,
        names.get(inv.reviewed_by_id or 0, ""), inv.reviewed_at, inv.review_note, figures_of(inv),
        tuple(ItemRow(i.item_key, ITEM_BY_KEY[i.item_key].section, i.received, i.received_on,
                      i.document_id, titles.get(i.document_id, ""), i.stamped, i.note)
              for i in items if i.item_key in ITEM_BY_KEY), inv.version)


@service(LOGGED_IN, read_only=True)
def get_investigation(uow: UnitOfWork, investigation_id: int) -> InvestigationView:
    require_any(uow, READERS)
    inv, c = _load(uow, investigation_id)
    return investigation_view(uow, inv, c)


@service(LOGGED_IN, read_only=True)
def list_investigations(uow: UnitOfWork, status: InvestigationStatus | None = None,
                        customer_id: int | None = None, limit: int = 500,
                        late_only: bool = False) -> list[InvestigationRow]:
    """Work queues: open and returned ones for the specialist, submitted ones for finance;
    `late_only`: those not submitted for review by their due date, oldest due first."""
    require_any(uow, READERS)
    today = business_today(uow)
    q = (select(CreditInvestigation, Customer.code, Customer.name)
         .join(Customer, Customer.id == CreditInvestigation.customer_id)
         .order_by(CreditInvestigation.id.desc()).limit(limit))
    if late_only:
        q = q.where(late_candidates(today)).order_by(None).order_by(
            CreditInvestigation.due_on, CreditInvestigation.id)
    if status is not None:
        q = q.where(CreditInvestigation.status == InvestigationStatus(status).value)
    if customer_id is not None:
        q = q.where(CreditInvestigation.customer_id == visible_customer(uow, customer_id).id)
    return _rows(uow, [r for r in uow.session.execute(q).all() if not late_only or late(r[0], today)], today)


def late_candidates(today: date) -> ColumnElement[bool]:
    """Unfinished (open or returned) and due before today: the few rows among which
    `late` picks the ones not submitted by their due date."""
    inv = CreditInvestigation
    return and_(inv.status.in_([s.value for s in EDITABLE]), inv.due_on < today)


def late_investigations(uow: UnitOfWork, rep_id: int | None = None) -> list[InvestigationRow]:
    """Inside another service (the dashboard's warning): every investigation not submitted
    for review by its due date, oldest due first; `rep_id`: of that rep's customers only."""
    today = business_today(uow)
    q = (select(CreditInvestigation, Customer.code, Customer.name)
         .join(Customer, Customer.id == CreditInvestigation.customer_id)
         .where(late_candidates(today)).order_by(CreditInvestigation.due_on, CreditInvestigation.id))
    if rep_id is not None:
        q = q.where(Customer.rep_id == rep_id)
    return _rows(uow, [r for r in uow.session.execute(q).all() if late(r[0], today)], today)


def _rows(uow: UnitOfWork, rows: list, today: date) -> list[InvestigationRow]:
    names = user_names(uow, [i.opened_by_id for i, _c, _n in rows])
    return [InvestigationRow(i.id, i.customer_id, code, name, i.occasion, i.status,
                             names.get(i.opened_by_id, ""), i.opened_at, i.submitted_at, i.due_on, late(i, today))
            for i, code, name in rows]
