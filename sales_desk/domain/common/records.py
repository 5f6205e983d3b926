"""Documents of record [正式文件]: which forms are issued, who may issue each, and when a
print is the original or a copy [副本].

A form is issued once per subject (a letter step, an order, a shipment, an investigation,
a month or year) and language: printing it again gives the stored bytes, never a form
rebuilt from today's data. Only when the data the form shows has changed (an order amended
before signing, a month's late entries) does a print issue a new edition, numbered anew.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date, datetime
from enum import Enum, StrEnum

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _

NUMBER_PREFIX = "DR"  # the register's own numbers: DR2026-00001
PDF = "application/pdf"  # the media types a document of record is kept in
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FormKind(StrEnum):
    LETTER_REMINDER = "letter.reminder"
    LETTER_THANK_YOU = "letter.thank_you"
    LETTER_DUNNING = "letter.dunning"
    LETTER_LAWYER = "letter.lawyer"
    CONTRACT = "contract"
    CONTRACT_INTERNAL = "contract.internal"
    DISPATCH_NOTE = "dispatch_note"
    CREDIT_SHEET = "credit_sheet"
    RATING_REPORT = "rating_report"
    CREDIT_AUDIT = "credit_audit"
    EXPENSE_REPORT = "expense_report"
    EXPENSE_EXPLANATION = "expense_explanation"  # a department application's form (费用 第8条3)
    LIABILITY_STATEMENT = "liability_statement"
    PRICE_LIST = "price_list"
    PAYMENT_SLIP = "payment_slip"
    PAYMENT_DETAIL = "payment_detail"
    STATEMENT = "statement"  # statement of account with its confirmation slip [对账单]
    AUDIT_CONFIRMATION = "audit_confirmation"  # the auditor's confirmation letter [询证函]
    QUOTATION = "quotation"  # a quotation from an opportunity [报价单] (issue 18)
    PERFORMANCE_EVALUATION = "performance_evaluation"  # 工作表现评估表 (issue 19)
    COMMISSION_STATEMENT = "commission_statement"  # 提成结算单, one per person and month
    COMMISSION_PAYROLL = "commission_payroll"  # the month's commission workbook for payroll
    REBATE_STATEMENT = "rebate_statement"  # a distributor's rebate statement [返利结算单]
    CARE_PLAN = "care_plan"  # a key customer's maintenance plan [客户维护计划]
    MARKET_REPORT = "market_report"  # the industry and market information report [客户行业与市场信息报告]

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])

    @property
    def rights(self) -> tuple[Perm, ...]:
        return ISSUE_RIGHTS[self]


KIND_LABELS: dict[FormKind, str] = {
    FormKind.LETTER_REMINDER: N_("Payment reminder"),
    FormKind.LETTER_THANK_YOU: N_("Thank-you letter"),
    FormKind.LETTER_DUNNING: N_("Dunning notice"),
    FormKind.LETTER_LAWYER: N_("Lawyer's letter"),
    FormKind.CONTRACT: N_("Sales contract"),
    FormKind.CONTRACT_INTERNAL: N_("Sales contract (internal copy)"),
    FormKind.DISPATCH_NOTE: N_("Dispatch note"),
    FormKind.CREDIT_SHEET: N_("Credit evaluation sheet"),
    FormKind.RATING_REPORT: N_("Credit rating report"),
    FormKind.CREDIT_AUDIT: N_("Credit audit"),
    FormKind.EXPENSE_REPORT: N_("Annual expense report"),
    FormKind.EXPENSE_EXPLANATION: N_("Expense explanation form"),
    FormKind.LIABILITY_STATEMENT: N_("Liability statement"),
    FormKind.PRICE_LIST: N_("Price list"),
    FormKind.PAYMENT_SLIP: N_("Payment slip"),
    FormKind.PAYMENT_DETAIL: N_("Payment detail sheet"),
    FormKind.STATEMENT: N_("Statement of account"),
    FormKind.AUDIT_CONFIRMATION: N_("Balance confirmation letter"),
    FormKind.QUOTATION: N_("Quotation"),
    FormKind.PERFORMANCE_EVALUATION: N_("Performance evaluation"),
    FormKind.COMMISSION_STATEMENT: N_("Commission statement"),
    FormKind.COMMISSION_PAYROLL: N_("Commission for payroll"),
    FormKind.REBATE_STATEMENT: N_("Rebate statement"),
    FormKind.CARE_PLAN: N_("Customer maintenance plan"),
    FormKind.MARKET_REPORT: N_("Industry and market information report"),
}

_CREDIT_FORMS = (Perm.CREDIT_INVESTIGATE, Perm.CREDIT_REVIEW_INVESTIGATION, Perm.CREDIT_APPROVE_RATING,
                 Perm.CREDIT_SET_LIMIT)
_EXPENSE_OVERSEERS = (Perm.EXPENSE_REVIEW, Perm.EXPENSE_APPROVE, Perm.EXPENSE_APPROVE_MAJOR,
                      Perm.EXPENSE_FINANCE_CHECK, Perm.EXPENSE_PAY, Perm.BUDGET_PREPARE, Perm.BUDGET_CHECK,
                      Perm.BUDGET_APPROVE)

# Who may issue each form: those whose duty it is to send or sign it (any one of these rights).
ISSUE_RIGHTS: dict[FormKind, tuple[Perm, ...]] = {
    FormKind.LETTER_REMINDER: (Perm.DUNNING_RUN,),
    FormKind.LETTER_THANK_YOU: (Perm.DUNNING_RUN,),
    FormKind.LETTER_DUNNING: (Perm.DUNNING_RUN,),
    FormKind.LETTER_LAWYER: (Perm.DUNNING_OVERSEE,),
    FormKind.CONTRACT: (Perm.ORDER_CREATE, Perm.ORDER_APPROVE),
    FormKind.CONTRACT_INTERNAL: (Perm.ORDER_CREATE, Perm.ORDER_APPROVE),
    FormKind.DISPATCH_NOTE: (Perm.DISPATCH_SHIP,),
    FormKind.CREDIT_SHEET: _CREDIT_FORMS,
    FormKind.RATING_REPORT: _CREDIT_FORMS,
    FormKind.CREDIT_AUDIT: (Perm.CREDIT_AUDIT,),
    FormKind.EXPENSE_REPORT: _EXPENSE_OVERSEERS,
    # the applicant hands it in, the VP reviews it; who sees every claim may print it too
    FormKind.EXPENSE_EXPLANATION: (Perm.EXPENSE_APPLY, Perm.EXPENSE_REVIEW_EXPLANATION, *_EXPENSE_OVERSEERS),
    FormKind.LIABILITY_STATEMENT: (Perm.CREDIT_AUDIT,),
    FormKind.PRICE_LIST: (Perm.PRICING_PROPOSE, Perm.PRICING_COST_CHECK, Perm.PRICING_SET, Perm.PRICING_APPROVE),
    FormKind.PAYMENT_SLIP: (Perm.ORDER_CREATE, Perm.PREPAYMENT_SLIP_APPROVE),
    FormKind.PAYMENT_DETAIL: (Perm.ORDER_RECORD_PREPAYMENT,),
    FormKind.STATEMENT: (Perm.STATEMENT_ISSUE,),
    FormKind.AUDIT_CONFIRMATION: (Perm.STATEMENT_RESOLVE,),
    FormKind.QUOTATION: (Perm.OPPORTUNITY_EDIT,),
    # the manager prints the evaluation the rep signs; the rep may print their own
    FormKind.PERFORMANCE_EVALUATION: (Perm.PERFORMANCE_EVALUATE, Perm.PERFORMANCE_ACKNOWLEDGE),
    FormKind.COMMISSION_STATEMENT: (Perm.COMMISSION_RUN, Perm.PERFORMANCE_ACKNOWLEDGE),
    FormKind.COMMISSION_PAYROLL: (Perm.COMMISSION_RUN,),
    FormKind.REBATE_STATEMENT: (Perm.DISTRIBUTOR_MANAGE, Perm.REBATE_APPROVE, Perm.REBATE_PAY),
    # the customer manager writes it, the sales manager reviews and files it (第11条)
    FormKind.CARE_PLAN: (Perm.CARE_WRITE_PLAN, Perm.CARE_REVIEW),
    FormKind.MARKET_REPORT: (Perm.CARE_WRITE_REPORT, Perm.CARE_REVIEW),
}

LETTER_KINDS = {"reminder": FormKind.LETTER_REMINDER, "thank_you": FormKind.LETTER_THANK_YOU,
                "dunning": FormKind.LETTER_DUNNING, "lawyer": FormKind.LETTER_LAWYER}


def may_issue(actor: Actor, kind: FormKind) -> bool:
    return any(actor.can(p) for p in kind.rights)


@dataclass(frozen=True)
class FormRequest:
    """A form about to be issued: what it is, about what, and a digest of what it shows."""

    kind: FormKind
    subject: str  # e.g. "order:29", "dunning_step:112", "month:2026-11"
    language: str
    fingerprint: str  # data_fingerprint of the data it shows
    title: str  # e.g. "Dunning notice DL2026-00011 · C0021 华东机电"
    reference: str = ""  # the form's own number, e.g. DL2026-00011 or SO2026-00029
    customer_code: str = ""  # the customer it is about, if any
    media_type: str = "application/pdf"


ISSUE_LINE = N_("Document of record {number} · issued {date} by {name}")
EDITION = N_("edition {n}")
COPY_LINE = N_("COPY of {number} · printed {date} by {name}")


@dataclass(frozen=True)
class IssueMark:
    """What an issued document carries on every page, beside the form's own footer."""

    number: str
    issued_on: date
    issued_by: str
    edition: int

    def line(self, gettext) -> str:  # noqa: ANN001 - the form's language's gettext
        text = gettext(ISSUE_LINE).format(
            number=self.number, date=self.issued_on.isoformat(), name=self.issued_by)
        if self.edition > 1:
            text += " · " + gettext(EDITION).format(n=self.edition)
        return text


def copy_mark(number: str, on: date, by: str, gettext) -> str:  # noqa: ANN001
    """The words on each page of a reprint: the same bytes, stamped as a copy [副本]."""
    return gettext(COPY_LINE).format(
        number=number, date=on.isoformat(), name=by)


def _canonical(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, *((f.name, _canonical(getattr(value, f.name))) for f in fields(value))]
    if isinstance(value, dict):
        return sorted(((str(k), _canonical(v)) for k, v in value.items()), key=lambda kv: kv[0])
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def data_fingerprint(data: object, *extra: object, without: tuple[str, ...] = ()) -> str:
    """SHA-256 of what a form shows, so that only a change of the data issues a new edition.

    `without` drops dataclass fields that change by themselves and say nothing new (the
    audit trail's head, which every issue moves)."""
    if without and is_dataclass(data) and not isinstance(data, type):
        data = replace(data, **dict.fromkeys(without))
    return hashlib.sha256(repr((_canonical(data), _canonical(extra))).encode()).hexdigest()
