"""What the printed maintenance plan [客户维护计划] and market report [客户行业与市场信息报告] show:
the record as written and reviewed, with the company's name. Only a plan or report the actor
may read is printed (the same visibility as on screen)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Perm
from sales_desk.models import Customer
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import service, user_names
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


@service(Perm.CUSTOMER_VIEW, read_only=True)
def plan_document(uow: UnitOfWork, plan_id: int) -> PlanDocument:
    p = care_plans.plan_in(uow, plan_id)
    rep_id, key = uow.session.execute(select(Customer.rep_id, Customer.key_account)
                                      .where(Customer.id == p.customer_id)).one()
    return PlanDocument(p, str(load_settings(uow)["company.name"]), user_names(uow, [rep_id]).get(rep_id or 0, ""),
                        bool(key))


@service(Perm.CUSTOMER_VIEW, read_only=True)
def report_document(uow: UnitOfWork, report_id: int) -> ReportDocument:
    r = market_reports.report_in(uow, report_id)
    return ReportDocument(r, str(load_settings(uow)["company.name"]))
