"""Quotations [报价]: made from an opportunity at the price list in force on the quotation's date,
by the orders' own pricing rules (domain/orders/pricing.py, services/orders/price_lists.py):
above the ceiling refused, below the floor sent to the sales VP for approval as an order's
price would be, and printed (reports/opportunities/quotation.py, issued as a document of
record) only once every price stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import DomainError, NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.opportunities.stages import AlreadyClosed, Outcome
from sales_desk.domain.orders.contracts import line_amount, order_total
from sales_desk.domain.orders.pricing import check_line_price
from sales_desk.i18n import N_, _
from sales_desk.models import Customer, Opportunity, Product, Quotation, QuotationLine
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.opportunities.opportunities import NoCustomerYet
from sales_desk.services.opportunities.scope import editable_opportunity, visible_opportunity
from sales_desk.services.orders.price_lists import range_on

QUOTATION_PREFIX = "QT"
MAX_LINES = 200


class QuotationStatus(StrEnum):
    PENDING = "pending"  # a price below the floor waits for the sales VP
    APPROVED = "approved"  # every price stands: it may be printed
    REFUSED = "refused"
    ISSUED = "issued"

    @property
    def label(self) -> str:
        return _(QUOTATION_STATUS_LABELS[self])


QUOTATION_STATUS_LABELS = {
    QuotationStatus.PENDING: N_("Awaiting price approval"),
    QuotationStatus.APPROVED: N_("Ready to print"),
    QuotationStatus.REFUSED: N_("Price refused"),
    QuotationStatus.ISSUED: N_("Issued"),
}


@dataclass(frozen=True)
class QuoteLineInput:
    product_id: int
    quantity: int
    unit_price: int | None = None  # minor units; None: the list price in force


@dataclass(frozen=True)
class QuotableProduct:
    """An active product with its price range in force on a day (the price list's line, else
    its own range): what a quotation's line starts from."""

    id: int
    code: str
    name: str
    spec: str
    unit: str
    list_price: int
    floor: int
    ceiling: int


@service(Perm.OPPORTUNITY_VIEW, read_only=True)
def quotable_products(uow: UnitOfWork, on: date | None = None) -> list[QuotableProduct]:
    """The active products by code, each at the range in force on `on` (today when omitted),
    as make_quotation prices a line whose price is left to the list."""
    day = on or business_today(uow)
    out = []
    for p in uow.session.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.code)):
        rng = range_on(uow, p, day)
        out.append(QuotableProduct(p.id, p.code, p.name, p.spec, p.unit, rng.list_price, rng.floor, rng.ceiling))
    return out


class QuotationNotReady(DomainError):
    def __init__(self, number: str, status: QuotationStatus):
        super().__init__(_("Quotation {number} cannot be printed: {status}.").format(
            number=number, status=status.label.lower()))


class QuotationDecided(DomainError):
    def __init__(self, number: str):
        super().__init__(_("Quotation {number} does not wait for a price approval.").format(number=number))


def _lines(uow: UnitOfWork, items: Sequence[QuoteLineInput], on: date) -> list[QuotationLine]:
    if not items:
        raise ValidationError(_("Lines"), _("a quotation needs at least one line"))
    if len(items) > MAX_LINES:
        raise ValidationError(_("Lines"), _("at most {n} lines").format(n=MAX_LINES))
    products = {p.id: p for p in uow.session.scalars(select(Product).where(
        Product.id.in_({i.product_id for i in items})))}
    out = []
    for n, item in enumerate(items, start=1):
        p = products.get(item.product_id)
        if p is None or not p.active:
            raise ValidationError(_("Line {n}").format(n=n), _("not an active product"))
        rng = range_on(uow, p, on)
        price = rng.list_price if item.unit_price is None else item.unit_price
        try:
            below = check_line_price(price, rng)
            amount = line_amount(item.quantity, price)
        except ValidationError as e:
            raise ValidationError(_("Line {n}").format(n=n), str(e)) from None
        out.append(QuotationLine(line_no=n, product_id=p.id, quantity=item.quantity, unit_price=price,
                                 amount=amount, list_price=rng.list_price, floor_price=rng.floor,
                                 ceiling_price=rng.ceiling, below_floor=below))
    return out


