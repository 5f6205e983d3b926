"""Sales expenses [销售费用] (seed 001, 销售费用管控制度 第4、8、9、13条): the seven cost
categories with their sub-items, the states of an expense application
[销售费用使用申请表] and of its approval steps, and the payment methods.

Routing lives in routing.py, budgets and break-even in budget.py.
Sub-items are a business setting (one per category, `expense.items.<category>`):
the defaults below are msgids, shown translated; items the firm adds are shown as typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import N_, _, join_list


@dataclass(frozen=True)
class Term:
    """A label: the msgid (English) and the policy's own Chinese word, for printed forms."""

    msgid: str
    zh: str


class Category(StrEnum):
    """费用构成 (第4条): the seven parts of sales expenses."""

    PERSONNEL = "personnel"
    ADVERTISING = "advertising"
    PUBLIC_RELATIONS = "public_relations"
    BUSINESS = "business"
    AFTER_SALES = "after_sales"
    LOGISTICS = "logistics"
    OTHER = "other"

    @property
    def term(self) -> Term:
        return CATEGORY_TERMS[self]

    @property
    def label(self) -> str:
        return _(CATEGORY_TERMS[self].msgid)


CATEGORY_TERMS: dict[Category, Term] = {
    Category.PERSONNEL: Term(N_("Sales staff costs"), "销售人员费用"),
    Category.ADVERTISING: Term(N_("Advertising"), "广告费用"),
    Category.PUBLIC_RELATIONS: Term(N_("Public relations"), "公关费用"),
    Category.BUSINESS: Term(N_("Business expenses"), "业务费用"),
    Category.AFTER_SALES: Term(N_("After-sales service"), "售后服务费用"),
    Category.LOGISTICS: Term(N_("Sales logistics"), "销售物流费用"),
    Category.OTHER: Term(N_("Other sales expenses"), "其他销售费用"),
}

# The seed's sub-items; travel [差旅费] (第13条) sits with the business expenses.
DEFAULT_ITEMS: dict[Category, tuple[Term, ...]] = {
    Category.PERSONNEL: (Term(N_("Base salary"), "基本工资"), Term(N_("Bonus and commission"), "奖金提成"),
                         Term(N_("Allowances"), "津贴"), Term(N_("Welfare"), "福利")),
    Category.ADVERTISING: (Term(N_("Advertising planning"), "广告策划"), Term(N_("Production"), "制作"),
                           Term(N_("Media"), "媒体"), Term(N_("Advertising management"), "广告管理")),
    Category.PUBLIC_RELATIONS: (Term(N_("PR events"), "公关活动"), Term(N_("Meetings"), "会议"),
                                Term(N_("Sponsorship"), "赞助")),
    # with a spending standard (第13条1; domain/expenses/standards.py): communication, bank
    # charges, local transport, the per-diem
    Category.BUSINESS: (Term(N_("Communication"), "通讯"), Term(N_("Bank charges"), "银行手续费"),
                        Term(N_("Local transport"), "市内交通费"), Term(N_("Per diem"), "出差补助"),
                        Term(N_("Printing"), "印刷"), Term(N_("Discounts"), "折扣"), Term(N_("Gifts"), "礼品"),
                        Term(N_("Hospitality"), "招待"), Term(N_("Travel"), "差旅")),
    Category.AFTER_SALES: (Term(N_("Repairs"), "维修"), Term(N_("Compensation"), "赔偿"),
                           Term(N_("After-sales management"), "售后管理")),
    Category.LOGISTICS: (Term(N_("Storage"), "库存"), Term(N_("Packing"), "包装"),
                         Term(N_("Transport"), "运输"), Term(N_("Insurance"), "保险"),
                         Term(N_("Handling"), "装卸")),
    Category.OTHER: (Term(N_("Exhibitions"), "展览"), Term(N_("Rent"), "租赁"), Term(N_("Office"), "办公")),
}
ITEM_ZH: dict[str, str] = {t.msgid: t.zh for terms in DEFAULT_ITEMS.values() for t in terms}
TRAVEL_ITEM = "Travel"

ITEM_SEPARATORS = re.compile(r"[;；,，、\n]+")


def items_setting_key(category: Category) -> str:
    return f"expense.items.{category.value}"


def default_items_text(category: Category) -> str:
    return "; ".join(t.msgid for t in DEFAULT_ITEMS[category])


def parse_items(text: str) -> tuple[str, ...]:
    """A setting's text ("Rent; Office" or "展览、租赁") to its items, in order, no repeats."""
    out: list[str] = []
    for part in ITEM_SEPARATORS.split(text or ""):
        item = part.strip()
        if item and item not in out:
            out.append(item)
    return tuple(out)


def items_from_settings(values: Mapping[str, object]) -> dict[Category, tuple[str, ...]]:
    return {c: parse_items(str(values.get(items_setting_key(c), default_items_text(c)))) for c in Category}


def item_label(item: str, gettext=_) -> str:  # noqa: ANN001 - a gettext function
    """A default item shows translated; one the firm typed shows as typed."""
    return gettext(item) if item in ITEM_ZH else item


def items_display_text(text: str, gettext=_) -> str:  # noqa: ANN001 - a gettext function
    """A sub-items setting as the reader sees it: default items translated, typed ones as typed."""
    return join_list((item_label(i, gettext) for i in parse_items(text)), gettext)


def items_stored_text(text: str, gettext=_) -> str:  # noqa: ANN001 - a gettext function
    """What the user typed back to the setting: a default item, typed as it shows in their
    language, is stored as its msgid (so it shows translated to everyone, and "Travel"
    keeps marking a trip)."""
    msgid_of = {gettext(m): m for m in ITEM_ZH}
    return "; ".join(msgid_of.get(i, i) for i in parse_items(text))


