"""The credit investigation checklist [客户信用调查内容] (seed 001, 第5–8条).

Five sections, each with the documents the customer-service side collects. Every
item records whether it was received, when, its attachment and whether the
customer stamped it [盖章确认]: "调查的内容均需通过客户盖章确认".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sales_desk.domain.common.errors import ValidationError
from sales_desk.i18n import N_, _


@dataclass(frozen=True)
class Section:
    key: str
    label: str  # msgid
    zh: str


@dataclass(frozen=True)
class Item:
    key: str
    section: str
    label: str  # msgid
    zh: str


SECTIONS: tuple[Section, ...] = (
    Section("basic", N_("Basic information"), "客户基本信息"),
    Section("bank", N_("Bank settlement information"), "银行结算信息"),
    Section("financial", N_("Financial information"), "财务信息"),
    Section("business", N_("Business history with us"), "业务信息"),
    Section("other", N_("Other information"), "其他信息"),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}

ITEMS: tuple[Item, ...] = (
    Item("profile", "basic", N_("Company profile"), "公司简介"),
    Item("articles", "basic", N_("Articles of association"), "公司章程"),
    Item("ownership", "basic", N_("Ownership structure chart"), "股权结构图"),
    Item("business_licence", "basic", N_("Business licence (copy)"), "营业执照复印件"),
    Item("tax_registration", "basic", N_("Tax registration certificate (copy)"), "税务登记证复印件"),
    Item("agency_rating", "basic", N_("Credit agency rating certificate (copy)"), "信用评级证书复印件"),
    Item("bank_accounts", "bank", N_("Main bank accounts: full name, bank, account no."),
         "主要往来银行账户（公司全称、开户行、银行账号）"),
    Item("bank_settlement", "bank", N_("Settlement record of the main accounts"), "银行账户结算情况"),
    Item("bank_rating", "bank", N_("Bank's credit rating (copy)"), "银行评估的信用等级复印件"),
    Item("annual_reports", "financial", N_("Annual financial reports, last 3 years"), "过去3年年度财务报告"),
    Item("audit_reports", "financial", N_("Audit reports, last 3 years"), "过去3年审计报告"),
    Item("month_balance_sheet", "financial", N_("Latest month: balance sheet"), "最近一个月资产负债表"),
    Item("month_income", "financial", N_("Latest month: income statement"), "最近一个月利润表"),
    Item("month_cash_flow", "financial", N_("Latest month: cash-flow statement"), "最近一个月现金流量表"),
    Item("dispatches", "business", N_("Dispatches to the customer, last 3 years"), "近三年发货情况"),
    Item("payments", "business", N_("Payments from the customer, last 3 years"), "近三年回款情况"),
    Item("bad_records", "business", N_("Bad credit records"), "不良信用记录"),
    Item("reputation", "other", N_("Reputation among customers"), "客户口碑"),
    Item("industry_view", "other", N_("Standing in the industry"), "业内评价"),
)
ITEM_BY_KEY = {i.key: i for i in ITEMS}


class InvestigationStatus(StrEnum):
    OPEN = "open"  # being collected by the customer-service side
    SUBMITTED = "submitted"  # report handed to finance [递交审核]
    RETURNED = "returned"  # finance sent it back with a note
    REVIEWED = "reviewed"  # finance found it correct [审核无误]

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


STATUS_LABELS = {
    InvestigationStatus.OPEN: N_("Open"),
    InvestigationStatus.SUBMITTED: N_("Submitted to finance"),
    InvestigationStatus.RETURNED: N_("Returned by finance"),
    InvestigationStatus.REVIEWED: N_("Reviewed by finance"),
}
EDITABLE = (InvestigationStatus.OPEN, InvestigationStatus.RETURNED)


class Occasion(StrEnum):
    """Why a rating is made (第13条)."""

    ANNUAL = "annual"  # once a year after the annual statements
    NEW_CUSTOMER = "new"  # any time, on last year's statements
    MAJOR_CHANGE = "major_change"  # re-rated on a major change (or a downgrade trigger)

    @property
    def label(self) -> str:
        return _(OCCASION_LABELS[self])


OCCASION_LABELS = {
    Occasion.ANNUAL: N_("Annual rating"),
    Occasion.NEW_CUSTOMER: N_("New customer"),
    Occasion.MAJOR_CHANGE: N_("Major change"),
}


@dataclass(frozen=True)
class ItemState:
    key: str
    received: bool
    stamped: bool


def check_submittable(report: str, items: Iterable[ItemState]) -> None:
    """A report written from facts, and every document received stamped by the customer."""
    if not report.strip():
        raise ValidationError(_("Investigation report"), _("write the report before submitting"))
    for it in items:
        if it.received and not it.stamped:
            raise ValidationError(
                _(ITEM_BY_KEY[it.key].label),
                _("received but not stamped by the customer (盖章确认)"),
            )


# -- the deadline [在规定时间内递交审核] (第7条1) ---------------------------------------------


def investigation_due(opened_on: date, days: int) -> date:
    """The last day to submit the report for review: opened + `days` (setting
    credit.investigation_days), fixed when the investigation is opened."""
    return opened_on + timedelta(days=days)


def is_investigation_late(status: InvestigationStatus | str, due_on: date | None,
                          submitted_on: date | None, today: date) -> bool:
    """Late: past its due date and not submitted for review by it. Submitted on the due
    date is on time; a returned one first submitted in time is not late."""
    if due_on is None or today <= due_on:
        return False
    if InvestigationStatus(status) not in (InvestigationStatus.OPEN, InvestigationStatus.RETURNED):
        return False
    return submitted_on is None or submitted_on > due_on
