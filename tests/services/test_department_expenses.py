"""The department's expense application [销售部申请使用销售费用] with its explanation form
(seed 001, 销售费用管控制度 第8条3) through real units of work: the sales VP reviews the
form first, then the approvers, then finance; no step skipped, nobody approves their own."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.domain.expenses.routing import ReviewerMayNotApply
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses import waiting as expense_waiting
from sales_desk.services.expenses.approvals import (
    PaymentInput,
    StepNotCurrent,
    approve_claim,
    decide_claim,
    finance_check_claim,
    gm_approve_claim,
    pay_claim,
    review_explanation,
)
from tests.services.expense_flow import approved_budget, claim, staff

EXPLAIN = "春季展会推广：租展位、印宣传册，预计带来20家新客户"


@pytest.fixture
def s(database, make_user):
    st = staff(make_user)
    approved_budget(database, st)
    return st


@pytest.fixture
def vp(make_user):
    return make_user("vp", "sales_vp")


def department_claim(amount: str, explanation: str = EXPLAIN):  # noqa: ANN201
    return claim(amount, category="advertising", item="Production", purpose="春季展会",
                 is_department=True, explanation=explanation)


def test_the_vp_reviews_the_explanation_form_then_the_gm_then_finance_then_the_cashier_pays(
        database, s, vp) -> None:
    st = expenses.apply_for_expense(database.uow(s.mgr), department_claim("3000"))
    assert st.route == ("explanation", "gm", "finance") and st.current_step == "explanation"
    assert [i.id for i in expense_waiting.waiting_for_me(database.uow(vp))] == [st.id]
    assert review_explanation(database.uow(vp), st.id, True, "说明充分").current_step == "gm"
    assert gm_approve_claim(database.uow(s.gm), st.id, True, "同意").current_step == "finance"
    finance_check_claim(database.uow(s.fin), st.id, True, "在预算内")
    pay_claim(database.uow(s.cashier), st.id, PaymentInput("transfer", "BK-0301"))
    v = expense_queries.get_claim(database.uow(vp), st.id)
    assert v.row.is_department and v.explanation == EXPLAIN and v.row.status == "paid"
    assert [(x.kind, x.actor) for x in v.steps] == [("explanation", "vp"), ("gm", "gm"), ("finance", "fin")]


def test_a_supervisors_department_application_goes_to_the_sales_manager_after_the_vp(database, s, vp) -> None:
    st = expenses.apply_for_expense(database.uow(s.sup), department_claim("100"))
    assert st.route == ("explanation", "approve", "finance")  # never the allowance
    review_explanation(database.uow(vp), st.id, True)
    assert approve_claim(database.uow(s.mgr), st.id, True).current_step == "finance"


def test_skipping_the_vps_review_is_refused(database, s, vp) -> None:
    st = expenses.apply_for_expense(database.uow(s.sup), department_claim("100"))
    with pytest.raises(StepNotCurrent):
        approve_claim(database.uow(s.mgr), st.id, True)
    with pytest.raises(StepNotCurrent):
        finance_check_claim(database.uow(s.fin), st.id, True)
    with pytest.raises(NotPermitted):
        decide_claim(database.uow(s.mgr), st.id, True)  # the current step is the VP's
    with pytest.raises(NotPermitted):
        review_explanation(database.uow(s.gm), st.id, True)  # only the VP reviews the form


def test_the_vp_refuses_with_a_reason_and_the_application_returns_to_its_author(database, s, vp) -> None:
    st = expenses.apply_for_expense(database.uow(s.mgr), department_claim("3000"))
    with pytest.raises(ValidationError):
        review_explanation(database.uow(vp), st.id, False, "")
    review_explanation(database.uow(vp), st.id, False, "未说明预期效果")
    v = expense_queries.get_claim(database.uow(s.mgr), st.id)
    assert (v.row.status, v.returned_reason) == ("returned", "未说明预期效果")
    expenses.update_claim(database.uow(s.mgr), st.id, department_claim("3000", EXPLAIN + "；预计增收50万元"))
    again = expenses.resubmit_claim(database.uow(s.mgr), st.id)
    assert again.route == ("explanation", "gm", "finance")


def test_a_department_application_without_its_explanation_form_is_refused(database, s) -> None:
    with pytest.raises(ValidationError, match="Explanation form"):
        expenses.apply_for_expense(database.uow(s.mgr), department_claim("3000", " "))


def test_the_vp_does_not_apply_for_the_department(database, s, vp) -> None:
    with pytest.raises(ReviewerMayNotApply):
        expenses.apply_for_expense(database.uow(vp), department_claim("3000"))


def test_nobody_reviews_the_explanation_form_of_their_own_application(database, admin, s) -> None:
    from sales_desk.services.admin import auth, users
    from tests.conftest import PASSWORD

    st = expenses.apply_for_expense(database.uow(s.sup), department_claim("100"))
    # the supervisor is made VP as well afterwards (a small firm, on record)…
    users.set_roles(database.uow(admin), "sup", ["sales_supervisor", "sales_vp"], justification="小公司：主管兼副总")
    both = auth.login(database.uow(), "sup", PASSWORD)
    with pytest.raises(SelfApprovalRefused):  # …and still may not pass their own application
        review_explanation(database.uow(both), st.id, True)
    assert st.id not in [i.id for i in expense_waiting.waiting_for_me(database.uow(both))]
