"""Plain data for the printed credit forms: the credit evaluation sheet
[客户信用调查评定表] and the rating report [信用评级报告] (reports/credit/).

One frozen dossier feeds both: customer block, checklist, figures, report and
review, scorecard, grade, terms, signatures, and the rating history. Printing is
audited: the sheet carries the customer's confidential figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.credit.rating import ScoreLine
from sales_desk.i18n import _
from sales_desk.models import (
    CreditInvestigation,
    CreditLimitDecision,
    CreditRating,
    Customer,
    RatingProposal,
)
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, service
from sales_desk.services.credit.investigation import (
    READERS,
    CreditFigures,
    figures_of,
    investigation_view,
)
from sales_desk.services.credit.position import active_hold
from sales_desk.services.credit.rating import ProposalStatus, proposal_view
from sales_desk.services.customers.scope import require_any, user_names, visible_customer


@dataclass(frozen=True)
class Signature:
    name: str
    on: date | None


@dataclass(frozen=True)
class DossierCustomer:
    code: str
    name: str
    address: str
    phone: str
    legal_representative: str
    registration_no: str
    region: str  # codes: the report prints their labels
    industry: str
    nature: str
    customer_type: str
    founded_on: date | None
    trading_since: date | None
    registered_capital: int | None
    staff_count: int | None
    rep_name: str


@dataclass(frozen=True)
class DossierItem:
    section: str
    key: str
    received: bool
    received_on: date | None
    attachment: str
    stamped: bool
    note: str


@dataclass(frozen=True)
class DossierLine:
    dimension: str
    indicator: str
    weight: int
    rating: int
    points: Decimal


@dataclass(frozen=True)
class HistoryEntry:
    rated_on: date
    grade: str
    score: Decimal  # exact: 84.99
    approved_by: str


@dataclass(frozen=True)
class CreditDossier:
    company_name: str
    currency: str
    printed_at: datetime
    customer: DossierCustomer
    investigation_id: int | None
    occasion: str
    investigation_status: str
    report: str
    review_note: str
    figures: CreditFigures
    items: tuple[DossierItem, ...]
    proposal_id: int | None
    proposal_status: str
    summary: str
    lines: tuple[DossierLine, ...]
    total_score: Decimal | None  # exact: the grade is read from it as it is
    grade: str | None
    proposed_limit: int | None
    proposed_term_days: int | None
    limit: int
    term_days: int | None
    payment_mode: str
    limit_method: str
    limit_reasons: str
    limit_set_by: Signature
    on_hold: bool
    investigator: Signature
    proposer: Signature
    reviewer: Signature
    approver: Signature
    history: tuple[HistoryEntry, ...]
    grade_bands: tuple[int, int, int]  # lowest score of A, B, C


def _day(t: datetime | None) -> date | None:
    return t.astimezone().date() if t else None


def _pick_investigation(uow: UnitOfWork, c: Customer, investigation_id: int | None) -> CreditInvestigation | None:
    if investigation_id is not None:
        inv = uow.session.get(CreditInvestigation, investigation_id)
        if inv is None or inv.customer_id != c.id:
            raise NotFound(_("Investigation"), investigation_id)
        return inv
    return uow.session.scalar(select(CreditInvestigation).where(CreditInvestigation.customer_id == c.id)
                              .order_by(CreditInvestigation.id.desc()).limit(1))


def _pick_proposal(uow: UnitOfWork, inv: CreditInvestigation | None) -> RatingProposal | None:
    if inv is None:
        return None
    proposals = list(uow.session.scalars(select(RatingProposal).where(
        RatingProposal.investigation_id == inv.id).order_by(RatingProposal.id.desc())))
    approved = [p for p in proposals if p.status == ProposalStatus.APPROVED]
    return (approved or proposals or [None])[0]


@service(LOGGED_IN)
def credit_dossier(uow: UnitOfWork, customer_id: int, investigation_id: int | None = None) -> CreditDossier:
    """Everything the two forms print, for the latest investigation or the one given."""
    require_any(uow, READERS)
    c = visible_customer(uow, customer_id)
    settings = load_settings(uow)
    inv = _pick_investigation(uow, c, investigation_id)
    iv = investigation_view(uow, inv, c) if inv else None
    p = _pick_proposal(uow, inv)
    pv = proposal_view(uow, p, c) if p else None
    decision = uow.session.scalar(select(CreditLimitDecision).where(CreditLimitDecision.customer_id == c.id)
                                  .order_by(CreditLimitDecision.id.desc()).limit(1))
    ratings = list(uow.session.scalars(select(CreditRating).where(CreditRating.customer_id == c.id)
                                       .order_by(CreditRating.rated_on.desc(), CreditRating.id.desc())))
    names = user_names(uow, [c.rep_id, decision.set_by_id if decision else None]
                       + [r.approved_by_id for r in ratings])
    approved = pv is not None and pv.status == ProposalStatus.APPROVED
    dossier = CreditDossier(
        company_name=str(settings["company.name"]), currency=str(settings["company.currency"]),
        printed_at=uow.clock(),
        customer=DossierCustomer(
            c.code, c.name, c.address, c.phone, c.legal_representative, c.registration_no, c.region,
            c.industry, c.nature, c.customer_type, c.founded_on, c.trading_since, c.registered_capital,
            c.staff_count, names.get(c.rep_id or 0, "")),
        investigation_id=iv.id if iv else None, occasion=iv.occasion if iv else "",
        investigation_status=iv.status if iv else "", report=iv.report if iv else "",
        review_note=iv.review_note if iv else "",
        figures=figures_of(inv) if inv else CreditFigures(),
        items=tuple(DossierItem(i.section, i.key, i.received, i.received_on, i.document_title, i.stamped,
                                i.note) for i in (iv.items if iv else ())),
        proposal_id=pv.id if pv else None, proposal_status=pv.status if pv else "",
        summary=pv.summary if pv else "",
        lines=tuple(DossierLine(ln.dimension, ln.indicator, ln.weight, ln.rating,
                                ScoreLine(ln.indicator, ln.weight, ln.rating).points)
                    for ln in (pv.lines if pv else ())),
        total_score=pv.total_score if pv else None, grade=pv.grade if pv else c.credit_grade,
        proposed_limit=pv.proposed_limit if pv else None,
        proposed_term_days=pv.proposed_term_days if pv else None,
        limit=c.credit_limit, term_days=c.payment_term_days, payment_mode=c.payment_mode,
        limit_method=decision.method if decision else "", limit_reasons=decision.reasons if decision else "",
        limit_set_by=Signature(names.get(decision.set_by_id, "") if decision else "",
                               _day(decision.set_at) if decision else None),
        on_hold=active_hold(uow, c.id) is not None,
        investigator=Signature(iv.submitted_by or iv.opened_by, _day(iv.submitted_at or iv.opened_at))
        if iv else Signature("", None),
        proposer=Signature(pv.proposed_by, _day(pv.proposed_at)) if pv else Signature("", None),
        reviewer=Signature(iv.reviewed_by, _day(iv.reviewed_at)) if iv else Signature("", None),
        approver=Signature(pv.decided_by, _day(pv.decided_at)) if approved and pv else Signature("", None),
        history=tuple(HistoryEntry(r.rated_on, r.grade, r.score, names.get(r.approved_by_id, ""))
                      for r in ratings),
        grade_bands=(int(settings["credit.grade_a_min"]), int(settings["credit.grade_b_min"]),  # type: ignore[call-overload]
                     int(settings["credit.grade_c_min"])),  # type: ignore[call-overload]
    )
    uow.audit("credit.print", "customer", c.id, None,
              {"investigation_id": dossier.investigation_id, "proposal_id": dossier.proposal_id})
    uow.commit()
    return dossier
