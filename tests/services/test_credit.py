"""Credit reviews through real units of work (SPEC §3, seed 001 第5–18条)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from sales_desk.domain.common.errors import (
    DomainError,
    NotPermitted,
    SelfApprovalRefused,
    ValidationError,
)
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.credit.checklist import ITEMS, InvestigationStatus
from sales_desk.domain.credit.limits import LimitMethod
from sales_desk.domain.credit.rating import DowngradeTrigger, PaymentMode
from sales_desk.models import AuditEntry
from sales_desk.services.admin import audit
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit import limit as credit_limit
from sales_desk.services.credit import position as credit
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.credit.investigation import CreditFigures
from sales_desk.services.customers import files as customers
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers.listing import CustomerFilter
from tests.policy_helpers import enact_policy
from tests.services.credit_flow import (
    at,
    new_customer,
    rate,
    ratings_for,
    reviewed_investigation,
    staff,
    utc,
)


@pytest.fixture
def s(make_user):
    return staff(make_user)


@pytest.fixture
def cid(database, s) -> int:
    return new_customer(database, s.rep)


FIGURES = CreditFigures(
    statement_date=date(2025, 12, 31), current_assets=to_minor("6000000"),
    current_liabilities=to_minor("2000000"), total_assets=to_minor("20000000"),
    total_liabilities=to_minor("12000000"), annual_revenue=to_minor("30000000"),
    net_profit=to_minor("1500000"), expected_annual_sales=to_minor("10000000"),
    cost_rate_bp=7500, supply_share_bp=4000, supplier_count=4)


# -- investigation ---------------------------------------------------------------------------


def test_investigation_starts_with_every_checklist_item_not_received(database, s, cid) -> None:
    inv_id = inv_svc.open_investigation(database.uow(s.spec), cid)
    view = inv_svc.get_investigation(database.uow(s.fin), inv_id)
    assert [i.key for i in view.items] == [i.key for i in ITEMS]
    assert not any(i.received or i.stamped for i in view.items)
    with pytest.raises(DomainError):
        inv_svc.open_investigation(database.uow(s.spec), cid)  # one at a time


def test_investigation_is_submitted_only_with_a_report_and_stamped_documents(database, s, cid) -> None:
    inv_id = inv_svc.open_investigation(database.uow(s.spec), cid)
    with pytest.raises(ValidationError):
        inv_svc.submit_investigation(database.uow(s.spec), inv_id)
    inv_svc.write_report(database.uow(s.spec), inv_id, "调查报告")
    inv_svc.record_item(database.uow(s.spec), inv_id, "business_licence", True, date(2026, 1, 3))
    with pytest.raises(ValidationError):
        inv_svc.submit_investigation(database.uow(s.spec), inv_id)  # received, not stamped
    inv_svc.record_item(database.uow(s.spec), inv_id, "business_licence", True, date(2026, 1, 3), True)
    inv_svc.submit_investigation(database.uow(s.spec), inv_id)
    with pytest.raises(DomainError):
        inv_svc.write_report(database.uow(s.spec), inv_id, "改")  # handed over: frozen


def test_an_item_not_received_can_be_neither_stamped_nor_attached(database, s, cid) -> None:
    inv_id = inv_svc.open_investigation(database.uow(s.spec), cid)
    with pytest.raises(ValidationError):
        inv_svc.record_item(database.uow(s.spec), inv_id, "articles", False, stamped=True)


def test_finance_reviews_the_investigation_never_the_investigator(database, s, cid, make_user) -> None:
    both = make_user("both", "cs_specialist", "finance")
    inv_id = inv_svc.open_investigation(database.uow(both), cid)
    inv_svc.write_report(database.uow(both), inv_id, "报告")
    inv_svc.submit_investigation(database.uow(both), inv_id)
    with pytest.raises(SelfApprovalRefused):
        inv_svc.review_investigation(database.uow(both), inv_id, True)
    with pytest.raises(NotPermitted):
        inv_svc.review_investigation(database.uow(s.spec), inv_id, True)
    inv_svc.review_investigation(database.uow(s.fin), inv_id, True)
    assert inv_svc.get_investigation(database.uow(s.fin), inv_id).status == InvestigationStatus.REVIEWED


def test_returned_investigation_needs_a_note_and_goes_back_to_the_investigator(database, s, cid) -> None:
    inv_id = inv_svc.open_investigation(database.uow(s.spec), cid)
    inv_svc.write_report(database.uow(s.spec), inv_id, "报告")
    inv_svc.submit_investigation(database.uow(s.spec), inv_id)
    with pytest.raises(ValidationError):
        inv_svc.review_investigation(database.uow(s.fin), inv_id, False)
    inv_svc.review_investigation(database.uow(s.fin), inv_id, False, "缺少审计报告")
    inv_svc.write_report(database.uow(s.spec), inv_id, "报告（补充审计报告）")
    inv_svc.submit_investigation(database.uow(s.spec), inv_id)
    queue = inv_svc.list_investigations(database.uow(s.fin), InvestigationStatus.SUBMITTED)
    assert [r.id for r in queue] == [inv_id]


# -- rating --------------------------------------------------------------------------------------


def test_rating_needs_an_investigation_finance_has_reviewed(database, s, cid) -> None:
    inv_id = inv_svc.open_investigation(database.uow(s.spec), cid)
    with pytest.raises(DomainError):
        credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings_for(90))


def test_specialist_cannot_approve_a_rating(database, s, cid) -> None:
    inv_id = reviewed_investigation(database, s, cid)
    pid = credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings_for(90))
    with pytest.raises(NotPermitted):
        credit_rating.decide_rating(database.uow(s.spec), pid, True)


def test_specialist_cannot_approve_own_rating_even_holding_both_roles(database, s, cid, make_user) -> None:
    both = make_user("both", "cs_specialist", "cs_manager", justification="三人小公司")
    inv_id = reviewed_investigation(database, s, cid)
    pid = credit_rating.propose_rating(database.uow(both), inv_id, ratings_for(90))
    with pytest.raises(SelfApprovalRefused):
        credit_rating.decide_rating(database.uow(both), pid, True)
    assert credit_rating.decide_rating(database.uow(s.csm), pid, True) is not None


def test_approved_rating_sets_grade_history_and_the_annual_rerating_date(database, s, cid) -> None:
    rate(database, s, cid, 85, when=utc(2026, 3, 15))
    pos = credit.get_credit_position(at(database, s.mgr, utc(2026, 3, 15)), cid)
    assert (pos.grade, pos.score, pos.last_rated_on) == ("A", 85, date(2026, 3, 15))
    assert pos.rerating_due_on == date(2027, 3, 15) and not pos.rerating_due
    history = credit.rating_history(database.uow(s.rep), cid)
    assert [(h.grade, h.proposed_by, h.approved_by) for h in history] == [("A", "spec", "csm")]


def test_grade_follows_the_bands_at_the_edge(database, s, make_user) -> None:
    for score, grade in ((84, "B"), (70, "B"), (69, "C"), (54, "D")):
        c = new_customer(database, s.rep, name=f"客户{score}")
        rate(database, s, c, score)
        assert customers.customer_card(database.uow(s.rep), c).credit_grade == grade, score


def test_rejection_needs_a_note_and_leaves_the_grade(database, s, cid) -> None:
    inv_id = reviewed_investigation(database, s, cid)
    pid = credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings_for(90))
    with pytest.raises(ValidationError):
        credit_rating.decide_rating(database.uow(s.csm), pid, False)
    credit_rating.decide_rating(database.uow(s.csm), pid, False, "财务数据需更新")
    assert customers.customer_card(database.uow(s.rep), cid).credit_grade is None


def test_annual_rerating_due_list(database, s, cid) -> None:
    rate(database, s, cid, 75, when=utc(2025, 6, 1))
    due = credit.reratings_due(database.uow(s.csm), as_of=date(2026, 5, 31))
    assert due == []
    due = credit.reratings_due(database.uow(s.csm), as_of=date(2026, 6, 1))
    assert [d.customer_id for d in due] == [cid]


# -- limits: separation of duties and the grade policy ------------------------------------------


def test_investigator_cannot_set_limit(database, s, cid, make_user) -> None:
    with pytest.raises(NotPermitted):
        credit_limit.set_credit_limit(database.uow(s.spec), cid, to_minor("50000"), 30)
    both = make_user("both", "cs_specialist", "sales_manager", justification="人手不足")
    inv_id = reviewed_investigation(database, s, cid)
    pid = credit_rating.propose_rating(database.uow(both), inv_id, ratings_for(80))
    credit_rating.decide_rating(database.uow(s.csm), pid, True)
    with pytest.raises(credit_limit.InvestigatorCannotSetLimit):
        credit_limit.set_credit_limit(database.uow(both), cid, to_minor("50000"), 30, reasons="试用")
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("50000"), 30, reasons="试用")


def test_limit_needs_a_rating(database, s, cid) -> None:
    with pytest.raises(credit_limit.NotRated):
        credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("50000"), 30, reasons="x")


def test_grade_b_limit_starts_at_the_base_and_rises_step_by_step(database, s, cid) -> None:
    rate(database, s, cid, 75)
    with pytest.raises(ValidationError):
        credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("100000.01"), 60, reasons="x")
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("100000"), 60, reasons="基数")
    with pytest.raises(ValidationError):
        credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("150000.01"), 60, reasons="x")
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("150000"), 60, reasons="逐步放宽")
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert (pos.limit, pos.term_days, pos.payment_mode) == (to_minor("150000"), 60, "credit")
    assert [r.amount for r in credit.limit_history(database.uow(s.rep), cid)] == [
        to_minor("150000"), to_minor("100000")]


def test_grade_d_gets_no_credit(database, s, cid) -> None:
    rate(database, s, cid, 50)
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert (pos.grade, pos.limit, pos.payment_mode) == ("D", 0, "prepayment")
    with pytest.raises(ValidationError):
        credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("1000"), 7, reasons="x")
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, 0, 0, PaymentMode.CASH_ON_DELIVERY,
                                  reasons="货到付款")


def test_a_lower_grade_brings_the_existing_limit_inside_its_policy(database, s, cid) -> None:
    rate(database, s, cid, 90)
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("500000"), None, reasons="大客户")
    rate(database, s, cid, 60)  # C: at most 30,000.00 and 30 days
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert (pos.grade, pos.limit, pos.term_days) == ("C", to_minor("30000"), 30)
    assert credit.limit_history(database.uow(s.rep), cid)[0].automatic


def test_limit_calculator_shows_all_five_methods_from_the_investigation_figures(database, s, cid) -> None:
    rate(database, s, cid, 75, figures=FIGURES)
    view = credit_limit.limit_calculator(database.uow(s.mgr), cid)
    amounts = {r.method: r.amount for r in view.results}
    assert amounts == {
        LimitMethod.SALES: to_minor("493150.68"),  # 10m × 75 % × 40 % × 60/365 (B: 60 days)
        LimitMethod.WORKING_CAPITAL: to_minor("1000000"),  # (6m − 2m) ÷ 4
        LimitMethod.CURRENT_RATIO: to_minor("150000"),  # ratio 3 vs norm 2: 100,000 × 1.5
        LimitMethod.NET_ASSETS: to_minor("2000000"),  # (20m − 12m) ÷ 4
        LimitMethod.JUDGEMENT: None,
    }
    assert view.max_limit == to_minor("100000") and view.max_term_days == 60
    with_judgement = credit_limit.limit_calculator(database.uow(s.mgr), cid, {
        "judgement_amount": to_minor("80000"), "judgement_reasons": "回款良好", "supplier_count": 8})
    amounts = {r.method: r.amount for r in with_judgement.results}
    assert amounts[LimitMethod.JUDGEMENT] == to_minor("80000")
    assert amounts[LimitMethod.NET_ASSETS] == to_minor("1000000")


def test_limit_other_than_the_chosen_method_needs_reasons(database, s, cid) -> None:
    rate(database, s, cid, 90, figures=FIGURES)
    with pytest.raises(ValidationError):
        credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("100000"), 60,
                                      method=LimitMethod.CURRENT_RATIO)
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("150000"), 60,
                                  method=LimitMethod.CURRENT_RATIO)
    with pytest.raises(ValidationError):
        credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("100000"), 60)  # judgement


# -- downgrade triggers and credit hold ---------------------------------------------------------


def test_trigger_puts_the_customer_on_credit_hold_at_once(database, s, cid) -> None:
    rate(database, s, cid, 80)
    credit.record_trigger(database.uow(s.spec), cid, DowngradeTrigger.MAJOR_BREACH, date(2026, 1, 2),
                          "拖欠货款且拒绝对账")
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert pos.on_hold and pos.hold_since is not None and pos.rerating_due
    held = customer_list.list_customers(database.uow(s.mgr), CustomerFilter(credit_hold=True)).rows
    assert [r.id for r in held] == [cid]
    with pytest.raises(credit_limit.CreditOnHold):
        credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("1000"), 30, reasons="x")
    assert [t.trigger for t in credit.triggers_of(database.uow(s.csm), cid)] == ["major_breach"]


def test_trigger_needs_a_description_and_the_right(database, s, cid) -> None:
    with pytest.raises(ValidationError):
        credit.record_trigger(database.uow(s.spec), cid, DowngradeTrigger.OTHER, date(2026, 1, 2), " ")
    with pytest.raises(NotPermitted):
        credit.record_trigger(database.uow(s.rep), cid, DowngradeTrigger.OTHER, date(2026, 1, 2), "x")


def test_hold_is_released_only_by_a_new_approved_rating(database, s, cid) -> None:
    rate(database, s, cid, 80)
    credit.record_trigger(database.uow(s.csm), cid, DowngradeTrigger.OPERATING_DIFFICULTY,
                          date(2026, 1, 2), "主要财务指标恶化")
    inv_id = reviewed_investigation(database, s, cid)
    pid = credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings_for(60))
    credit_rating.decide_rating(database.uow(s.csm), pid, False, "请补充最新报表")
    assert credit.get_credit_position(database.uow(s.rep), cid).on_hold  # a rejection does not release
    pid = credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings_for(60))
    credit_rating.decide_rating(database.uow(s.csm), pid, True)
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert not pos.on_hold and pos.grade == "C"


def test_hold_is_not_released_by_a_rating_proposed_before_the_trigger(database, s, cid) -> None:
    inv_id = reviewed_investigation(database, s, cid)
    pid = credit_rating.propose_rating(at(database, s.spec, utc(2026, 1, 1)), inv_id, ratings_for(90))
    credit.record_trigger(at(database, s.spec, utc(2026, 1, 2)), cid, DowngradeTrigger.LEGAL_CASE,
                          date(2026, 1, 2), "法定代表人涉案")
    credit_rating.decide_rating(at(database, s.csm, utc(2026, 1, 3)), pid, True, "旧评级已核实")  # above D
    pos = credit.get_credit_position(at(database, s.rep, utc(2026, 1, 3)), cid)
    assert pos.grade == "A" and pos.on_hold and pos.rerating_due


# -- scorecard weights, audit -------------------------------------------------------------------


def test_weights_in_force_apply_to_new_proposals_and_old_ones_keep_theirs(database, s, cid, admin) -> None:
    inv_id = reviewed_investigation(database, s, cid)
    ratings = ratings_for(80) | {"payment_record": 100}
    first = credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings)
    assert credit_rating.get_proposal(database.uow(s.csm), first).total_score == 83  # 80 + 15 × 20 %
    enact_policy(database, admin, {"credit.weight.payment_record": 25, "credit.weight.company_size": 0,
                                   "credit.weight.management": 0})
    credit_rating.decide_rating(database.uow(s.csm), first, False, "重评")
    second = credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings)
    assert credit_rating.get_proposal(database.uow(s.csm), second).total_score == 85  # 80 + 25 × 20 %
    first_view = credit_rating.get_proposal(database.uow(s.csm), first)
    assert {ln.indicator: ln.weight for ln in first_view.lines}["payment_record"] == 15


def test_every_credit_change_is_audited_and_the_chain_holds(database, s, cid, make_user) -> None:
    rate(database, s, cid, 80, figures=FIGURES)
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("100000"), 60, reasons="基数")
    credit.record_trigger(database.uow(s.spec), cid, DowngradeTrigger.OTHER, date(2026, 1, 2), "传闻")
    with database.uow() as uow:
        rows = list(uow.session.execute(select(AuditEntry.action, AuditEntry.after)))
    actions = {a for a, _ in rows}
    for a in ("credit.investigation_open", "credit.investigation_item", "credit.investigation_figures",
              "credit.investigation_submit", "credit.investigation_review", "credit.rating_propose",
              "credit.rating_approve", "credit.set_limit", "credit.trigger"):
        assert a in actions, a
    limit_after = next(after for a, after in rows if a == "credit.set_limit")
    assert '"credit_limit":10000000' in limit_after  # money as integer minor units
    gm = make_user("boss", "gm")
    assert audit.verify_chain(database.uow(gm)).ok
