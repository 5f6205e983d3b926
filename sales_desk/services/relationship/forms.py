"""What the printed maintenance plan [客户维护计划] and market report [客户行业与市场信息报告] show:
the record as written and reviewed, with the company's name. Only a plan or report the actor
may read is printed (the same visibility as on screen)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.relationship.plans import PlanRefused, Status
from sales_desk.i18n import _
from sales_desk.models import Customer
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import current_actor, service, user_names
from sales_desk.services.relationship import care_plans, market_reports
from sales_desk.services.relationship.care_plans import PlanView
from sales_desk.services.relationship.market_reports import ReportView


@dataclass(frozen=True)
class PlanDocument:
    plan: PlanView
    company: str
    rep: str  # the customer manager in charge of the customer now
    key_account: bool


@dataclass(frozen=True)
class ReportDocument:
    report: ReportView
    company: str


def _readable(uow: UnitOfWork, status: str, written_by_id: int) -> None:
    """A draft or returned one is its writer's alone, in print as on screen."""
    if status in (Status.DRAFT.value, Status.RETURNED.value) and written_by_id != current_actor(uow).user_id:
        raise PlanRefused(_("A draft is its writer's until it is submitted."))


@service(Perm.CUSTOMER_VIEW, read_only=True)
def plan_document(uow: UnitOfWork, plan_id: int) -> PlanDocument:
    p = care_plans.plan_in(uow, plan_id)
    _readable(uow, p.status, p.written_by_id)
    rep_id, key = uow.session.execute(select(Customer.rep_id, Customer.key_account)
                                      .where(Customer.id == p.customer_id)).one()
    return PlanDocument(p, str(load_settings(uow)["company.name"]), user_names(uow, [rep_id]).get(rep_id or 0, ""),
                        bool(key))


@service(Perm.CUSTOMER_VIEW, read_only=True)
def report_document(uow: UnitOfWork, report_id: int) -> ReportDocument:
    r = market_reports.report_in(uow, report_id)
    _readable(uow, r.status, r.written_by_id)
    return ReportDocument(r, str(load_settings(uow)["company.name"]))
