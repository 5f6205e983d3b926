"""The customer maintenance plan [客户维护计划] (seed 001 客户关系维护办法 第9–11条) and the industry
and market information report [客户行业与市场信息报告] (第7条1): written, reviewed, filed.

- A key customer [大客户] has a plan once a year [每年一次]: the next is due a year after the
  last one filed (29 February → 28 February), and a key account with none filed is due at
  once. It shows as due `notice_days` before that day and is late the day after it.
- The plan is the customer manager's [由客户经理完成]: the rep in charge of the customer writes it,
  in the seed's five parts, all of them filled before it goes for review.
- The sales manager reviews it (approves, and it is filed [归档], or returns it with a reason);
  nobody reviews what they wrote.
- The market report is written per period (a month, YYYY-MM) by a rep, reviewed and filed
  the same way.
All functions are pure.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.i18n import N_, _

PLAN_PARTS = ("summary", "profile", "competition", "assessment", "actions")
PART_LABELS = {
    "summary": N_("Plan summary"),  # 计划摘要
    "profile": N_("Customer profile"),  # 客户概况
    "competition": N_("Competition"),  # 竞争概况
    "assessment": N_("Assessment of the relationship"),  # 情况评估
    "actions": N_("Maintenance plan"),  # 维护计划
}
PART_ZH = {"summary": "计划摘要", "profile": "客户概况", "competition": "竞争概况", "assessment": "情况评估",
           "actions": "维护计划"}
PART_HINTS = {
    "summary": N_("The overall aim and direction, the goals with the customer, our view of them."),
    "profile": N_("Key persons, latest major moves, position, market, strategy, trends; strengths, "
                  "weaknesses, opportunities, threats; their needs now and as they have said."),
    "competition": N_("The main competitors' strengths and weaknesses, where they stand, the strategy we "
                      "propose."),
    "assessment": N_("Our relationship: its history, the business now, its stage of life, strengths and "
                     "weaknesses, opportunities and threats; the customer manager's ties to their key persons."),
    "actions": N_("The maintenance goals and the actions, with dates, that reach them."),
}
REPORT_PARTS = ("industry_news", "market", "customers", "competitors", "suggestions")
REPORT_LABELS = {
    "industry_news": N_("Industry developments"),  # 行业动态
    "market": N_("Market information"),  # 市场信息
    "customers": N_("Customers' developments"),  # 客户动向
    "competitors": N_("Competitors"),  # 竞争对手
    "suggestions": N_("Suggestions"),  # 建议
}
REPORT_ZH = {"industry_news": "行业动态", "market": "市场信息", "customers": "客户动向", "competitors": "竞争对手",
             "suggestions": "建议"}


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    FILED = "filed"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


# "Filed away", not "Filed": the catalogue has "Filed" as 汇报时间 (a date column elsewhere)
STATUS_LABELS = {Status.DRAFT: N_("Draft"), Status.SUBMITTED: N_("Awaiting review"),
                 Status.RETURNED: N_("Returned"), Status.FILED: N_("Filed away")}
STATUS_ZH = {Status.DRAFT: "草稿", Status.SUBMITTED: "待审核", Status.RETURNED: "退回", Status.FILED: "已归档"}


class Due(StrEnum):
    NOT_DUE = "not_due"
    DUE = "due"
    LATE = "late"

    @property
    def label(self) -> str:
        return _(DUE_LABELS[self])


DUE_LABELS = {Due.NOT_DUE: N_("Not due"), Due.DUE: N_("Due"), Due.LATE: N_("Late")}


class PlanRefused(DomainError):
    """A step the plan's procedure does not allow."""


def a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 2, 28)


def next_due(last_filed_on: date | None, today: date) -> date:
    """The day the next plan is due: a year after the last filed; at once when none is."""
    return today if last_filed_on is None else a_year_after(last_filed_on)


def due_state(due_on: date, today: date, notice_days: int = 30) -> Due:
    if today > due_on:
        return Due.LATE
    if (due_on - today).days <= notice_days:
        return Due.DUE
    return Due.NOT_DUE


def ensure_writer(rep_id: int | None, actor_id: int) -> None:
    """Only the customer manager — the rep in charge of the customer — writes the plan."""
    if rep_id != actor_id:
        raise PlanRefused(_("The maintenance plan is written by the customer manager, the sales rep in "
                            "charge of the customer (客户关系维护办法 第11条1)."))


def ensure_editable(status: Status) -> None:
    if status not in (Status.DRAFT, Status.RETURNED):
        raise PlanRefused(_("Only a draft or a returned one can be changed; this one is {status}.").format(
            status=status.label.lower()))


def ensure_complete(parts: dict[str, str], labels: dict[str, str]) -> None:
    for key, label in labels.items():
        if not (parts.get(key) or "").strip():
            raise ValidationError(_(label), _("must not be empty"))


def ensure_reviewable(status: Status, written_by: int, reviewer: int) -> None:
    """Reviewed once submitted, and by another person only."""
    if status is not Status.SUBMITTED:
        raise PlanRefused(_("Only a submitted one can be reviewed; this one is {status}.").format(
            status=status.label.lower()))
    ensure_not_self_approval(written_by, reviewer, "care plan")


def check_period(period: str) -> str:
    """A report's period: a month, YYYY-MM."""
    text = (period or "").strip()
    try:
        date.fromisoformat(text + "-01")
    except ValueError:
        raise ValidationError(_("Period"), _("a month as YYYY-MM")) from None
    if len(text) != 7:
        raise ValidationError(_("Period"), _("a month as YYYY-MM"))
    return text
