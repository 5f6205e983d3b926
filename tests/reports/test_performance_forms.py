"""The evaluation and the commission statement print in both languages as documents of record;
the payroll workbook holds each rep's net commission (issue 19)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sales_desk.domain.performance.commission import Tier
from sales_desk.reports.records.issuers import give_out
from sales_desk.reports.records.performance import (
    issue_commission_payroll,
    issue_commission_statement,
    issue_evaluation,
)
from sales_desk.services.performance import commission as com
from sales_desk.services.performance import evaluations as ev
from sales_desk.services.performance import schemes
from tests.services.collection_flow import crew, customer, invoice, pay

JUNE = date(2026, 6, 1)
WEIGHTS = {"sales": 30, "gross_profit": 20, "collection": 20, "overdue": 10, "complaints": 10, "expenses": 10}


def text(content: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def t(database, make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(date(2026, 7, 5))
    t = crew(make_user)
    sid = schemes.propose_scheme(database.uow(t.mgr), "2026 提成方案", [Tier(0, 200), Tier(5_000_000, 400)],
                                 date(2026, 1, 1))
    schemes.decide_scheme(database.uow(t.gm), sid, True)
    wid = schemes.propose_weighting(database.uow(t.mgr), WEIGHTS, date(2026, 1, 1))
    schemes.decide_weighting(database.uow(t.gm), wid, True)
    cid = customer(database, t.rep, "F100")
    invoice(database, t.fin, "F100", "F100-1", 40, 6_000_000)
    pay(database, t.fin, cid, 6_000_000, on=date(2026, 6, 5))
    return t


def test_the_evaluation_prints_with_its_feedback_in_both_languages(database, t) -> None:  # noqa: ANN001
    ev.evaluate(database.uow(t.mgr), 2026, 6)
    eid = next(r.id for r in ev.ranking(database.uow(t.mgr), 2026, 6) if r.rep_id == t.rep.user_id)
    ev.give_feedback(database.uow(t.mgr), eid, "回款及时，继续保持。")
    for lang, words in (("en", "Collection rate"), ("zh_CN", "销售人员工作表现评估表")):
        ref = issue_evaluation(database.uow(t.mgr), eid, lang)
        out = give_out(database.uow(t.mgr), ref.id, "file")
        body = text(out.content)
        assert words in body and "回款及时" in body and ref.number in body
        assert issue_evaluation(database.uow(t.mgr), eid, lang).number == ref.number  # issued once


def test_the_commission_statement_and_payroll_workbook(database, t, tmp_path) -> None:  # noqa: ANN001
    com.run_commission(database.uow(t.fin), JUNE)
    for lang, words in (("en", "Commission statement"), ("zh_CN", "提成结算单")):
        ref = issue_commission_statement(database.uow(t.fin), JUNE, t.rep.user_id, lang)
        body = text(give_out(database.uow(t.fin), ref.id, "file").content)
        assert words in body and "OB-F100-1" in body and "1,400.00" in body  # 50,000 × 2 % + 10,000 × 4 %
    ref = issue_commission_payroll(database.uow(t.fin), JUNE, "en")
    path = tmp_path / "payroll.xlsx"
    path.write_bytes(give_out(database.uow(t.fin), ref.id, "file").content)
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "Sales rep" and any(r[0] == "rep" and r[-1] == pytest.approx(1_400) for r in rows[1:])
