"""Expense claims and budgets through real units of work (SPEC §6, seed 001 销售费用管控制度)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from sales_desk.domain.common.errors import (
    NotFound,
    NotPermitted,
    SelfApprovalRefused,
    ValidationError,
)
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.expenses.budget import BudgetStateError, BudgetStatus, RevisionNeeded
from sales_desk.domain.expenses.claims import Category
from sales_desk.domain.expenses.routing import BeyondPlan, TravelNotApproved
from sales_desk.models import AuditEntry, ExpenseAttachment
from sales_desk.services.admin import settings
from sales_desk.services.expenses import analysis as expense_analysis
from sales_desk.services.expenses import budgets, travel
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses import settings as expense_settings
from sales_desk.services.expenses import waiting as expense_waiting
from sales_desk.services.expenses.approvals import (
    AlreadyActed,
    PaymentInput,
    PaymentRefused,
    StepNotCurrent,
    approve_claim,
    decide_claim,
    finance_check_claim,
    gm_approve_claim,
    pay_claim,
    review_claim,
)
from sales_desk.services.expenses.claims import ClaimNotEditable
from sales_desk.services.expenses.queries import ClaimFilter
from sales_desk.services.expenses.travel import TravelInput, WrongTravelApprover
from tests.policy_helpers import enact_policy
from tests.services.expense_flow import (
    DEPT,
    YEAR,
    approved_budget,
    at,
    claim,
    monthly_lines,
    staff,
    utc,
)

REVIEW, APPROVE, GM, FINANCE = "review", "approve", "gm", "finance"
CASH = PaymentInput("cash", "收据 0001")


@pytest.fixture
def s(make_user):
    return staff(make_user)


@pytest.fixture
def budget(database, s) -> int:
    return approved_budget(database, s)


def apply(database, actor, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN201
    return expenses.apply_for_expense(database.uow(actor), claim(*args, **kw))


def status(database, actor, claim_id: int) -> tuple[str, str | None]:  # noqa: ANN001
    v = expense_queries.get_claim(database.uow(actor), claim_id)
    return v.row.status, v.row.current_step


def sign_and_pay(database, s, claim_id: int) -> None:  # noqa: ANN001
    finance_check_claim(database.uow(s.fin), claim_id, True, "单据齐全")
    pay_claim(database.uow(s.cashier), claim_id, CASH)


# -- each route, end to end ---------------------------------------------------------------------


def test_within_the_allowance_and_plan_a_claim_goes_straight_to_finance_then_the_cashier(
        database, s, budget) -> None:
    st = apply(database, s.rep, "2000")  # the default allowance, exactly
    assert st.route == (FINANCE,) and st.current_step == FINANCE
    finance_check_claim(database.uow(s.fin), st.id, True, "")
    assert status(database, s.rep, st.id) == ("signed", None)
    pay_claim(database.uow(s.cashier), st.id, CASH)
    view = expense_queries.get_claim(database.uow(s.rep), st.id)
    assert view.row.status == "paid" and view.payment.method == "cash" and view.payment.paid_by == "cashier"
    assert view.payment.amount == to_minor("2000")


def test_the_allowance_once_used_sends_the_next_claim_for_review(database, s, budget) -> None:
    assert apply(database, s.rep, "1500").route == (FINANCE,)
    assert apply(database, s.rep, "500.01").route == (REVIEW, APPROVE, FINANCE)
    assert apply(database, s.rep2, "500.01").route == (FINANCE,)  # allowances are per person
    assert apply(database, s.rep, "1", on=date(YEAR, 4, 1)).route == (FINANCE,)  # and per month


def test_beyond_the_allowance_the_supervisor_reviews_and_the_manager_approves(database, s, budget) -> None:
    st = apply(database, s.rep, "3000")
    assert st.route == (REVIEW, APPROVE, FINANCE)
    with pytest.raises(StepNotCurrent):
        approve_claim(database.uow(s.mgr), st.id, True)  # the review comes first
    assert review_claim(database.uow(s.sup), st.id, True, "属实").current_step == APPROVE
    assert approve_claim(database.uow(s.mgr), st.id, True, "同意").current_step == FINANCE
    sign_and_pay(database, s, st.id)
    steps = expense_queries.get_claim(database.uow(s.mgr), st.id).steps
    assert [(x.kind, x.status, x.actor, x.comment) for x in steps] == [
        (REVIEW, "approved", "sup", "属实"), (APPROVE, "approved", "mgr", "同意"),
        (FINANCE, "approved", "fin", "单据齐全")]
    assert all(x.decided_at is not None for x in steps)


def test_an_amount_exactly_at_the_threshold_needs_the_general_manager(database, s, budget) -> None:
    st = apply(database, s.rep, "5000")
    assert st.route == (REVIEW, APPROVE, GM, FINANCE)
    review_claim(database.uow(s.sup), st.id, True)
    approve_claim(database.uow(s.mgr), st.id, True)
    with pytest.raises(NotPermitted):
        gm_approve_claim(database.uow(s.mgr), st.id, True)
    gm_approve_claim(database.uow(s.gm), st.id, True, "同意")
    sign_and_pay(database, s, st.id)
    assert status(database, s.rep, st.id) == ("paid", None)


def test_a_claim_that_exhausts_the_budget_exactly_stays_inside_the_plan_one_fen_more_goes_to_the_gm(
        database, s) -> None:
    approved_budget(database, s, "1000")
    assert apply(database, s.rep, "1000").route == (FINANCE,)
    st = apply(database, s.rep2, "0.01")
    assert st.route == (REVIEW, APPROVE, GM, FINANCE)
    assert expense_queries.get_claim(database.uow(s.rep2), st.id).row.over_budget


def test_without_an_approved_budget_every_claim_is_beyond_the_budget(database, s) -> None:
    budgets.prepare_budget(database.uow(s.mgr), YEAR, monthly_lines("9000"))  # a draft does not count
    assert apply(database, s.rep, "10").route == (REVIEW, APPROVE, GM, FINANCE)


def test_a_sales_managers_claim_goes_to_the_general_manager(database, s, budget) -> None:
    assert apply(database, s.mgr, "3000").route == (GM, FINANCE)


def test_a_persons_allowance_is_the_policys_and_the_department_the_administrators(database, s, admin, budget) -> None:
    enact_policy(database, admin, {"expense.personal_allowances": {"rep": to_minor("100")}})
    expense_settings.set_expense_profile(database.uow(admin), s.rep.user_id, "华南销售部")
    preview = expense_queries.preview_route(database.uow(s.rep), "business", to_minor("150"), date(YEAR, 3, 1))
    assert preview.steps == (REVIEW, APPROVE, GM, FINANCE)  # beyond 100, and 华南 has no budget
    assert preview.department == "华南销售部" and preview.allowance.monthly == to_minor("100")
    rows = {r.username: r for r in expense_settings.list_expense_profiles(database.uow(admin))}
    assert rows["rep"].effective_allowance == to_minor("100")
    assert rows["rep2"].effective_allowance == to_minor("2000") and rows["rep2"].effective_department == DEPT
    assert "fin" not in rows  # finance does not apply for expenses


# -- the form's preview ---------------------------------------------------------------------------


def test_the_form_shows_the_budget_left_and_the_route_it_will_take(database, s, budget) -> None:
    apply(database, s.rep2, "3000")
    p = expense_queries.preview_route(database.uow(s.rep), "business", to_minor("800"), date(YEAR, 3, 20))
    assert p.figures.month_budget == to_minor("20000") and p.figures.month_left == to_minor("17000")
    assert p.figures.year_left == to_minor("237000")
    assert p.allowance.left == to_minor("2000") and p.steps == (FINANCE,) and p.discretionary
    assert p.reasons[0].zh.startswith("支配范围内")
    big = expense_queries.preview_route(database.uow(s.rep), "business", to_minor("17000.01"), date(YEAR, 3, 2))
    assert big.over_budget and big.major and big.steps == (REVIEW, APPROVE, GM, FINANCE)


def test_the_item_must_be_one_of_the_categorys_sub_items_which_are_a_setting(database, s, admin, budget) -> None:
    with pytest.raises(ValidationError):
        apply(database, s.rep, "100", item="油费")
    settings.update_settings(database.uow(admin), {"expense.items.business": "Hospitality; 油费"})
    assert apply(database, s.rep, "100", item="油费").route == (FINANCE,)
    assert expense_settings.expense_items(database.uow(s.rep))[Category.BUSINESS] == ("Hospitality", "油费")


# -- nobody approves their own claim; one person, one step ---------------------------------------


def test_nobody_approves_their_own_claim(database, make_user, s, budget) -> None:
    both = make_user("both", "sales_rep", "finance", "cashier", justification="小公司：财务、出纳兼业务")
    st = apply(database, both, "100")
    assert st.route == (FINANCE,)
    with pytest.raises(SelfApprovalRefused):
        finance_check_claim(database.uow(both), st.id, True)
    with pytest.raises(SelfApprovalRefused):
        decide_claim(database.uow(both), st.id, True)
    assert all(i.id != st.id for i in expense_waiting.waiting_for_me(database.uow(both)))
    finance_check_claim(database.uow(s.fin), st.id, True)
    with pytest.raises(SelfApprovalRefused):
        pay_claim(database.uow(both), st.id, CASH)  # nor pays it to themselves
    assert status(database, s.fin, st.id) == ("signed", None)


def test_who_approved_one_step_does_not_approve_another_of_the_same_claim(database, s, budget) -> None:
    st = apply(database, s.rep, "6000")  # review, approve, gm, finance
    review_claim(database.uow(s.sup), st.id, True)
    approve_claim(database.uow(s.gm), st.id, True)  # the GM may act for the sales manager…
    with pytest.raises(AlreadyActed):
        gm_approve_claim(database.uow(s.gm), st.id, True)  # …but not then approve it again as GM
    assert status(database, s.rep, st.id) == ("in_route", GM)


def test_who_signed_for_finance_does_not_also_pay(database, make_user, s, budget) -> None:
    # a firm too small to separate them records why; the claim still needs two people
    till = make_user("till", "finance", "cashier", justification="小公司：会计兼出纳")
    st = apply(database, s.rep, "100")
    finance_check_claim(database.uow(till), st.id, True)
    with pytest.raises(PaymentRefused):
        pay_claim(database.uow(till), st.id, CASH)
    pay_claim(database.uow(s.cashier), st.id, CASH)


# -- payment only after finance has signed -----------------------------------------------------


def test_payment_is_refused_before_finance_signs(database, s, budget) -> None:
    st = apply(database, s.rep, "3000")
    with pytest.raises(PaymentRefused):
        pay_claim(database.uow(s.cashier), st.id, CASH)
    review_claim(database.uow(s.sup), st.id, True)
    approve_claim(database.uow(s.mgr), st.id, True)
    with pytest.raises(PaymentRefused):
        pay_claim(database.uow(s.cashier), st.id, CASH)  # approved, but not yet signed
    finance_check_claim(database.uow(s.fin), st.id, True)
    with pytest.raises(ValidationError):
        pay_claim(database.uow(s.cashier), st.id, PaymentInput("transfer", ""))  # needs its reference
    pay_claim(database.uow(s.cashier), st.id, PaymentInput("transfer", "BK20260312-001", date(YEAR, 3, 12)))
    with pytest.raises(PaymentRefused):
        pay_claim(database.uow(s.cashier), st.id, CASH)  # and only once


def test_finance_does_not_sign_beyond_the_plan_unless_the_general_manager_approved(database, s) -> None:
    bid = approved_budget(database, s, "5000")
    st = apply(database, s.rep, "3000")  # within the plan: no GM on its route
    review_claim(database.uow(s.sup), st.id, True)
    approve_claim(database.uow(s.mgr), st.id, True)
    # meanwhile the budget is revised down: the claim is now beyond the month's plan
    rid = budgets.revise_budget(database.uow(s.mgr), YEAR, "压缩费用")
    budgets.prepare_budget(database.uow(s.mgr), YEAR, monthly_lines("1000"))
    budgets.submit_budget(database.uow(s.mgr), rid)
    budgets.check_budget(database.uow(s.fin), rid, True)
    budgets.approve_budget(database.uow(s.gm), rid, True)
    with pytest.raises(BeyondPlan):
        finance_check_claim(database.uow(s.fin), st.id, True)
    finance_check_claim(database.uow(s.fin), st.id, False, "超出月度支出计划，请重新申请")
    expenses.resubmit_claim(database.uow(s.rep), st.id)
    assert status(database, s.rep, st.id) == ("in_route", REVIEW)
    v = expense_queries.get_claim(database.uow(s.rep), st.id)
    assert v.row.over_budget and [x.kind for x in v.steps if x.round == 2] == [REVIEW, APPROVE, GM, FINANCE]
    assert budgets.get_budget(database.uow(s.mgr), bid).status == "superseded"


# -- refusal returns the claim to its author -----------------------------------------------------


def test_a_refusal_needs_a_reason_and_returns_the_claim_to_its_author_who_may_edit_and_resubmit(
        database, s, budget) -> None:
    st = apply(database, s.rep, "3000")
    with pytest.raises(ValidationError):
        review_claim(database.uow(s.sup), st.id, False, "  ")
    review_claim(database.uow(s.sup), st.id, False, "缺少发票")
    v = expense_queries.get_claim(database.uow(s.rep), st.id)
    assert (v.row.status, v.returned_reason) == ("returned", "缺少发票")
    assert [(x.kind, x.status) for x in v.steps] == [(REVIEW, "refused"), (APPROVE, "skipped"),
                                                      (FINANCE, "skipped")]
    with pytest.raises(NotFound):
        expenses.update_claim(database.uow(s.rep2), st.id, claim("100"))  # only its author
    with pytest.raises(StepNotCurrent):
        review_claim(database.uow(s.sup), st.id, True)  # nothing to review until resubmitted
    expenses.update_claim(database.uow(s.rep), st.id, claim("1800", purpose="客户招待（附发票）"))
    again = expenses.resubmit_claim(database.uow(s.rep), st.id)
    assert again.route == (FINANCE,)  # now within the allowance: routed afresh
    v = expense_queries.get_claim(database.uow(s.rep), st.id)
    assert v.round == 2 and v.returned_reason == "" and v.row.amount == to_minor("1800")
    with pytest.raises(ClaimNotEditable):
        expenses.update_claim(database.uow(s.rep), st.id, claim("1"))  # in route again: frozen


def test_a_returned_claim_no_longer_holds_budget_or_allowance(database, s, budget) -> None:
    st = apply(database, s.rep, "2000")
    assert apply(database, s.rep, "1").route != (FINANCE,)
    finance_check_claim(database.uow(s.fin), st.id, False, "不符合财务规定")
    assert apply(database, s.rep, "2000", on=date(YEAR, 3, 11)).route == (FINANCE,)


def test_the_author_may_withdraw_a_claim_not_yet_signed(database, s, budget) -> None:
    st = apply(database, s.rep, "3000")
    expenses.withdraw_claim(database.uow(s.rep), st.id)
    assert status(database, s.rep, st.id) == ("withdrawn", None)
    signed = apply(database, s.rep, "10")
    finance_check_claim(database.uow(s.fin), signed.id, True)
    with pytest.raises(ClaimNotEditable):
        expenses.withdraw_claim(database.uow(s.rep), signed.id)


# -- travel -------------------------------------------------------------------------------------


def _trip(database, actor, today: date, **kw):  # noqa: ANN001, ANN003, ANN202
    data = TravelInput("广州", "拜访华南客户", today + timedelta(days=3), today + timedelta(days=5),
                       to_minor("3000"), **kw)
    return travel.apply_for_travel(at(database, actor, utc(today.year, today.month, today.day)), data)


def test_a_travel_claim_without_an_approved_application_is_refused(database, s, budget) -> None:
    today = date(YEAR, 3, 1)
    with pytest.raises(TravelNotApproved):
        apply(database, s.rep, "900", item="Travel", is_travel=True)
    app = _trip(database, s.rep, today)
    with pytest.raises(TravelNotApproved):  # applied for, not yet approved
        apply(database, s.rep, "900", item="Travel", is_travel=True, travel_application_id=app)
    travel.approve_travel(database.uow(s.mgr), app, True, "同意")
    with pytest.raises(TravelNotApproved):  # someone else's trip
        apply(database, s.rep2, "900", item="Travel", is_travel=True, travel_application_id=app)
    with pytest.raises(TravelNotApproved):  # spent before applying
        apply(database, s.rep, "900", on=date(YEAR, 2, 27), item="Travel", is_travel=True,
              travel_application_id=app)
    st = apply(database, s.rep, "900", on=date(YEAR, 3, 5), item="Travel", is_travel=True,
               travel_application_id=app)
    assert st.route == (APPROVE, FINANCE)  # the sales manager, never the allowance
    with pytest.raises(TravelNotApproved):  # one application, one claim
        apply(database, s.rep, "100", on=date(YEAR, 3, 5), item="Travel", is_travel=True,
              travel_application_id=app)


def test_travel_is_applied_for_before_the_trip(database, s) -> None:
    today = date(YEAR, 3, 10)
    late = TravelInput("广州", "拜访", today - timedelta(days=1), today + timedelta(days=1), 0)
    with pytest.raises(ValidationError):
        travel.apply_for_travel(at(database, s.rep, utc(YEAR, 3, 10)), late)


def test_the_sales_managers_own_travel_goes_to_the_general_manager(database, s, budget) -> None:
    app = _trip(database, s.mgr, date(YEAR, 3, 1))
    with pytest.raises(WrongTravelApprover):
        travel.approve_travel(database.uow(s.mgr), app, True)
    waiting = {(i.kind, i.id) for i in expense_waiting.waiting_for_me(database.uow(s.gm))}
    assert ("travel", app) in waiting
    with pytest.raises(ValidationError):
        travel.gm_approve_travel(database.uow(s.gm), app, False, "")  # a refusal says why
    travel.gm_approve_travel(database.uow(s.gm), app, True, "同意出差")
    st = apply(database, s.mgr, "1200", on=date(YEAR, 3, 5), item="Travel", is_travel=True,
               travel_application_id=app)
    assert st.route == (GM, FINANCE)


# -- budgets --------------------------------------------------------------------------------------


def test_the_budget_is_prepared_by_sales_checked_by_finance_and_approved_by_the_general_manager(
        database, s) -> None:
    bid = budgets.prepare_budget(database.uow(s.mgr), YEAR, monthly_lines("100"), "年度预算")
    with pytest.raises(NotPermitted):
        budgets.approve_budget(database.uow(s.mgr), bid, True)
    with pytest.raises(NotPermitted):
        budgets.prepare_budget(database.uow(s.gm), YEAR, monthly_lines("1"))
    budgets.submit_budget(database.uow(s.mgr), bid)
    with pytest.raises(BudgetStateError):
        budgets.approve_budget(database.uow(s.gm), bid, True)  # finance has not checked it
    with pytest.raises(ValidationError):
        budgets.check_budget(database.uow(s.fin), bid, False, "")
    budgets.check_budget(database.uow(s.fin), bid, False, "广告费偏高")
    v = budgets.get_budget(database.uow(s.fin), bid)
    assert (v.status, v.returned_reason) == ("returned", "广告费偏高")
    budgets.prepare_budget(database.uow(s.mgr), YEAR, monthly_lines("90"))
    budgets.submit_budget(database.uow(s.mgr), bid)
    budgets.check_budget(database.uow(s.fin), bid, True, "")
    budgets.approve_budget(database.uow(s.gm), bid, True, "同意下发执行")
    v = budgets.get_budget(database.uow(s.gm), bid)
    assert v.status == "approved" and v.total == to_minor("90") * 12 * 7 and v.approved_by == "gm"


def test_an_approved_budget_changes_only_through_a_revision_that_is_approved_again(database, s) -> None:
    first = approved_budget(database, s, "1000")
    with pytest.raises(RevisionNeeded):
        budgets.prepare_budget(database.uow(s.mgr), YEAR, monthly_lines("5000"))
    with pytest.raises(ValidationError):
        budgets.revise_budget(database.uow(s.mgr), YEAR, "")
    rid = budgets.revise_budget(database.uow(s.mgr), YEAR, "新增展会")
    budgets.prepare_budget(database.uow(s.mgr), YEAR, monthly_lines("5000"))
    # until the revision is approved, the approved version stays in force
    assert apply(database, s.rep, "1500").route == (REVIEW, APPROVE, GM, FINANCE)
    budgets.submit_budget(database.uow(s.mgr), rid)
    budgets.check_budget(database.uow(s.fin), rid, True)
    assert apply(database, s.rep2, "1500").route == (REVIEW, APPROVE, GM, FINANCE)
    budgets.approve_budget(database.uow(s.gm), rid, True)
    assert apply(database, s.rep2, "1500", on=date(YEAR, 3, 11)).route == (FINANCE,)
    versions = budgets.budget_versions(database.uow(s.gm), YEAR)
    assert [(v.revision, v.status) for v in versions] == [(2, "approved"), (1, "superseded")]
    assert versions[0].revision_reason == "新增展会" and versions[1].id == first


def test_nobody_checks_or_approves_a_budget_they_prepared(database, make_user, s) -> None:
    odd = make_user("odd", "sales_manager", "finance", justification="兼任")
    bid = budgets.prepare_budget(database.uow(odd), YEAR, monthly_lines("1"))
    budgets.submit_budget(database.uow(odd), bid)
    with pytest.raises(SelfApprovalRefused):
        budgets.check_budget(database.uow(odd), bid, True)
    assert BudgetStatus(budgets.get_budget(database.uow(s.fin), bid).status) is BudgetStatus.SUBMITTED


# -- waiting for me, the list, the audit trail -------------------------------------------------


def test_waiting_for_me_lists_what_i_may_act_on_never_my_own(database, s, budget) -> None:
    a = apply(database, s.rep, "3000")  # at review
    b = apply(database, s.sup, "3000")  # the supervisor's own: at the manager's approval
    c = apply(database, s.rep2, "100")  # at finance
    def ids(actor):  # noqa: ANN001, ANN202
        return {(i.kind, i.id) for i in expense_waiting.waiting_for_me(database.uow(actor))}
    assert ids(s.sup) == {("claim", a.id)}
    assert ids(s.mgr) == {("claim", b.id)}
    assert ids(s.fin) == {("claim", c.id)}
    assert ids(s.rep) == set()
    finance_check_claim(database.uow(s.fin), c.id, True)
    assert ("payment", c.id) in ids(s.cashier) and ("payment", c.id) not in ids(s.fin)
    item = next(i for i in expense_waiting.waiting_for_me(database.uow(s.sup)) if i.id == a.id)
    assert item.who == "rep"  # the full name, or the user name when there is none
    assert item.amount == to_minor("3000") and item.step == REVIEW


def test_the_claim_list_pages_by_key_and_a_rep_sees_only_their_own(database, s, budget) -> None:
    made = [apply(database, s.rep if i % 3 else s.rep2, "10", on=date(YEAR, 1 + i % 12, 5)).id
            for i in range(12)]
    seen, after = [], None
    while True:
        page = expense_queries.claim_page(database.uow(s.mgr), ClaimFilter(), after, limit=5)
        seen += [r.id for r in page.rows]
        after = page.next_after
        if after is None:
            break
    assert seen == sorted(made, reverse=True)
    mine = expense_queries.claim_page(database.uow(s.rep2), ClaimFilter(), limit=100).rows
    assert {r.claimant_id for r in mine} == {s.rep2.user_id} and len(mine) == 4
    march = expense_queries.claim_page(database.uow(s.mgr), ClaimFilter(year=YEAR, month=3)).rows
    assert [r.spent_on.month for r in march] == [3]
    assert expense_queries.count_claims(database.uow(s.mgr), ClaimFilter(status="in_route")) == (
        12, to_minor("120"))
    with pytest.raises(NotFound):
        expense_queries.get_claim(database.uow(s.rep2), made[1])  # someone else's


def test_every_step_is_recorded_and_audited(database, s, budget, tmp_path) -> None:
    receipt = tmp_path / "发票 001.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    root = tmp_path / "attachments"
    st = expenses.apply_for_expense(database.uow(s.rep), claim("6000"), [receipt], root)
    review_claim(database.uow(s.sup), st.id, True, "ok")
    approve_claim(database.uow(s.mgr), st.id, True)
    gm_approve_claim(database.uow(s.gm), st.id, True)
    sign_and_pay(database, s, st.id)
    with database.uow() as uow:
        actions = [a for a, in uow.session.execute(select(AuditEntry.action).where(
            AuditEntry.entity == "expense_claim", AuditEntry.entity_id == str(st.id)).order_by(AuditEntry.seq))]
        stored = uow.session.scalars(select(ExpenseAttachment.relative_path)).one()
    assert actions == ["expense.apply", "expense.review", "expense.approve", "expense.gm",
                       "expense.finance", "expense.pay"]
    assert (root / stored).read_bytes() == b"%PDF-1.4 receipt"
    assert expense_queries.get_claim(database.uow(s.rep), st.id).attachments[0].original_name == "发票 001.pdf"


def test_the_claim_list_sorts_in_sql_by_a_column_with_the_id_breaking_ties(database, s, budget) -> None:
    amounts = ["30", "10", "20", "10", "50"]
    made = [apply(database, s.rep, a).id for a in amounts]

    def walk(sort: str, descending: bool = False) -> list[int]:
        seen, after = [], None
        while True:
            page = expense_queries.claim_page(database.uow(s.mgr), ClaimFilter(), after, limit=2, sort=sort,
                                              descending=descending)
            seen += [r.id for r in page.rows]
            if page.next_after is None:
                return seen
            after = page.next_after

    by_amount = [i for _a, i in sorted(zip((int(a) for a in amounts), made, strict=True))]
    assert walk("amount") == by_amount  # the two 10.00 claims in the order they were made
    assert walk("amount", descending=True) == [
        i for _a, i in sorted(zip((int(a) for a in amounts), made, strict=True), key=lambda p: (-p[0], -p[1]))]
    assert walk("claimant") == sorted(made)  # one claimant: all ties, by number
    with pytest.raises(ValidationError):
        expense_queries.claim_page(database.uow(s.mgr), sort="flags")


def test_a_claim_without_receipts_needs_a_written_reason(database, s, budget, tmp_path) -> None:
    with pytest.raises(ValidationError) as refused:
        apply(database, s.rep, "300", no_receipt_reason="  ")
    assert refused.value.field == "Reason without receipts"
    said = apply(database, s.rep, "3000", no_receipt_reason=" 商户未开具发票 ")  # beyond the allowance
    assert expense_queries.get_claim(database.uow(s.rep), said.id).no_receipt_reason == "商户未开具发票"
    receipt = tmp_path / "发票 002.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    backed = expenses.apply_for_expense(database.uow(s.rep), claim("300", no_receipt_reason=""), [receipt],
                                        tmp_path / "attachments")
    assert expense_queries.get_claim(database.uow(s.rep), backed.id).no_receipt_reason == ""
    # Returned, the reason taken out: it goes round again only with a reason or a receipt.
    review_claim(database.uow(s.sup), said.id, False, "请说明")
    expenses.update_claim(database.uow(s.rep), said.id, claim("3000", no_receipt_reason=""))
    with pytest.raises(ValidationError):
        expenses.resubmit_claim(database.uow(s.rep), said.id)
    expenses.attach_receipts(database.uow(s.rep), said.id, [receipt], tmp_path / "attachments")
    expenses.resubmit_claim(database.uow(s.rep), said.id)


# -- analysis -------------------------------------------------------------------------------------


def test_the_monthly_analysis_sums_by_category_department_and_person_add_up(database, s, admin, budget) -> None:
    expense_settings.set_expense_profile(database.uow(admin), s.rep2.user_id, "华南销售部")
    paid = apply(database, s.rep, "1200")
    sign_and_pay(database, s, paid.id)
    apply(database, s.rep, "300", category="advertising", item="Media")  # pending at finance
    apply(database, s.rep2, "450", category="logistics", item="Transport")
    refused = apply(database, s.rep2, "999")
    review_claim(database.uow(s.sup), refused.id, False, "重复报销")
    apply(database, s.rep, "77", on=date(YEAR, 4, 1))  # another month
    a = expense_analysis.monthly_analysis(database.uow(s.mgr), YEAR, 3)
    assert (a.total.paid, a.total.pending, a.total.claims) == (to_minor("1200"), to_minor("750"), 3)
    for rows in (a.by_category, a.by_department, a.by_person):
        assert sum(r.paid for r in rows) == a.total.paid
        assert sum(r.pending for r in rows) == a.total.pending
        assert sum(r.claims for r in rows) == a.total.claims
    cats = {r.key: r for r in a.by_category}
    assert [r.key for r in a.by_category] == [c.value for c in Category]
    assert cats["business"].budget == to_minor("20000") and cats["business"].left == to_minor("18800")
    depts = {r.key: r for r in a.by_department}
    assert depts["华南销售部"].spent == to_minor("450") and depts["华南销售部"].budget == 0
    assert depts[DEPT].budget == to_minor("20000") * 7
    assert [r.spent for r in a.by_person] == [to_minor("1500"), to_minor("450")]
    assert a.returned == 1 and a.discretionary == to_minor("1500")  # 华南 has no budget
    with pytest.raises(NotPermitted):
        expense_analysis.monthly_analysis(database.uow(s.rep), YEAR, 3)
