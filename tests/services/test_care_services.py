"""Caring for customers through the services, on SQLite and PostgreSQL: maintenance plans
written, reviewed by another person and filed; due a year after the last; market reports;
each customer's lifecycle stage, value and churn risk from SQL aggregates."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.common.errors import (
    NotFound,
    NotPermitted,
    SelfApprovalRefused,
    ValidationError,
)
from sales_desk.domain.relationship.plans import PlanRefused
from sales_desk.models import Customer
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput
from sales_desk.services.relationship import care_plans, forms, lifecycle, market_reports
from tests.services.care_flow import add_cost, add_debt, add_order, add_product

TODAY = date(2026, 12, 6)
PARTS = {"summary": "巩固合作", "profile": "华东最大经销商", "competition": "对手降价", "assessment": "关系良好",
         "actions": "季度拜访"}


@pytest.fixture
def people(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(TODAY)
    return (make_user("rep", "sales_rep"), make_user("rep2", "sales_rep"), make_user("mgr", "sales_manager"))


def _customer(database, rep, name: str = "上海华东贸易", key: bool = True) -> int:  # noqa: ANN001
    """A customer of `rep`; a key account as if a screening had made it one (services/care:
    the customer file no longer sets the flag)."""
    cid = customers.create_customer(database.uow(rep), CustomerInput(name=name))
    if key:
        with database.uow() as uow:
            uow.session.get(Customer, cid).key_account = True
            uow.commit()
    return cid


def _not_found(database, actor, read, record_id: int) -> str:  # noqa: ANN001
    """The refusal of reading `record_id`, its number left out (to compare with a missing id's)."""
    with pytest.raises(NotFound) as caught:
        read(database.uow(actor), record_id)
    return str(caught.value).replace(str(record_id), "#")


def _filed_plan(database, rep, mgr, cid: int) -> int:  # noqa: ANN001
    pid = care_plans.save_plan(database.uow(rep), cid, PARTS)
    care_plans.submit_plan(database.uow(rep), pid)
    care_plans.review_plan(database.uow(mgr), pid, True)
    return pid


def test_plan_written_reviewed_and_filed(database, people) -> None:  # noqa: ANN001
    rep, _rep2, mgr = people
    cid = _customer(database, rep)
    pid = care_plans.save_plan(database.uow(rep), cid, {"summary": "巩固合作"})
    with pytest.raises(ValidationError):  # all five parts before review
        care_plans.submit_plan(database.uow(rep), pid)
    care_plans.save_plan(database.uow(rep), cid, PARTS, plan_id=pid)
    care_plans.submit_plan(database.uow(rep), pid)
    with pytest.raises(NotPermitted):  # a rep does not review
        care_plans.review_plan(database.uow(rep), pid, True)
    with pytest.raises(ValidationError):  # returned needs a reason
        care_plans.review_plan(database.uow(mgr), pid, False)
    care_plans.review_plan(database.uow(mgr), pid, False, "竞争部分再具体些")
    plan = care_plans.get_plan(database.uow(rep), pid)
    assert plan.status == "returned" and plan.review_note == "竞争部分再具体些"
    care_plans.save_plan(database.uow(rep), cid, {"competition": "对手降价 5%"}, plan_id=pid)
    care_plans.submit_plan(database.uow(rep), pid)
    care_plans.review_plan(database.uow(mgr), pid, True)
    plan = care_plans.get_plan(database.uow(mgr), pid)
    assert (plan.status, plan.filed_on, plan.reviewed_by) == ("filed", TODAY, "mgr")
    assert plan.number.startswith("CP2026-") and plan.part("competition") == "对手降价 5%"
    with pytest.raises(PlanRefused):  # filed: no longer changed
        care_plans.save_plan(database.uow(rep), cid, PARTS, plan_id=pid)


def test_review_by_another_person_only(database, make_user, people) -> None:  # noqa: ANN001
    both = make_user("boss", "sales_rep", "sales_manager", justification="小公司一人兼任")
    cid = _customer(database, both)
    pid = care_plans.save_plan(database.uow(both), cid, PARTS)
    care_plans.submit_plan(database.uow(both), pid)
    with pytest.raises(SelfApprovalRefused):
        care_plans.review_plan(database.uow(both), pid, True)
    care_plans.review_plan(database.uow(people[2]), pid, True)


def test_plan_written_by_the_customer_manager_for_key_accounts(database, people) -> None:  # noqa: ANN001
    rep, _rep2, mgr = people
    plain = _customer(database, rep, "普通客户", key=False)
    with pytest.raises(PlanRefused):
        care_plans.save_plan(database.uow(rep), plain, PARTS)
    with pytest.raises(NotPermitted):  # the manager reviews, does not write
        care_plans.save_plan(database.uow(mgr), _customer(database, rep, "大客户"), PARTS)


def test_plan_due_a_year_after_the_last(database, people, pin_business_date) -> None:  # noqa: ANN001
    rep, _rep2, mgr = people
    fresh = _customer(database, rep, "新大客户")
    soon = _customer(database, rep, "去年年底的")
    late = _customer(database, rep, "去年秋天的")
    done = _customer(database, rep, "今年的")
    pin_business_date(date(2025, 12, 20))
    _filed_plan(database, rep, mgr, soon)
    pin_business_date(date(2025, 11, 1))
    _filed_plan(database, rep, mgr, late)
    pin_business_date(TODAY)
    _filed_plan(database, rep, mgr, done)
    due = {d.customer_id: d for d in care_plans.plans_due(database.uow(mgr))}
    assert (due[fresh].state, due[fresh].due_on) == ("due", TODAY)  # a new key account: at once
    assert (due[soon].state, due[soon].due_on) == ("due", date(2026, 12, 20))
    assert (due[late].state, due[late].due_on) == ("late", date(2026, 11, 1))
    assert done not in due
    everyone = care_plans.plans_due(database.uow(mgr), include_not_due=True)
    assert {d.customer_id for d in everyone} == {fresh, soon, late, done}


def test_market_report_written_reviewed_filed(database, people) -> None:  # noqa: ANN001
    rep, rep2, mgr = people
    parts = {"industry_news": "集采扩面", "market": "价格下行", "customers": "两家扩产", "competitors": "新进入者",
             "suggestions": "加强回访"}
    rid = market_reports.save_report(database.uow(rep), "2026-11", "healthcare", parts)
    with pytest.raises(PlanRefused):
        market_reports.submit_report(database.uow(rep2), rid)
    assert [r.id for r in market_reports.list_reports(database.uow(rep2))] == []  # a draft is the writer's
    market_reports.submit_report(database.uow(rep), rid)
    market_reports.review_report(database.uow(mgr), rid, True, "好")
    r = market_reports.get_report(database.uow(rep2), rid)
    assert (r.status, r.period, r.industry, r.filed_on) == ("filed", "2026-11", "healthcare", TODAY)
    assert r.number.startswith("MR2026-")


def test_someone_elses_draft_or_returned_report_is_not_found(database, people) -> None:  # noqa: ANN001
    """By its id as in the list: another's draft or returned report is refused as if it did not
    exist (the same words as a missing id, on screen and in print); its writer still reads it."""
    rep, rep2, mgr = people
    parts = {"industry_news": "集采扩面", "market": "价格下行", "customers": "两家扩产", "competitors": "新进入者",
             "suggestions": "加强回访"}
    rid = market_reports.save_report(database.uow(rep), "2026-11", "healthcare", parts)
    missing = rid + 1000

    def refusal(actor, report_id: int, read=market_reports.get_report) -> str:  # noqa: ANN001
        return _not_found(database, actor, read, report_id)

    gone = refusal(rep2, missing)
    for read in (market_reports.get_report, forms.report_document):
        assert refusal(rep2, rid, read) == gone and refusal(mgr, rid, read) == gone  # a draft
    market_reports.submit_report(database.uow(rep), rid)
    assert market_reports.get_report(database.uow(mgr), rid).status == "submitted"
    market_reports.review_report(database.uow(mgr), rid, False, "补充竞争对手")
    for read in (market_reports.get_report, forms.report_document):
        assert refusal(rep2, rid, read) == gone and refusal(mgr, rid, read) == gone  # returned
    assert market_reports.get_report(database.uow(rep), rid).review_note == "补充竞争对手"
    assert forms.report_document(database.uow(rep), rid).report.id == rid
    assert [r.id for r in market_reports.list_reports(database.uow(rep2))] == []


def test_lifecycle_and_value_from_the_orders(database, people) -> None:  # noqa: ANN001
    rep, rep2, mgr = people
    prospect = _customer(database, rep, "潜在")
    new = _customer(database, rep, "新")
    mature = _customer(database, rep, "成熟")
    lost = _customer(database, rep, "流失")
    declining = _customer(database, rep2, "衰退")
    costed = add_product(database, rep.user_id, "P-COST", 10_000)
    bare = add_product(database, rep.user_id, "P-BARE", 10_000)
    add_cost(database, mgr.user_id, costed, 9_500, date(2026, 1, 1))
    add_order(database, new, rep.user_id, date(2026, 10, 1), [(bare, 5, 10_000)])
    add_order(database, mature, rep.user_id, date(2025, 6, 1), [(costed, 10, 10_000)])
    add_order(database, mature, rep.user_id, date(2026, 11, 1), [(costed, 10, 10_000)])
    add_order(database, mature, rep.user_id, date(2026, 1, 1), [(costed, 1, 10_000)], status="cancelled")
    add_order(database, lost, rep.user_id, date(2025, 12, 6), [(bare, 1, 10_000)])
    add_order(database, declining, rep2.user_id, date(2025, 1, 10), [(bare, 10, 10_000)])
    add_order(database, declining, rep2.user_id, date(2026, 1, 10), [(bare, 5, 10_000)])
    add_debt(database, declining, date(2026, 9, 1), 50_000)
    rows = {r.customer_id: r for r in lifecycle.value_analysis(database.uow(mgr))}
    assert {cid: rows[cid].stage for cid in (prospect, new, mature, lost, declining)} == {
        prospect: "prospect", new: "new", mature: "mature", lost: "lost", declining: "declining"}
    m = rows[mature]
    assert (m.sales_12m, m.sales_prior_12m, m.margin_percent, m.cost_coverage) == (100_000, 100_000, 5, 100)
    assert m.grade_reasons == ("margin",)  # 5 % margin, below the 10 % floor
    assert rows[new].margin_percent is None and rows[new].cost_coverage == 0  # no cost on file: said so
    d = rows[declining]
    assert (d.payment, d.oldest_overdue_days, d.risk) == ("poor", 96, "high")
    assert [c for c, _n in d.risk_reasons] == ["no_order", "declining", "overdue"]
    assert rows[lost].risk == "high" and rows[prospect].risk == "none"
    # a rep sees their own customers only; one customer's row for the file
    assert declining not in {r.customer_id for r in lifecycle.value_analysis(database.uow(rep))}
    assert lifecycle.customer_value(database.uow(rep), mature).stage == "mature"
    ordered = lifecycle.value_analysis(database.uow(mgr), sort="sales", descending=True)
    assert ordered[0].customer_id == mature
    assert [r.customer_id for r in lifecycle.value_analysis(database.uow(mgr), stage="lost")] == [lost]


def test_someone_elses_draft_or_returned_maintenance_plan_is_not_found(database, people) -> None:  # noqa: ANN001
    """As the market report: by its id, in the customer's plans and in print, another's draft or
    returned plan is refused as if it did not exist; its writer still reads and prints it."""
    rep, rep2, mgr = people
    cid = _customer(database, rep)
    pid = care_plans.save_plan(database.uow(rep), cid, PARTS)
    missing = pid + 1000

    def refusal(actor, plan_id: int, read=care_plans.get_plan) -> str:  # noqa: ANN001
        return _not_found(database, actor, read, plan_id)

    gone = refusal(mgr, missing)
    for read in (care_plans.get_plan, forms.plan_document):
        assert refusal(mgr, pid, read) == gone  # a draft
    assert care_plans.plans_of(database.uow(mgr), cid) == [] and care_plans.list_plans(database.uow(mgr)) == []
    care_plans.submit_plan(database.uow(rep), pid)
    assert [p.id for p in care_plans.plans_of(database.uow(mgr), cid)] == [pid]
    care_plans.review_plan(database.uow(mgr), pid, False, "补充竞争概况")
    for read in (care_plans.get_plan, forms.plan_document):
        assert refusal(mgr, pid, read) == gone  # returned
    assert care_plans.plans_of(database.uow(mgr), cid) == []
    assert care_plans.get_plan(database.uow(rep), pid).review_note == "补充竞争概况"
    assert forms.plan_document(database.uow(rep), pid).plan.id == pid
    assert [p.id for p in care_plans.plans_of(database.uow(rep), cid)] == [pid]
