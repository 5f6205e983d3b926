"""The maintenance plan [客户维护计划] and the market information report [客户行业与市场信息报告]
print as documents of record: the five parts under the seed's headings, issued once and given
out again identically until the plan changes; a draft is its writer's alone."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from sales_desk.domain.common.errors import NotFound
from sales_desk.reports.records.issuers import give_out
from sales_desk.reports.records.relationship import issue_care_plan, issue_market_report
from sales_desk.services.relationship import care_plans, market_reports
from tests.services.test_care_services import PARTS, _customer, people  # noqa: F401 - the fixture

REPORT = {"industry_news": "集采扩面", "market": "价格下行", "customers": "两家扩产", "competitors": "新进入者",
          "suggestions": "加强回访"}


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_plan_prints_its_five_parts_and_is_reprinted_identically(database, people) -> None:  # noqa: ANN001, F811
    rep, rep2, mgr = people
    cid = _customer(database, rep)
    pid = care_plans.save_plan(database.uow(rep), cid, PARTS)
    with pytest.raises(NotFound):  # a draft is its writer's: to others it is not there
        issue_care_plan(database.uow(mgr), pid, "zh_CN")
    draft = issue_care_plan(database.uow(rep), pid, "zh_CN")
    care_plans.submit_plan(database.uow(rep), pid)
    care_plans.review_plan(database.uow(mgr), pid, True, "同意")
    ref = issue_care_plan(database.uow(mgr), pid, "zh_CN")
    assert ref.number != draft.number  # filed since: a new edition
    assert issue_care_plan(database.uow(rep), pid, "zh_CN").number == ref.number  # unchanged: the same one
    first = give_out(database.uow(mgr), ref.id, "file")
    text = _text(first.content)
    for term in ("客户维护计划", "计划摘要", "客户概况", "竞争概况", "情况评估", "维护计划", "已归档", "华东最大经销商",
                 "季度拜访", "mgr"):
        assert term in text, term
    again = give_out(database.uow(mgr), ref.id, "file")
    assert again.copy and _text(again.content).count("华东最大经销商") == 1
    en = _text(give_out(database.uow(rep), issue_care_plan(database.uow(rep), pid, "en").id, "file").content)
    assert "Plan summary" in en and "Competition" in en and "Filed away" in en
    with pytest.raises(NotFound):  # another rep does not see a customer not theirs
        issue_care_plan(database.uow(rep2), pid, "en")


def test_the_market_report_prints_in_both_languages(database, people) -> None:  # noqa: ANN001, F811
    rep, _rep2, mgr = people
    rid = market_reports.save_report(database.uow(rep), "2026-11", "healthcare", REPORT)
    market_reports.submit_report(database.uow(rep), rid)
    market_reports.review_report(database.uow(mgr), rid, True, "好")
    zh = issue_market_report(database.uow(mgr), rid, "zh_CN")
    text = _text(give_out(database.uow(mgr), zh.id, "file").content)
    for term in ("客户行业与市场信息报告", "行业动态", "市场信息", "竞争对手", "医疗卫生", "2026-11", "集采扩面", "新进入者"):
        assert term in text, term
    en = _text(give_out(database.uow(rep), issue_market_report(database.uow(rep), rid, "en").id, "file").content)
    assert "Industry developments" in en and "Healthcare" in en
