"""Printed forms of the expense procedures (seed 001, 销售费用管控制度): the department's
explanation form [销售费用情况说明表] (第8条3) and the annual report's filed edition (第11条2),
issued as documents of record and read back in both languages."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from sales_desk.domain.common.errors import ValidationError
from sales_desk.reports.records.issuers import (
    give_out,
    issue_expense_explanation,
    issue_expense_report,
)
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import report_review as review
from sales_desk.services.expenses.approvals import review_explanation
from tests.services.expense_flow import YEAR, approved_budget, claim, staff

EXPLAIN = "春季展会推广：租展位、印宣传册"


def text(content: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def s(database, make_user):
    st = staff(make_user)
    approved_budget(database, st)
    return st


def test_the_explanation_form_prints_the_explanation_and_the_vps_review_in_both_languages(
        database, make_user, s) -> None:
    vp = make_user("vp", "sales_vp")
    st = expenses.apply_for_expense(database.uow(s.mgr), claim(
        "3000", category="advertising", item="Production", purpose="春季展会", is_department=True,
        explanation=EXPLAIN))
    zh = issue_expense_explanation(database.uow(s.mgr), st.id, "zh_CN")
    words = text(give_out(database.uow(s.mgr), zh.id, "file").content)
    assert "销售费用情况说明表" in words and EXPLAIN in words and "销售副总审核情况说明表" in words
    review_explanation(database.uow(vp), st.id, True, "说明充分")
    en = issue_expense_explanation(database.uow(vp), st.id, "en")
    words = text(give_out(database.uow(vp), en.id, "file").content)
    assert "Expense explanation form" in words and "说明充分" in words and "Approved" in words
    again = issue_expense_explanation(database.uow(s.mgr), st.id, "zh_CN")
    assert again.edition == 2  # the VP's decision changed what the form shows: a new edition


def test_a_persons_claim_has_no_explanation_form(database, s) -> None:
    st = expenses.apply_for_expense(database.uow(s.rep), claim("100"))
    with pytest.raises(ValidationError):
        issue_expense_explanation(database.uow(s.rep), st.id, "en")


def test_the_filed_report_is_the_edition_the_gm_read_even_after_the_figures_change(database, s) -> None:
    first = issue_expense_report(database.uow(s.mgr), YEAR, "zh_CN", "公关费用超支，明年压缩")
    sid = review.submit_report(database.uow(s.mgr), YEAR, first.id)
    review.review_report(database.uow(s.gm), sid, True, "同意存档")
    expenses.apply_for_expense(database.uow(s.rep), claim("100"))  # the year's figures move on
    later = issue_expense_report(database.uow(s.mgr), YEAR, "zh_CN", "公关费用超支，明年压缩")
    assert later.id != first.id
    review.file_report(database.uow(s.mgr), sid)
    (row,) = review.report_submissions(database.uow(s.gm), YEAR)
    assert (row.status, row.document_number) == ("filed", first.number)
    assert "年度营销费用控制报告" in text(give_out(database.uow(s.gm), row.document_id, "file").content)
