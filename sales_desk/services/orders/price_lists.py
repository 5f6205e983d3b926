"""Price lists in versions [产品定价管理流程] (domain/orders/price_lists.py): the sales manager
proposes (pricing.propose), finance checks the costs (pricing.cost_check), the sales VP
reviews (pricing.set), the general manager approves (pricing.approve); a returned list is
corrected and resubmitted by its proposer (pricing.propose). Every step audited.

`range_on` is what order entry prices a line by: the range of the list in force on the
order's date; a product no approved list names keeps the range it was created with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.price_lists import (
    STEP_FROM,
    STEP_TO,
    PriceLine,
    PriceListStatus,
    PriceStep,
    check_costs,
    check_proposal,
    ensure_new_decider,
    ensure_resubmittable,
    ensure_step,
    margin_percent,
)
from sales_desk.domain.orders.pricing import PriceRange
from sales_desk.i18n import N_, _
from sales_desk.models import PriceList, PriceListLine, Product
from sales_desk.services.common.base import (
    LOGGED_IN,
    business_today,
    current_actor,
    require_any,
    service,
)
from sales_desk.services.common.versions import ensure_current
from sales_desk.services.customers.scope import user_names

READERS = (Perm.PRICING_PROPOSE, Perm.PRICING_COST_CHECK, Perm.PRICING_SET, Perm.PRICING_APPROVE,
           Perm.ORDER_VIEW)
# A list's audit rows by the page's words: a stale resubmission names what moved since.
LABELS = {"status": N_("Status"), "effective_from": N_("Effective from"), "reason": N_("Reason"),
          "lines": N_("Prices"), "costs": N_("Unit costs"), "note": N_("Note")}


@dataclass(frozen=True)
class PriceListLineRow:
    product_id: int
    code: str
    name: str
    unit: str
    list_price: int
    floor: int
    ceiling: int
    unit_cost: int | None
    margin: Decimal | None  # at the list price, percent


@dataclass(frozen=True)
class PriceListRow:
    id: int
    version: int
    status: str
    effective_from: date
    reason: str
    proposed_by: str
    proposed_at: datetime
    cost_checked_by: str
    cost_checked_at: datetime | None
    cost_note: str
    reviewed_by: str
    reviewed_at: datetime | None
    review_note: str
    approved_by: str
    approved_at: datetime | None
    returned_by: str
    returned_at: datetime | None
    return_note: str
    in_force: bool  # the list orders dated today are priced by
    lines: tuple[PriceListLineRow, ...]
    proposed_by_id: int = 0  # who alone corrects and resubmits it once returned
    revision: int = 1  # the record's version (`version` is the list's number): a resubmission names it


def _load(uow: UnitOfWork, list_id: int, for_update: bool = False) -> PriceList:
    pl = uow.session.get(PriceList, list_id, with_for_update=for_update or None, populate_existing=for_update)
    if pl is None:
        raise NotFound(_("Price list"), list_id)
    return pl


def _lines(uow: UnitOfWork, list_id: int) -> list[PriceListLine]:
    return list(uow.session.scalars(select(PriceListLine).where(PriceListLine.price_list_id == list_id)
                                    .order_by(PriceListLine.id)))


def _lines_state(lines: Sequence[PriceListLine]) -> list[dict[str, object]]:
    return [{"product_id": ln.product_id, "list_price": ln.list_price, "floor": ln.floor_price,
             "ceiling": ln.ceiling_price, "unit_cost": ln.unit_cost} for ln in lines]


@service(Perm.PRICING_PROPOSE)
def propose(uow: UnitOfWork, lines: Sequence[PriceLine], reason: str, effective_from: date) -> int:
    """The sales manager's proposal, numbered as the next version."""
    pl = _propose(uow, lines, reason, effective_from)
    uow.commit()
    return pl.id