def make_quotation(uow: UnitOfWork, opportunity_id: int, items: Sequence[QuoteLineInput],
                   valid_days: int = 30, note: str = "", quote_date: date | None = None) -> Quotation:
    """create_quotation's step in the caller's transaction."""
    o = editable_opportunity(uow, opportunity_id)
    if o.outcome != Outcome.OPEN:
        raise AlreadyClosed(o.number, Outcome(o.outcome))
    if o.customer_id is None:
        raise NoCustomerYet(o.number)
    if isinstance(valid_days, bool) or not isinstance(valid_days, int) or not 1 <= valid_days <= 365:
        raise ValidationError(_("Valid for"), _("1 to 365 days"))
    on = business_date(uow, quote_date, _("Quotation date"))
    lines = _lines(uow, items, on)
    below = any(ln.below_floor for ln in lines)
    q = Quotation(number=next_number(uow, QUOTATION_PREFIX, on), opportunity_id=o.id, customer_id=o.customer_id,
                  status=(QuotationStatus.PENDING if below else QuotationStatus.APPROVED).value, quote_date=on,
                  valid_until=on + timedelta(days=valid_days), total=order_total(ln.amount for ln in lines),
                  needs_price_approval=below, note=note.strip(), created_by_id=current_actor(uow).user_id,
                  created_at=uow.clock())
    uow.session.add(q)
    uow.session.flush()
    for ln in lines:
        ln.quotation_id = q.id
        uow.session.add(ln)
    uow.audit("quotation.create", "quotation", q.id, None,
              {"number": q.number, "opportunity": o.number, "total": q.total, "status": q.status,
               "lines": [{"product_id": ln.product_id, "quantity": ln.quantity, "unit_price": ln.unit_price,
                          "below_floor": ln.below_floor} for ln in lines]})
    return q


@service(Perm.OPPORTUNITY_EDIT)
def create_quotation(uow: UnitOfWork, opportunity_id: int, items: Sequence[QuoteLineInput], valid_days: int = 30,
                     note: str = "", quote_date: date | None = None) -> int:
    """A quotation at the prices in force; below a floor it waits for the sales VP."""
    q = make_quotation(uow, opportunity_id, items, valid_days, note, quote_date)
    uow.commit()
    return q.id


@service(Perm.PRICE_BELOW_FLOOR_APPROVE)
def decide_quotation(uow: UnitOfWork, quotation_id: int, approve: bool = True, note: str = "") -> None:
    """The sales VP approves (or refuses) a quotation's prices below the floor; never on a deal
    they work or a quotation they made."""
    q = uow.session.get(Quotation, quotation_id, with_for_update=True)
    if q is None:
        raise NotFound(_("Quotation"), quotation_id)
    o = visible_opportunity(uow, q.opportunity_id)
    actor = current_actor(uow)
    ensure_not_self_approval(q.created_by_id, actor.user_id, "quotation")
    ensure_not_self_approval(o.owner_id, actor.user_id, "quotation")
    if q.status != QuotationStatus.PENDING:
        raise QuotationDecided(q.number)
    if not approve and not note.strip():
        raise ValidationError(_("Note"), _("say why, so the rep can quote again"))
    q.status = (QuotationStatus.APPROVED if approve else QuotationStatus.REFUSED).value
    q.decided_by_id, q.decided_at, q.decision_note = actor.user_id, uow.clock(), note.strip()
    uow.audit("quotation.price", "quotation", q.id, {"status": "pending"},
              {"status": q.status, "approved": approve, "number": q.number, "note": q.decision_note,
               "total": q.total})
    uow.commit()


# -- the printed quotation ----------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteLineRow:
    line_no: int
    code: str
    name: str
    spec: str
    unit: str
    quantity: int
    unit_price: int
    amount: int
    below_floor: bool


