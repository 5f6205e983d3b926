"""What the rebates page, the statement and the export read: agreements with their tiers,
rebates with the shipments and returns behind each figure. Flat frozen rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.rebates import Tier, rate_text
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.records import data_fingerprint
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    DispatchReturn,
    Distributor,
    Rebate,
    RebateAgreement,
    RebateItem,
    RebateTier,
    Receivable,
    Shipment,
)
from sales_desk.services.collections.common import collection_settings, scope_to_actor
from sales_desk.services.collections.distributors import VIEWERS
from sales_desk.services.common.base import require_any, service, user_names
from sales_desk.services.customers.scope import business_today, visible_customer


@dataclass(frozen=True)
class AgreementRow:
    id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    basis: str
    period_kind: str
    valid_from: date
    valid_to: date
    status: str
    tiers: tuple[Tier, ...]
    note: str
    proposed_by: str
    decided_by: str
    decision_note: str

    @property
    def tiers_text(self) -> str:
        shown = (lambda v: money_str(v)) if self.basis == "amount" else (lambda v: f"{v:,}")  # noqa: E731
        return "; ".join(f"≥{shown(t.from_volume)}: {rate_text(t.rate_bp)}" for t in self.tiers)


@service(Perm.CUSTOMER_VIEW, read_only=True)
def agreements(uow: UnitOfWork, customer_id: int | None = None) -> list[AgreementRow]:
    """Rebate agreements (those waiting for a decision first), newest first."""
    require_any(uow, VIEWERS)
    q = (select(RebateAgreement, Customer.code, Customer.name)
         .join(Customer, Customer.id == RebateAgreement.customer_id))
    if customer_id is not None:
        q = q.where(RebateAgreement.customer_id == customer_id)
    rows = uow.session.execute(scope_to_actor(uow, q, RebateAgreement.customer_id)
                               .order_by(RebateAgreement.status != "proposed", RebateAgreement.id.desc())).all()
    ids = [a.id for a, *_r in rows]
    tiers: dict[int, list[Tier]] = {}
    if ids:
        for t in uow.session.scalars(select(RebateTier).where(RebateTier.agreement_id.in_(ids))
                                     .order_by(RebateTier.from_volume)):
            tiers.setdefault(t.agreement_id, []).append(Tier(t.from_volume, t.rate_bp))
    names = user_names(uow, [a.proposed_by_id for a, *_r in rows] + [a.decided_by_id for a, *_r in rows])
    return [AgreementRow(a.id, a.number, a.customer_id, code, name, a.basis, a.period_kind, a.valid_from,
                         a.valid_to, a.status, tuple(tiers.get(a.id, ())), a.note, names.get(a.proposed_by_id, ""),
                         names.get(a.decided_by_id or 0, ""), a.decision_note) for a, code, name in rows]


@dataclass(frozen=True)
class RebateRow:
    id: int
    number: str
    agreement_id: int
    agreement_number: str
    customer_id: int
    customer_code: str
    customer_name: str
    period_start: date
    period_end: date
    shipped_amount: int
    returned_amount: int
    shipped_qty: int
    returned_qty: int
    volume: int
    basis: str
    rate_bp: int
    amount: int
    status: str
    proposed_by: str
    decided_by: str
    decision_note: str
    paid_by: str
    paid_on: date | None
    credit_note: str


def _rows(uow: UnitOfWork, q) -> list[RebateRow]:  # noqa: ANN001 - a Select over the rebate's joins
    rows = uow.session.execute(q).all()
    names = user_names(uow, [x for r, *_n in rows for x in (r.proposed_by_id, r.decided_by_id, r.paid_by_id)])
    return [RebateRow(r.id, r.number, r.agreement_id, anum, r.customer_id, code, name, r.period_start,
                      r.period_end, r.shipped_amount, r.returned_amount, r.shipped_qty, r.returned_qty, r.volume,
                      basis, r.rate_bp, r.amount, r.status, names.get(r.proposed_by_id, ""),
                      names.get(r.decided_by_id or 0, ""), r.decision_note, names.get(r.paid_by_id or 0, ""),
                      r.paid_on, cn or "") for r, anum, basis, code, name, cn in rows]


def _query():  # noqa: ANN202
    return (select(Rebate, RebateAgreement.number, RebateAgreement.basis, Customer.code, Customer.name,
                   Receivable.doc_no)
            .join(RebateAgreement, RebateAgreement.id == Rebate.agreement_id)
            .join(Customer, Customer.id == Rebate.customer_id)
            .outerjoin(Receivable, Receivable.id == Rebate.credit_note_id))


@service(Perm.CUSTOMER_VIEW, read_only=True)
def rebates(uow: UnitOfWork, customer_id: int | None = None, status: str | None = None) -> list[RebateRow]:
    """Rebates (waiting for a decision, then to be paid, first), newest period first."""
    require_any(uow, VIEWERS)
    q = _query()
    if customer_id is not None:
        q = q.where(Rebate.customer_id == customer_id)
    if status:
        q = q.where(Rebate.status == status)
    order = (Rebate.status != "proposed", Rebate.status != "approved", Rebate.period_start.desc(), Rebate.id.desc())
    return _rows(uow, scope_to_actor(uow, q, Rebate.customer_id).order_by(*order))


@dataclass(frozen=True)
class ItemRow:
    moved_on: date
    shipment: str
    return_no: str  # empty for a shipment
    quantity: int
    amount: int


@dataclass(frozen=True)
class RebateStatement:
    """The printed rebate statement [返利结算单]: the figure and what is behind it."""

    rebate: RebateRow
    tiers: tuple[Tier, ...]
    period_kind: str
    items: tuple[ItemRow, ...]
    company: str
    currency: str
    territory: str
    distributor_agreement: str
    prepared_on: date

    @property
    def subject(self) -> str:
        return f"rebate:{self.rebate.id}"

    @property
    def fingerprint(self) -> str:
        return data_fingerprint(self, without=("prepared_on",))


def _detail(uow: UnitOfWork, rebate_id: int) -> RebateStatement:
    rows = _rows(uow, _query().where(Rebate.id == rebate_id))
    if not rows:
        raise NotFound(_("Rebate"), rebate_id)
    r = rows[0]
    visible_customer(uow, r.customer_id)
    items = uow.session.execute(
        select(RebateItem.moved_on, Shipment.number, DispatchReturn.number, RebateItem.quantity, RebateItem.amount)
        .join(Shipment, Shipment.id == RebateItem.shipment_id)
        .outerjoin(DispatchReturn, DispatchReturn.id == RebateItem.return_id)
        .where(RebateItem.rebate_id == rebate_id).order_by(RebateItem.moved_on, RebateItem.id)).all()
    a = uow.session.get(RebateAgreement, r.agreement_id)
    d = uow.session.scalar(select(Distributor).where(Distributor.customer_id == r.customer_id))
    tiers = tuple(Tier(t.from_volume, t.rate_bp) for t in uow.session.scalars(
        select(RebateTier).where(RebateTier.agreement_id == r.agreement_id).order_by(RebateTier.from_volume)))
    s = collection_settings(uow)
    return RebateStatement(r, tiers, a.period_kind if a else "", tuple(ItemRow(on, sn, rn or "", q, amt)
                                                                       for on, sn, rn, q, amt in items),
                           s.company, s.currency, d.territory if d else "", d.agreement_no if d else "",
                           business_today(uow))


@service(Perm.CUSTOMER_VIEW, read_only=True)
def rebate_statement(uow: UnitOfWork, rebate_id: int) -> RebateStatement:
    """One rebate with its tiers and the shipments and returns behind its figure."""
    require_any(uow, VIEWERS)
    return _detail(uow, rebate_id)


def statement_within(uow: UnitOfWork, rebate_id: int) -> RebateStatement:
    """`rebate_statement` inside the caller's transaction (the demo firm)."""
    return _detail(uow, rebate_id)