def _propose(uow: UnitOfWork, lines: Sequence[PriceLine], reason: str, effective_from: date) -> PriceList:
    why = check_proposal(lines, reason, effective_from, business_today(uow))
    ids = {ln.product_id for ln in lines}
    found = set(uow.session.scalars(select(Product.id).where(Product.id.in_(ids), Product.active.is_(True))))
    if found != ids:
        raise ValidationError(_("Price list"), _("every product must exist and be active"))
    version = (uow.session.scalar(select(func.max(PriceList.version))) or 0) + 1
    now = uow.clock()
    pl = PriceList(version=version, status=PriceListStatus.PROPOSED.value, effective_from=effective_from,
                   reason=why, proposed_by_id=current_actor(uow).user_id, proposed_at=now)
    uow.session.add(pl)
    uow.session.flush()
    rows = [PriceListLine(price_list_id=pl.id, product_id=ln.product_id, list_price=ln.list_price,
                          floor_price=ln.floor, ceiling_price=ln.ceiling) for ln in lines]
    uow.session.add_all(rows)
    uow.session.flush()
    uow.audit("price_list.propose", "price_list", pl.id, None,
              {"version": version, "effective_from": effective_from, "reason": why, "lines": _lines_state(rows)})
    return pl


@service(Perm.PRICING_PROPOSE)
def resubmit(uow: UnitOfWork, list_id: int, lines: Sequence[PriceLine], reason: str, effective_from: date,
             revision: int | None = None) -> None:
    """The proposer corrects a returned list (its lines, reason, date) and files it again under
    the same version number: finance checks the costs anew, then the VP, then the GM.
    `revision`: the one the form loaded (PriceListRow.revision); a list resubmitted or returned
    again since refuses it (StaleRecord, naming who changed what) and nothing is written."""
    _resubmit(uow, list_id, lines, reason, effective_from, revision)
    uow.commit()


def _resubmit(uow: UnitOfWork, list_id: int, lines: Sequence[PriceLine], reason: str,
              effective_from: date, revision: int | None = None) -> PriceList:
    pl = _load(uow, list_id, for_update=True)
    ensure_current(uow, "price_list", pl.id, _("Price list version"), str(pl.version), revision, pl.revision,
                   LABELS, only_labelled=True, moved_only=True)
    ensure_resubmittable(pl.version, pl.status, current_actor(uow).user_id, pl.proposed_by_id)
    why = check_proposal(lines, reason, effective_from, business_today(uow))
    ids = {ln.product_id for ln in lines}
    found = set(uow.session.scalars(select(Product.id).where(Product.id.in_(ids), Product.active.is_(True))))
    if found != ids:
        raise ValidationError(_("Price list"), _("every product must exist and be active"))
    old = _lines(uow, pl.id)
    before = {"status": pl.status, "effective_from": pl.effective_from, "reason": pl.reason,
              "lines": _lines_state(old), "return_note": pl.return_note}
    for ln in old:
        uow.session.delete(ln)
    uow.session.flush()
    rows = [PriceListLine(price_list_id=pl.id, product_id=ln.product_id, list_price=ln.list_price,
                          floor_price=ln.floor, ceiling_price=ln.ceiling) for ln in lines]
    uow.session.add_all(rows)
    # every step is taken again; the last return's reason stays on the list for who checks it next
    pl.status, pl.reason, pl.effective_from, pl.proposed_at = (PriceListStatus.PROPOSED.value, why,
                                                               effective_from, uow.clock())
    pl.cost_checked_by_id, pl.cost_checked_at, pl.cost_note = None, None, ""
    pl.reviewed_by_id, pl.reviewed_at, pl.review_note = None, None, ""
    uow.session.flush()
    uow.audit("price_list.resubmit", "price_list", pl.id, before,
              {"status": pl.status, "version": pl.version, "effective_from": effective_from, "reason": why,
               "lines": _lines_state(rows)})
    return pl


def _decide(uow: UnitOfWork, list_id: int, step: PriceStep) -> PriceList:
    pl = _load(uow, list_id, for_update=True)
    ensure_step(pl.version, pl.status, step)
    ensure_new_decider(pl.version, current_actor(uow).user_id, pl.proposed_by_id,
                       (pl.cost_checked_by_id, pl.reviewed_by_id))
    return pl


@service(Perm.PRICING_COST_CHECK)
def record_cost_check(uow: UnitOfWork, list_id: int, costs: dict[int, int], note: str = "") -> None:
    """Finance's cost accounting [成本综合核算]: a unit cost for every line."""
    _cost_check(uow, list_id, costs, note)
    uow.commit()


def _cost_check(uow: UnitOfWork, list_id: int, costs: dict[int, int], note: str = "") -> None:
    pl = _decide(uow, list_id, PriceStep.COST_CHECK)
    lines = _lines(uow, pl.id)
    check_costs([PriceLine(ln.product_id, ln.list_price, ln.floor_price, ln.ceiling_price) for ln in lines], costs)
    for ln in lines:
        ln.unit_cost = costs[ln.product_id]
    _advance(uow, pl, PriceStep.COST_CHECK, note, {"costs": {str(k): v for k, v in sorted(costs.items())}})