def parse_category(value: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        raise ValidationError(_("Category"), _("not a valid value")) from None


# -- the application and its steps -----------------------------------------------------------


class ClaimStatus(StrEnum):
    IN_ROUTE = "in_route"  # waiting at one of its steps
    RETURNED = "returned"  # refused at a step: back with its author, who may edit and resubmit
    SIGNED = "signed"  # finance checked and signed [财务确认签字]: the cashier may pay
    PAID = "paid"
    WITHDRAWN = "withdrawn"  # the author took it back

    @property
    def term(self) -> Term:
        return CLAIM_STATUS_TERMS[self]

    @property
    def label(self) -> str:
        return _(CLAIM_STATUS_TERMS[self].msgid)


CLAIM_STATUS_TERMS = {
    ClaimStatus.IN_ROUTE: Term(N_("In approval"), "审批中"),
    ClaimStatus.RETURNED: Term(N_("Returned"), "已退回"),
    ClaimStatus.SIGNED: Term(N_("Signed by finance"), "财务已签字"),
    ClaimStatus.PAID: Term(N_("Paid"), "已支付"),
    ClaimStatus.WITHDRAWN: Term(N_("Withdrawn"), "已撤回"),
}
# Claims that hold budget and allowance: everything not returned or withdrawn.
COMMITTED = (ClaimStatus.IN_ROUTE, ClaimStatus.SIGNED, ClaimStatus.PAID)
EDITABLE = (ClaimStatus.RETURNED,)


class StepKind(StrEnum):
    """One approval on a route; each needs its own right."""

    EXPLANATION = "explanation"  # the VP reviews a department application's explanation form
    REVIEW = "review"  # the supervisor's review [主管审核]
    APPROVE = "approve"  # the sales manager's approval [销售部经理审批]
    GM = "gm"  # the general manager's approval [总经理审批]
    FINANCE = "finance"  # finance checks against the plans and signs [财务审核签字]

    @property
    def term(self) -> Term:
        return STEP_TERMS[self]

    @property
    def label(self) -> str:
        return _(STEP_TERMS[self].msgid)

    @property
    def permission(self) -> Perm:
        return STEP_PERMISSION[self]


STEP_TERMS = {
    StepKind.EXPLANATION: Term(N_("Sales VP review of the explanation form"), "销售副总审核情况说明表"),
    StepKind.REVIEW: Term(N_("Supervisor review"), "主管审核"),
    StepKind.APPROVE: Term(N_("Sales manager approval"), "销售部经理审批"),
    StepKind.GM: Term(N_("General manager approval"), "总经理审批"),
    StepKind.FINANCE: Term(N_("Finance check"), "财务审核"),
}
STEP_PERMISSION = {
    StepKind.EXPLANATION: Perm.EXPENSE_REVIEW_EXPLANATION,
    StepKind.REVIEW: Perm.EXPENSE_REVIEW,
    StepKind.APPROVE: Perm.EXPENSE_APPROVE,
    StepKind.GM: Perm.EXPENSE_APPROVE_MAJOR,
    StepKind.FINANCE: Perm.EXPENSE_FINANCE_CHECK,
}


class StepStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    SKIPPED = "skipped"  # an earlier step refused, or the claim was withdrawn


class PaymentMethod(StrEnum):
    """第9条: the cashier pays in cash or by cheque; transfers are the usual way today."""

    CASH = "cash"
    CHEQUE = "cheque"
    TRANSFER = "transfer"

    @property
    def term(self) -> Term:
        return PAYMENT_TERMS[self]

    @property
    def label(self) -> str:
        return _(PAYMENT_TERMS[self].msgid)

    @property
    def needs_reference(self) -> bool:
        """A cheque number or a bank reference; cash has the receipt at most."""
        return self is not PaymentMethod.CASH


PAYMENT_TERMS = {
    PaymentMethod.CASH: Term(N_("Cash"), "现金"),
    PaymentMethod.CHEQUE: Term(N_("Cheque"), "支票"),
    PaymentMethod.TRANSFER: Term(N_("Bank transfer"), "转账"),
}


class TravelStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _(TRAVEL_STATUS_LABELS[self])


TRAVEL_STATUS_LABELS = {
    TravelStatus.PENDING: N_("Awaiting approval"),
    TravelStatus.APPROVED: N_("Approved"),
    TravelStatus.REFUSED: N_("Refused"),
    TravelStatus.WITHDRAWN: N_("Withdrawn"),
}


def require_explanation(is_department: bool, is_travel: bool, explanation: str) -> str:
    """费用 第8条3: the department's application comes with its explanation form
    [情况说明表]; a person's claim has none, and travel is a person's (第13条)."""
    text = (explanation or "").strip()
    if not is_department:
        return ""
    if is_travel:
        raise ValidationError(_("Department application"),
                              _("travel is applied for by the traveller, not by the department"))
    if not text:
        raise ValidationError(_("Explanation form"),
                              _("a department's application explains why the money is needed (费用 第8条3)"))
    return text


def require_no_receipt_reason(receipts: int, reason: str) -> str:
    """A claim is backed by its receipts [票据]; one submitted without any says in writing
    why (lost, not issued, to follow), so those who approve and pay it know. With
    receipts no reason is kept: there is nothing to explain."""
    text = (reason or "").strip()
    if receipts > 0:
        return ""
    if not text:
        raise ValidationError(_("Reason without receipts"),
                              _("attach the receipts, or write why there are none"))
    return text


def require_reason(reason: str, field: str | None = None) -> str:
    """A refusal (or a revision) says why: the author has to know what to change."""
    text = (reason or "").strip()
    if not text:
        raise ValidationError(field or _("Reason"), _("a refusal needs a reason"))
    return text
