"""Every setting and policy number, with its default (domain/admin/policy.py says who sets
which: the technical settings are the administrator's, the rest are policy versions).

Money settings are integer minor units.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.credit.rating import INDICATORS
from sales_desk.domain.expenses.claims import Category, default_items_text, items_setting_key
from sales_desk.domain.opportunities.stages import (
    DEFAULT_STAGE_DAYS,
    STAGE_DAYS_PREFIX,
    STAGE_LABELS,
)
from sales_desk.i18n import N_, _

# allowance_map: {username: monthly allowance in minor units}, one person's own allowance
Kind = Literal["money", "int", "text", "int_list", "allowance_map"]


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str  # msgid
    kind: Kind
    default: object
    minimum: int | None = None
    maximum: int | None = None
    template: str | None = None  # msgid with {item}: the label is a part of a family (a weight)

    def text(self) -> str:
        """The label in the current language."""
        return _(self.template).format(item=_(self.label)) if self.template else _(self.label)


WEIGHT_PREFIX = "credit.weight."  # + indicator key: the scorecard's weights [客户等级评分表]
PERSONAL_ALLOWANCES = "expense.personal_allowances"


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("company.name", N_("Company name"), "text", "示例商贸有限公司"),
    SettingSpec("company.currency", N_("Company currency"), "text", "CNY"),
    SettingSpec("contract.major_threshold", N_("Major contract threshold"), "money",
                to_minor("200000"), minimum=0),
    SettingSpec("expense.gm_threshold", N_("Expense amount needing the general manager"),
                "money", to_minor("5000"), minimum=0),
    SettingSpec("expense.monthly_allowance", N_("Monthly discretionary allowance per person (default)"),
                "money", to_minor("2000"), minimum=0),
    # spending standards per item (费用 第13条1), in force by policy version
    SettingSpec("expense.standard.communication", N_("Standard: communication, per claim"), "money",
                to_minor("300"), minimum=0),
    SettingSpec("expense.standard.bank_charges", N_("Standard: bank charges, per claim"), "money",
                to_minor("50"), minimum=0),
    SettingSpec("expense.standard.local_transport", N_("Standard: local transport, per claim"), "money",
                to_minor("200"), minimum=0),
    SettingSpec("expense.standard.per_diem_tier1", N_("Standard: per-diem a day, first-tier city"), "money",
                to_minor("150"), minimum=0),
    SettingSpec("expense.standard.per_diem_tier2", N_("Standard: per-diem a day, second-tier city"), "money",
                to_minor("120"), minimum=0),
    SettingSpec("expense.standard.per_diem_tier3", N_("Standard: per-diem a day, other cities"), "money",
                to_minor("100"), minimum=0),
    # 费用 第8条1 支配范围: a person whose allowance differs from the default (by user name)
    SettingSpec(PERSONAL_ALLOWANCES, N_("Monthly discretionary allowance of named persons"),
                "allowance_map", {}),
    SettingSpec("expense.default_department", N_("Department of staff not assigned to one"), "text",
                "销售部"),
    # each category's sub-items, separated by ";" (or 、): the expense form offers these
    *(SettingSpec(items_setting_key(c), label, "text", default_items_text(c)) for c, label in (
        (Category.PERSONNEL, N_("Expense items: sales staff costs")),
        (Category.ADVERTISING, N_("Expense items: advertising")),
        (Category.PUBLIC_RELATIONS, N_("Expense items: public relations")),
        (Category.BUSINESS, N_("Expense items: business expenses")),
        (Category.AFTER_SALES, N_("Expense items: after-sales service")),
        (Category.LOGISTICS, N_("Expense items: sales logistics")),
        (Category.OTHER, N_("Expense items: other sales expenses")),
    )),
    SettingSpec("credit.grade_a_min", N_("Credit grade A from score"), "int", 85, 0, 100),
    SettingSpec("credit.grade_b_min", N_("Credit grade B from score"), "int", 70, 0, 100),
    SettingSpec("credit.grade_c_min", N_("Credit grade C from score"), "int", 55, 0, 100),
    # 第10条: the weight of each indicator of the scorecard, together 100 points
    *(SettingSpec(WEIGHT_PREFIX + i.key, i.label, "int", i.weight, 0, 100,
                  template=N_("Scorecard weight: {item}")) for i in INDICATORS),
    SettingSpec("credit.rerating_months", N_("Months between credit re-ratings"), "int", 12, 1, 60),
    SettingSpec("credit.standard_limit", N_("Standard credit limit (grade B base)"), "money",
                to_minor("100000"), minimum=0),
    SettingSpec("credit.b_step_percent", N_("Grade B: largest raise per step (%)"), "int", 50, 0, 1000),
    SettingSpec("credit.c_max_limit", N_("Grade C: largest credit limit"), "money",
                to_minor("30000"), minimum=0),
    SettingSpec("credit.b_max_term_days", N_("Grade B: longest payment term (days)"), "int", 60, 1, 365),
    SettingSpec("credit.c_max_term_days", N_("Grade C: longest payment term (days)"), "int", 30, 1, 365),
    SettingSpec("credit.investigation_days", N_("Days to submit a credit investigation for review"), "int",
                10, 1, 365),
    SettingSpec("customer.stale_months", N_("Months before a customer file is stale"), "int", 3, 1, 36),
    SettingSpec("customer.value_a_min", N_("Value grade A from annual sales"), "money",
                to_minor("1000000"), minimum=0),
    SettingSpec("customer.value_b_min", N_("Value grade B from annual sales"), "money",
                to_minor("300000"), minimum=0),
    SettingSpec("customer.value_c_min", N_("Value grade C from annual sales"), "money",
                to_minor("50000"), minimum=0),
    SettingSpec("customer.churn_days", N_("Days without an order before churn risk"), "int", 90, 1, 3650),
    # 客户投诉管理 (issue 19): days to close a case by severity, the repeat window, the
    # key-account screening's pass mark (of 25)
    SettingSpec("customer.complaint_days_minor", N_("Days to close a minor complaint"), "int", 7, 1, 365),
    SettingSpec("customer.complaint_days_major", N_("Days to close a major complaint"), "int", 3, 1, 365),
    SettingSpec("customer.complaint_days_critical", N_("Days to close a critical complaint"), "int", 1, 1, 365),
    SettingSpec("customer.repeat_complaint_days", N_("Days within which a complaint counts as a repeat"),
                "int", 90, 1, 3650),
    SettingSpec("customer.key_account_min_score", N_("Key-account screening: lowest score to propose (of 25)"),
                "int", 15, 5, 25),
    # 客户生命周期, 客户价值 (seed 003 1.3) and the maintenance plans' notice (客户关系维护办法 第11条2)
    SettingSpec("customer.lifecycle_new_days", N_("Lifecycle: days a customer stays new after the first order"),
                "int", 180, 1, 3650),
    SettingSpec("customer.lifecycle_lost_days", N_("Lifecycle: days without an order before a customer is lost"),
                "int", 365, 1, 3650),
    SettingSpec("customer.lifecycle_growth_percent", N_("Lifecycle: growing from sales up by (%)"), "int", 20, 1, 1000),
    SettingSpec("customer.lifecycle_decline_percent", N_("Lifecycle: declining from sales down by (%)"), "int",
                20, 1, 100),
    SettingSpec("customer.margin_low_percent", N_("Value: gross margin below which the grade drops (%)"), "int",
                10, 0, 100),
    SettingSpec("customer.payment_poor_days", N_("Value: days overdue that make a poor payer"), "int", 60, 1, 3650),
    SettingSpec("customer.plan_notice_days", N_("Maintenance plans: days before the due date they show as due"),
                "int", 30, 0, 365),
    SettingSpec("aging.buckets", N_("Aging bucket upper bounds (days)"), "int_list", [30, 60, 90, 120]),
    SettingSpec("deferral.max_months", N_("Longest deferral past the due date (months)"), "int", 3, 0, 12),
    SettingSpec("liability.start_days", N_("Days overdue before staff liability starts"), "int", 30, 0, 365),
    # 信用 第15条3: the rep reports this many days before a due date that will be missed
    SettingSpec("collection.advance_report_days", N_("Days before a due date the rep reports a late payment"),
                "int", 5, 0, 90),
    # 销售专员 职责6: a statement of account unconfirmed this many days after issue is chased
    SettingSpec("collection.statement_reply_days", N_("Days for a customer to confirm a statement of account"),
                "int", 15, 1, 365),
    SettingSpec("liability.bad_debt_days", N_("Days overdue before a debt is bad"), "int", 120, 1, 3650),
    # 二、3 时间节点: how long an opportunity may stay in each stage before it shows as stalled
    *(SettingSpec(STAGE_DAYS_PREFIX + s.value, STAGE_LABELS[s], "int", d, 1, 3650,
                  template=N_("Days an opportunity may stay at: {item}")) for s, d in DEFAULT_STAGE_DAYS.items()),
)

SPEC_BY_KEY = {s.key: s for s in SPECS}
DEFAULTS = {s.key: s.default for s in SPECS}


def weights_of(values: dict[str, object]) -> dict[str, int]:
    """The scorecard weights among the policy numbers, by indicator key."""
    return {i.key: int(values[WEIGHT_PREFIX + i.key]) for i in INDICATORS}  # type: ignore[call-overload]


def validate_grade_bands(a: int, b: int, c: int) -> bool:
    return 0 <= c < b < a <= 100