@service(Perm.PRICING_SET)
def review(uow: UnitOfWork, list_id: int, note: str = "") -> None:
    """The VP's joint review [会审]: agreed, on to the general manager."""
    _advance(uow, _decide(uow, list_id, PriceStep.REVIEW), PriceStep.REVIEW, note, {})
    uow.commit()


@service(Perm.PRICING_APPROVE)
def approve(uow: UnitOfWork, list_id: int, note: str = "") -> None:
    """The general manager's approval: in force from its effective date."""
    _advance(uow, _decide(uow, list_id, PriceStep.APPROVE), PriceStep.APPROVE, note, {})
    uow.commit()


def take_step(uow: UnitOfWork, list_id: int, step: PriceStep, note: str = "") -> None:
    """Review or approve inside another unit of work's transaction (the demo firm)."""
    _advance(uow, _decide(uow, list_id, step), step, note, {})


def _advance(uow: UnitOfWork, pl: PriceList, step: PriceStep, note: str, extra: dict[str, object]) -> None:
    who, now, note = current_actor(uow).user_id, uow.clock(), note.strip()
    before = {"status": pl.status}
    if step is PriceStep.COST_CHECK:
        pl.cost_checked_by_id, pl.cost_checked_at, pl.cost_note = who, now, note
    elif step is PriceStep.REVIEW:
        pl.reviewed_by_id, pl.reviewed_at, pl.review_note = who, now, note
    else:
        pl.approved_by_id, pl.approved_at = who, now
    pl.status = STEP_TO[step].value
    action = ("price_list.cost_check" if step is PriceStep.COST_CHECK
              else "price_list.review" if step is PriceStep.REVIEW else "price_list.approve")
    uow.audit(action, "price_list", pl.id, before,
              {"status": pl.status, "version": pl.version, "note": note, **extra})


_STEP_RIGHT = {PriceStep.COST_CHECK: Perm.PRICING_COST_CHECK, PriceStep.REVIEW: Perm.PRICING_SET,
               PriceStep.APPROVE: Perm.PRICING_APPROVE}


@service(LOGGED_IN)  # the right depends on the step the list waits for
def send_back(uow: UnitOfWork, list_id: int, reason: str) -> None:
    """Return the list at whichever step it waits for, by whoever decides that step, with a reason."""
    pl = _load(uow, list_id, for_update=True)
    status = PriceListStatus(pl.status)
    step = next((s for s, st in STEP_FROM.items() if st is status), None)
    if step is None:
        ensure_step(pl.version, status, PriceStep.COST_CHECK)  # raises: nothing waits for a decision
        return
    require_any(uow, (_STEP_RIGHT[step],))
    ensure_new_decider(pl.version, current_actor(uow).user_id, pl.proposed_by_id,
                       (pl.cost_checked_by_id, pl.reviewed_by_id))
    why = reason.strip()
    if not why:
        raise ValidationError(_("Reason"), _("say why the list goes back"))
    before = {"status": pl.status}
    pl.status = PriceListStatus.RETURNED.value
    pl.returned_by_id, pl.returned_at, pl.return_note = current_actor(uow).user_id, uow.clock(), why
    uow.audit("price_list.return", "price_list", pl.id, before,
              {"status": pl.status, "version": pl.version, "step": step.value, "reason": why})
    uow.commit()


def version_in_force(uow: UnitOfWork, on: date) -> PriceList | None:
    return uow.session.scalars(
        select(PriceList).where(PriceList.status == PriceListStatus.APPROVED.value, PriceList.effective_from <= on)
        .order_by(PriceList.effective_from.desc(), PriceList.version.desc()).limit(1)).first()


def range_on(uow: UnitOfWork, product: Product, on: date) -> PriceRange:
    """The product's range on `on`: its line in the latest approved list in force that names it,
    else the range it was created with (a product no list has priced yet)."""
    line = uow.session.execute(
        select(PriceListLine.list_price, PriceListLine.floor_price, PriceListLine.ceiling_price)
        .join(PriceList, PriceList.id == PriceListLine.price_list_id)
        .where(PriceListLine.product_id == product.id, PriceList.status == PriceListStatus.APPROVED.value,
               PriceList.effective_from <= on)
        .order_by(PriceList.effective_from.desc(), PriceList.version.desc()).limit(1)).first()
    if line is not None:
        return PriceRange(*line)
    return PriceRange(product.list_price, product.floor_price, product.ceiling_price)


