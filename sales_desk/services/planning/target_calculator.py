"""The target calculator beside the sales plan (费用 第5条2): last year's sales, per customer
and per rep, prefilled from the ledger for the methods that start from them; the methods'
results compared (domain/planning/target_methods.py); the chosen figure carried into the
plan being prepared, with the method named and its workings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.planning.plans import PlanStatus, ensure_editable
from sales_desk.domain.planning.target_methods import TargetMethod
from sales_desk.i18n import _
from sales_desk.models import Customer, SalesPlan
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.customers.scope import user_names
from sales_desk.services.orders.sales_totals import sold_by_customer_field, sold_by_rep
from sales_desk.services.planning.scope import check_year


@dataclass(frozen=True)
class HistoryLine:
    key: str  # customer code or rep user id
    label: str  # "C0001 name" or the rep's full name
    last_year: int  # minor units sold in the year before


@dataclass(frozen=True)
class TargetHistory:
    year: int  # the year planned
    last_year_sales: int  # minor units, the whole firm
    customers: tuple[HistoryLine, ...]  # biggest first
    reps: tuple[HistoryLine, ...]


@service(Perm.PLAN_PREPARE)
def target_history(uow: UnitOfWork, year: int) -> TargetHistory:
    """What the firm, each customer and each rep sold in the year before `year`."""
    year = check_year(year)
    start, end = date(year - 1, 1, 1), date(year - 1, 12, 31)
    by_customer = sold_by_customer_field(uow, "code", start, end)
    names = {code: name for code, name in uow.session.execute(select(Customer.code, Customer.name).where(
        Customer.code.in_(list(by_customer))))} if by_customer else {}
    customers = sorted((HistoryLine(code, f"{code} {names.get(code, '')}".strip(), amount)
                        for code, amount in by_customer.items() if code and amount), key=lambda h: (-h.last_year, h.key))
    by_rep = {k: v for k, v in sold_by_rep(uow, start, end).items() if k is not None and v}
    people = user_names(uow, list(by_rep))
    reps = sorted((HistoryLine(str(k), people.get(k, str(k)), v) for k, v in by_rep.items()),
                  key=lambda h: (-h.last_year, h.label))
    return TargetHistory(year, sum(by_customer.values()), tuple(customers), tuple(reps))


@service(Perm.PLAN_PREPARE)
def choose_target(uow: UnitOfWork, plan_id: int, method: str, figure: int, workings: str) -> None:
    """Carry a method's result into a plan still being prepared (draft or returned)."""
    carry_target(uow, plan_id, method, figure, workings)
    uow.commit()


def carry_target(uow: UnitOfWork, plan_id: int, method: str, figure: int, workings: str) -> None:
    """choose_target inside a running transaction (the demo), without committing."""
    actor = current_actor(uow)
    plan = uow.session.get(SalesPlan, plan_id)
    if plan is None:
        raise NotFound(_("Sales plan"), plan_id)
    ensure_editable(PlanStatus(plan.status))
    try:
        chosen = TargetMethod(method)
    except ValueError:
        raise ValidationError(_("Method"), _("not a valid value")) from None
    if isinstance(figure, bool) or not isinstance(figure, int) or figure <= 0:
        raise ValidationError(_("Target"), _("must be above zero"))
    before = {"target_method": plan.target_method,
              "target_figure": None if plan.target_figure is None else money_str(plan.target_figure)}
    plan.target_method, plan.target_figure, plan.target_workings = chosen.value, figure, workings.strip()
    plan.prepared_by_id, plan.prepared_at = actor.user_id, uow.clock()
    uow.audit("plan.target", "sales_plan", plan.id, before,
              {"target_method": chosen.value, "target_figure": money_str(figure), "workings": plan.target_workings})
