"""Every printed form names people by their full names and statuses by their translated
labels (issue 20: the Chinese credit audit printed `partly_shipped` and `wangjianguo`).

Each kind of form the program issues (domain/common/records.py FormKind: a new kind fails
the coverage check below until it is printed here) is issued on the demo firm, in English
and in Chinese, by a demo user whose rights allow it, and read back as text: no user's login
name and no status code (snake_case, as stored) may appear in it; in Chinese no status code
at all.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import date
from enum import StrEnum

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

import sales_desk.domain as domain_pkg
from sales_desk.demo import firm as demo
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.records import FormKind
from sales_desk.models import (
    CreditInvestigation,
    ExpenseClaim,
    Rebate,
    Receivable,
    SalesOrder,
    User,
)
from sales_desk.models.dispatch import Shipment
from sales_desk.models.price_lists import PaymentSlip, PriceList
from sales_desk.models.relationship import CarePlan, MarketReport
from sales_desk.reports.records import issuers, statements
from sales_desk.reports.records.rebates import issue_rebate_statement
from sales_desk.reports.records.relationship import issue_care_plan, issue_market_report
from sales_desk.services.admin import auth
from sales_desk.services.collections import letter_data

DAY = date(2026, 12, 6)
LANGS = ("en", "zh_CN")


def _status_codes() -> set[str]:
    """Every value of every *Status enum of the domain."""
    import importlib
    import pkgutil

    codes: set[str] = set()
    for info in pkgutil.walk_packages(domain_pkg.__path__, "sales_desk.domain."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, StrEnum) and obj.__name__.endswith("Status"):
                codes |= {str(m.value) for m in obj}
    return codes


STATUS_CODES = _status_codes()


def raw_words(text: str, logins: set[str], lang: str) -> list[str]:
    """The login names and status codes `text` shows as whole words. A snake_case code is
    never English; in Chinese a one-word code (draft, final) counts where it stands among
    Chinese text, not inside an English phrase (a name, "Not final: …")."""
    words = set(re.findall(r"[A-Za-z0-9_.]+", text))
    found = sorted(w for w in words if w in logins)
    found += sorted(w for w in words if w in STATUS_CODES and "_" in w)
    if lang != "en":
        alone = re.findall(r"(?<![A-Za-z][ :,])(?<![A-Za-z])\b([a-z]+)\b(?![ :,]*[A-Za-z])", text)
        found += sorted({w for w in alone if w in STATUS_CODES})
    return found


def _pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                     for v in row if v is not None)


@pytest.fixture
def firm(database, admin, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(DAY)
    loaded = demo.load_demo(database.uow(admin))
    return [auth.login(database.uow(), u.username, u.password) for u in loaded.users]


def _subjects(database) -> dict[FormKind, list[Callable]]:  # noqa: ANN001
    """For each kind, the ways to issue one of the demo's: uow, lang → IssuedRef."""
    with database.uow() as uow:
        s = uow.session
        orders = list(s.scalars(select(SalesOrder.id).where(SalesOrder.status == "partly_shipped")))
        orders += list(s.scalars(select(SalesOrder.id).order_by(SalesOrder.id).limit(3)))
        shipments = list(s.scalars(select(Shipment.id).order_by(Shipment.id).limit(2)))
        lists = list(s.scalars(select(PriceList.id).order_by(PriceList.id)))
        slips = list(s.scalars(select(PaymentSlip.id).order_by(PaymentSlip.id)))
        detailed = list(s.scalars(select(PaymentSlip.id).where(PaymentSlip.detail_number.is_not(None))))
        investigations = s.execute(select(CreditInvestigation.customer_id, CreditInvestigation.id)
                                   .order_by(CreditInvestigation.id).limit(3)).all()
        departments = list(s.scalars(select(ExpenseClaim.id).where(ExpenseClaim.is_department.is_(True))))
        plans = list(s.scalars(select(CarePlan.id).order_by(CarePlan.status, CarePlan.id).limit(2)))
        market = list(s.scalars(select(MarketReport.id).order_by(MarketReport.id)))
        paid_rebates = list(s.scalars(select(Rebate.id).order_by(Rebate.id)))
        owing = list(s.scalars(select(Receivable.customer_id).where(Receivable.open_amount > 0)
                               .group_by(Receivable.customer_id).order_by(Receivable.customer_id).limit(3)))
    month = DAY.replace(day=1).replace(month=DAY.month - 1)

    def letters(step: str) -> list[Callable]:
        return [lambda uow, lang: issuers.issue_letter(uow(), letter_data.letters_at(uow(), step)[0], lang)]

    return {
        FormKind.LETTER_REMINDER: letters("reminder"),
        FormKind.LETTER_THANK_YOU: letters("thank_you"),
        FormKind.LETTER_DUNNING: letters("dunning"),
        FormKind.LETTER_LAWYER: letters("lawyer"),
        FormKind.CONTRACT: [lambda uow, lang, o=o: issuers.issue_contract(uow(), o, lang) for o in orders],
        FormKind.CONTRACT_INTERNAL: [lambda uow, lang, o=o: issuers.issue_contract(uow(), o, lang, internal=True)
                                     for o in orders],
        FormKind.DISPATCH_NOTE: [lambda uow, lang, i=i: issuers.issue_dispatch_note(uow(), i, lang) for i in shipments],
        FormKind.CREDIT_SHEET: [lambda uow, lang, c=c: issuers.issue_credit_form(uow(), c, FormKind.CREDIT_SHEET, lang)
                                for c, _i in investigations],
        FormKind.RATING_REPORT: [lambda uow, lang, c=c, i=i: issuers.issue_credit_form(
            uow(), c, FormKind.RATING_REPORT, lang, i) for c, i in investigations],
        FormKind.CREDIT_AUDIT: [lambda uow, lang: issuers.issue_credit_audit(uow(), month, lang)],
        FormKind.EXPENSE_REPORT: [lambda uow, lang: issuers.issue_expense_report(uow(), DAY.year, lang)],
        FormKind.EXPENSE_EXPLANATION: [lambda uow, lang, c=c: issuers.issue_expense_explanation(uow(), c, lang)
                                       for c in departments[:2]],
        FormKind.LIABILITY_STATEMENT: [lambda uow, lang: issuers.issue_liability_statement(uow(), month, lang)],
        FormKind.PRICE_LIST: [lambda uow, lang, i=i: issuers.issue_price_list(uow(), i, lang) for i in lists],
        FormKind.PAYMENT_SLIP: [lambda uow, lang, i=i: issuers.issue_payment_slip(uow(), i, lang) for i in slips[:3]],
        FormKind.STATEMENT: [lambda uow, lang, c=c: statements.issue_statement(uow(), c, DAY, lang, lang).document
                             for c in owing],
        FormKind.AUDIT_CONFIRMATION: [lambda uow, lang, c=c: statements.issue_confirmation(
            uow(), c, DAY, "立信会计师事务所", lang, lang)[0] for c in owing],
        FormKind.PAYMENT_DETAIL: [lambda uow, lang, i=i: issuers.issue_payment_slip(uow(), i, lang, detail=True)
                                  for i in detailed[:2]],
        FormKind.CARE_PLAN: [lambda uow, lang, i=i: issue_care_plan(uow(), i, lang) for i in plans],
        FormKind.MARKET_REPORT: [lambda uow, lang, i=i: issue_market_report(uow(), i, lang) for i in market],
        FormKind.REBATE_STATEMENT: [lambda uow, lang, i=i: issue_rebate_statement(uow(), i, lang)
                                    for i in paid_rebates],
    }