def on_an_approved_list(uow: UnitOfWork, product_id: int) -> bool:
    return uow.session.scalar(
        select(func.count()).select_from(PriceListLine).join(PriceList, PriceList.id == PriceListLine.price_list_id)
        .where(PriceListLine.product_id == product_id,
               PriceList.status == PriceListStatus.APPROVED.value)) > 0


def _row(uow: UnitOfWork, pl: PriceList, today: date) -> PriceListRow:
    lines = _lines(uow, pl.id)
    products = {p.id: p for p in uow.session.scalars(select(Product).where(
        Product.id.in_({ln.product_id for ln in lines})))}
    names = user_names(uow, [pl.proposed_by_id, pl.cost_checked_by_id, pl.reviewed_by_id, pl.approved_by_id,
                             pl.returned_by_id])
    current = version_in_force(uow, today)
    out = tuple(PriceListLineRow(ln.product_id, products[ln.product_id].code, products[ln.product_id].name,
                                 products[ln.product_id].unit, ln.list_price, ln.floor_price, ln.ceiling_price,
                                 ln.unit_cost, margin_percent(ln.list_price, ln.unit_cost))
                for ln in sorted(lines, key=lambda ln: products[ln.product_id].code))
    n = lambda i: names.get(i or 0, "")  # noqa: E731
    return PriceListRow(pl.id, pl.version, pl.status, pl.effective_from, pl.reason, n(pl.proposed_by_id),
                        pl.proposed_at, n(pl.cost_checked_by_id), pl.cost_checked_at, pl.cost_note,
                        n(pl.reviewed_by_id), pl.reviewed_at, pl.review_note, n(pl.approved_by_id),
                        pl.approved_at, n(pl.returned_by_id), pl.returned_at, pl.return_note,
                        current is not None and current.id == pl.id, out, pl.proposed_by_id, pl.revision)


@service(LOGGED_IN, read_only=True)
def list_price_lists(uow: UnitOfWork, limit: int = 200) -> list[PriceListRow]:
    """Every version, newest first, with its lines."""
    require_any(uow, READERS)
    today = business_today(uow)
    lists = uow.session.scalars(select(PriceList).order_by(PriceList.version.desc()).limit(limit))
    return [_row(uow, pl, today) for pl in lists]


def price_list_row(uow: UnitOfWork, list_id: int) -> PriceListRow:
    """One version with its lines, for a reader (inside another service)."""
    require_any(uow, READERS)
    return _row(uow, _load(uow, list_id), business_today(uow))


@service(LOGGED_IN, read_only=True)
def get_price_list(uow: UnitOfWork, list_id: int) -> PriceListRow:
    return price_list_row(uow, list_id)


@dataclass(frozen=True)
class ListWaiting:
    id: int
    version: int
    step: PriceStep  # the step it waits for
    proposed_by: str
    since: datetime  # when the step before it was taken


STEP_LABELS = {PriceStep.COST_CHECK: N_("Price list: finance's cost check"),
               PriceStep.REVIEW: N_("Price list: the sales VP's joint review"),
               PriceStep.APPROVE: N_("Price list: the general manager's approval")}


@service(LOGGED_IN, read_only=True)  # each list by the right of the step it waits for
def lists_waiting_for_me(uow: UnitOfWork) -> list[ListWaiting]:
    """Lists waiting for a step this user takes, never one they proposed or decided a step of
    (ensure_new_decider's rule), oldest first."""
    actor = current_actor(uow)
    steps = {STEP_FROM[s].value: s for s, right in _STEP_RIGHT.items() if actor.can(right)}
    if not steps:
        return []
    lists = list(uow.session.scalars(select(PriceList).where(PriceList.status.in_(list(steps)))
                                     .order_by(PriceList.id)))
    names = user_names(uow, [pl.proposed_by_id for pl in lists])
    out = []
    for pl in lists:
        if actor.user_id in {pl.proposed_by_id, pl.cost_checked_by_id, pl.reviewed_by_id}:
            continue
        since = pl.reviewed_at or pl.cost_checked_at or pl.proposed_at
        out.append(ListWaiting(pl.id, pl.version, steps[pl.status], names.get(pl.proposed_by_id, ""), since))
    return out