@dataclass(frozen=True)
class QuotationDocument:
    company_name: str
    currency: str
    number: str
    status: QuotationStatus
    opportunity_number: str
    opportunity_title: str
    customer_code: str
    customer_name: str
    customer_address: str
    customer_language: str
    quote_date: date
    valid_until: date
    rep: str
    approved_by: str
    total: int
    note: str
    lines: tuple[QuoteLineRow, ...]


@service(Perm.OPPORTUNITY_VIEW)
def quotation_document(uow: UnitOfWork, quotation_id: int, for_print: bool = True) -> QuotationDocument:
    """What the printed quotation shows; `for_print` refuses one whose prices do not stand."""
    q = uow.session.get(Quotation, quotation_id)
    if q is None:
        raise NotFound(_("Quotation"), quotation_id)
    o = visible_opportunity(uow, q.opportunity_id)
    status = QuotationStatus(q.status)
    if for_print and status in (QuotationStatus.PENDING, QuotationStatus.REFUSED):
        raise QuotationNotReady(q.number, status)
    c = uow.session.get(Customer, q.customer_id)
    assert c is not None
    settings = load_settings(uow)
    names = user_names(uow, [o.owner_id, q.decided_by_id])
    rows = tuple(QuoteLineRow(ln.line_no, p.code, p.name, p.spec, p.unit, ln.quantity, ln.unit_price, ln.amount,
                              ln.below_floor) for ln, p in uow.session.execute(
        select(QuotationLine, Product).join(Product, Product.id == QuotationLine.product_id)
        .where(QuotationLine.quotation_id == q.id).order_by(QuotationLine.line_no)))
    return QuotationDocument(str(settings["company.name"]), str(settings["company.currency"]), q.number,
                             status, o.number, o.title, c.code, c.name, c.address, c.language, q.quote_date,
                             q.valid_until, names.get(o.owner_id, ""),
                             names.get(q.decided_by_id or 0, "") if q.needs_price_approval else "",
                             q.total, q.note, rows)


def note_issued(uow: UnitOfWork, quotation_id: int, document_number: str) -> None:
    """The quotation has gone out as this document of record (in the caller's transaction)."""
    q = uow.session.get(Quotation, quotation_id)
    if q is not None and q.status == QuotationStatus.APPROVED:
        q.status, q.issued_document = QuotationStatus.ISSUED.value, document_number
        uow.audit("quotation.issue", "quotation", q.id, {"status": "approved"},
                  {"status": "issued", "number": q.number, "document": document_number})


@service(Perm.OPPORTUNITY_VIEW)
def mark_quotation_issued(uow: UnitOfWork, quotation_id: int, document_number: str) -> None:
    note_issued(uow, quotation_id, document_number)
    uow.commit()


@dataclass(frozen=True)
class PendingQuotation:
    id: int
    number: str
    opportunity_number: str
    customer: str
    total: int
    rep: str
    opportunity_id: int = 0
    since: datetime | None = None  # made on


@service(Perm.PRICE_BELOW_FLOOR_APPROVE, read_only=True)
def quotations_waiting(uow: UnitOfWork) -> list[PendingQuotation]:
    """Quotations with prices below the floor waiting for the sales VP, oldest first; never
    one the user may not decide (decide_quotation's rule: one they made, or on a deal they
    own)."""
    me = current_actor(uow).user_id
    rows = uow.session.execute(
        select(Quotation, Opportunity.number, Opportunity.owner_id, Customer.code, Customer.name)
        .join(Opportunity, Opportunity.id == Quotation.opportunity_id)
        .join(Customer, Customer.id == Quotation.customer_id)
        .where(Quotation.status == QuotationStatus.PENDING.value, Quotation.created_by_id != me,
               Opportunity.owner_id != me).order_by(Quotation.id)).all()
    names = user_names(uow, {r[2] for r in rows})
    return [PendingQuotation(q.id, q.number, num, f"{code} {name}", q.total, names.get(owner, ""),
                             q.opportunity_id, q.created_at)
            for q, num, owner, code, name in rows]