def _issued(database, actors, kind: FormKind, issue: Callable, lang: str) -> Iterator[bytes]:  # noqa: ANN001
    """The form as the first demo user allowed to print it gets it (rights and visibility)."""
    for actor in actors:
        if not any(actor.can(p) for p in kind.rights):
            continue
        try:
            ref = issue(lambda actor=actor: database.uow(actor), lang)
        except DomainError:
            continue  # not theirs to see: the next one
        yield issuers.on_screen(database.uow(actor), ref.id).content
        return


NOT_IN_DEMO_YET = {FormKind.QUOTATION, FormKind.PERFORMANCE_EVALUATION,
                   FormKind.COMMISSION_STATEMENT, FormKind.COMMISSION_PAYROLL}


def test_every_printed_form_names_people_by_full_name_and_statuses_by_label(database, firm) -> None:  # noqa: ANN001
    with database.uow() as uow:
        logins = {u for u in uow.session.scalars(select(User.username))}
    subjects = _subjects(database)
    kinds = set(FormKind) - NOT_IN_DEMO_YET
    assert set(subjects) == kinds, kinds - set(subjects)  # a new kind of form is printed here
    printed: dict[FormKind, int] = {}
    problems = []
    for kind, ways in subjects.items():
        for issue in ways:
            for lang in LANGS:
                for content in _issued(database, firm, kind, issue, lang):
                    text = _xlsx_text(content) if content[:2] == b"PK" else _pdf_text(content)
                    printed[kind] = printed.get(kind, 0) + 1
                    if found := raw_words(text, logins, lang):
                        problems.append(f"{kind.value} ({lang}): {', '.join(found)}")
    assert set(printed) == kinds, kinds - set(printed)  # each kind printed at least once
    assert problems == [], "\n".join(problems)


def test_the_check_sees_a_login_and_a_raw_status() -> None:
    """The check above is only as good as its reader: fed the defect's own text, it objects."""
    seen = raw_words("编制（财务部） wangjianguo 状态 partly_shipped", {"wangjianguo"}, "zh_CN")
    assert seen == ["wangjianguo", "partly_shipped"]
    assert raw_words("Prepared by 王建国 · Partly shipped", {"wangjianguo"}, "en") == []
    assert raw_words("订单 draft 客户", set(), "zh_CN") == ["draft"]
    assert raw_words("Not final: awaiting the GM", set(), "zh_CN") == []
    assert "partly_shipped" in STATUS_CODES
