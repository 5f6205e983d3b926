"""Step 6 of the ladder, the lawsuit [起诉] (seed 001 销售回款管理制度 第10条 5–6):
prepared once the lawyer's letter's deadline has passed unpaid, with the evidence
checklist the rep gathers [资料与证据]; filed by the sales manager only when the
required evidence is in (that is the ladder's step 6); its outcome recorded. An
unrecoverable outcome opens the way to the bad-debt write-off (services/collections/writeoffs.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.dunning import (
    EVIDENCE_LABELS,
    DeadlineNotPassed,
    Evidence,
    LawsuitOutcome,
    Step,
    StepOutOfOrder,
    check_evidence,
    next_step,
)
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Lawsuit, LawsuitEvidence
from sales_desk.services.collections.dunning import add_step
from sales_desk.services.collections.ladder import ladder_state
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.customers.scope import (
    business_today,
    lock_customer,
    user_names,
    visible_customer,
)

LAWSUIT_PREFIX = "LS"


def _prepare(uow: UnitOfWork, customer_id: int, on: date | None = None, court: str = "") -> Lawsuit:
    c = lock_customer(uow, visible_customer(uow, customer_id).id)
    day = business_date(uow, on, _("Date"))
    state, cyc = ladder_state(uow, c, business_today(uow))
    nxt = next_step(state)
    if nxt is None or nxt.step is not Step.LAWSUIT:
        raise StepOutOfOrder(Step.LAWSUIT, state, nxt)
    if uow.session.scalar(select(Lawsuit.id).where(Lawsuit.customer_id == c.id, Lawsuit.cycle == cyc.number)):
        raise ValidationError(_("Lawsuit"), _("already being prepared for this customer"))
    suit = Lawsuit(number=next_number(uow, LAWSUIT_PREFIX, day), customer_id=c.id, cycle=cyc.number,
                   status="preparing", claim_amount=state.overdue_amount, court=court.strip()[:200],
                   opened_on=day, opened_by_id=current_actor(uow).user_id, created_at=uow.clock())
    uow.session.add(suit)
    uow.session.flush()
    for item in Evidence:
        uow.session.add(LawsuitEvidence(lawsuit_id=suit.id, item=item.value, required=EVIDENCE_LABELS[item][2]))
    uow.audit("lawsuit.prepare", "lawsuit", suit.id, None,
              {"number": suit.number, "customer": c.code, "claim": suit.claim_amount, "opened_on": day})
    return suit


@service(Perm.DUNNING_OVERSEE)
def prepare_lawsuit(uow: UnitOfWork, customer_id: int, on: date | None = None, court: str = "") -> int:
    """Open the lawsuit file with its evidence checklist (the lawyer's letter went unpaid)."""
    suit = _prepare(uow, customer_id, on, court)
    uow.commit()
    return suit.id


def _lawsuit(uow: UnitOfWork, lawsuit_id: int) -> Lawsuit:
    suit = uow.session.get(Lawsuit, lawsuit_id)
    if suit is None:
        raise NotFound(_("Lawsuit"), lawsuit_id)
    visible_customer(uow, suit.customer_id)
    return suit


def _evidence(uow: UnitOfWork, lawsuit_id: int, item: str, received: bool, note: str = "",
              on: date | None = None) -> None:
    suit = _lawsuit(uow, lawsuit_id)
    row = uow.session.scalar(select(LawsuitEvidence).where(LawsuitEvidence.lawsuit_id == suit.id,
                                                           LawsuitEvidence.item == Evidence(item).value))
    assert row is not None
    before = {"received": row.received, "note": row.note}
    row.received = received
    row.received_on = business_date(uow, on, _("Date")) if received else None
    row.note = note.strip()
    row.updated_by_id, row.updated_at = current_actor(uow).user_id, uow.clock()
    uow.audit("lawsuit.evidence", "lawsuit", suit.id, before,
              {"item": item, "received": received, "note": row.note})


@service(Perm.DUNNING_RUN)
def record_evidence(uow: UnitOfWork, lawsuit_id: int, item: str, received: bool, note: str = "",
                    on: date | None = None) -> None:
    """Tick (or untick) an item of the evidence checklist."""
    _evidence(uow, lawsuit_id, item, received, note, on)
    uow.commit()


def _file(uow: UnitOfWork, lawsuit_id: int, filed_on: date | None, court: str, case_no: str) -> Lawsuit:
    suit = _lawsuit(uow, lawsuit_id)
    c = lock_customer(uow, suit.customer_id)
    if suit.status != "preparing":
        raise ValidationError(_("Lawsuit"), _("already filed"))
    check_evidence({Evidence(e.item) for e in uow.session.scalars(
        select(LawsuitEvidence).where(LawsuitEvidence.lawsuit_id == suit.id, LawsuitEvidence.received))})
    day = business_date(uow, filed_on, _("Filed on"))
    state, cyc = ladder_state(uow, c, business_today(uow))
    nxt = next_step(state)
    if nxt is None or nxt.step is not Step.LAWSUIT or cyc.number != suit.cycle:
        raise StepOutOfOrder(Step.LAWSUIT, state, nxt)
    if state.deadline is not None and day <= state.deadline:
        raise DeadlineNotPassed(Step.LAWSUIT, state.deadline)
    if not court.strip() and not suit.court:
        raise ValidationError(_("Court"), _("name the court the case is filed with"))
    suit.status, suit.filed_on, suit.filed_by_id = "filed", day, current_actor(uow).user_id
    suit.court = court.strip()[:200] or suit.court
    suit.case_no = case_no.strip()[:64]
    add_step(uow, c, cyc, Step.LAWSUIT, day, note=_("{court}, case {case}").format(
        court=suit.court, case=suit.case_no or "—"))
    uow.audit("lawsuit.file", "lawsuit", suit.id, None,
              {"number": suit.number, "customer": c.code, "filed_on": day, "court": suit.court,
               "case_no": suit.case_no})
    return suit


@service(Perm.DUNNING_OVERSEE)
def file_lawsuit(uow: UnitOfWork, lawsuit_id: int, filed_on: date | None = None, court: str = "",
                 case_no: str = "") -> None:
    """File the case (step 6): the required evidence must be in."""
    _file(uow, lawsuit_id, filed_on, court, case_no)
    uow.commit()


def _outcome(uow: UnitOfWork, lawsuit_id: int, outcome: str, on: date | None, note: str) -> Lawsuit:
    suit = _lawsuit(uow, lawsuit_id)
    if suit.status != "filed":
        raise ValidationError(_("Lawsuit"), _("only a filed case has an outcome"))
    result = LawsuitOutcome(outcome)
    day = business_date(uow, on, _("Date"))
    if suit.filed_on and day < suit.filed_on:
        raise ValidationError(_("Date"), _("must not lie before the filing"))
    suit.status, suit.outcome, suit.outcome_on = "closed", result.value, day
    suit.outcome_note, suit.closed_by_id = note.strip(), current_actor(uow).user_id
    uow.audit("lawsuit.outcome", "lawsuit", suit.id, None,
              {"number": suit.number, "outcome": result.value, "on": day, "note": suit.outcome_note})
    return suit


@service(Perm.DUNNING_OVERSEE)
def record_outcome(uow: UnitOfWork, lawsuit_id: int, outcome: str, on: date | None = None,
                   note: str = "") -> None:
    """The court's outcome: collected, settled (payments to come) or unrecoverable."""
    _outcome(uow, lawsuit_id, outcome, on, note)
    uow.commit()


@dataclass(frozen=True)
class EvidenceRow:
    item: str  # domain.dunning.Evidence
    required: bool
    received: bool
    received_on: date | None
    note: str


@dataclass(frozen=True)
class LawsuitView:
    id: int
    number: str
    customer_id: int
    status: str
    claim_amount: int
    court: str
    case_no: str
    opened_on: date
    opened_by: str
    filed_on: date | None
    outcome: str
    outcome_on: date | None
    outcome_note: str
    evidence: tuple[EvidenceRow, ...]
    ready_to_file: bool


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def customer_lawsuits(uow: UnitOfWork, customer_id: int) -> list[LawsuitView]:
    """The customer's lawsuits, newest first, with their evidence checklists."""
    c = visible_customer(uow, customer_id)
    suits = list(uow.session.scalars(select(Lawsuit).where(Lawsuit.customer_id == c.id)
                                     .order_by(Lawsuit.id.desc())))
    names = user_names(uow, [s.opened_by_id for s in suits])
    out = []
    for s in suits:
        ev = tuple(EvidenceRow(e.item, e.required, e.received, e.received_on, e.note) for e in uow.session.scalars(
            select(LawsuitEvidence).where(LawsuitEvidence.lawsuit_id == s.id).order_by(LawsuitEvidence.id)))
        ready = all(e.received for e in ev if e.required)
        out.append(LawsuitView(s.id, s.number, s.customer_id, s.status, s.claim_amount, s.court, s.case_no,
                               s.opened_on, names.get(s.opened_by_id, ""), s.filed_on, s.outcome, s.outcome_on,
                               s.outcome_note, ev, ready and s.status == "preparing"))
    return out
