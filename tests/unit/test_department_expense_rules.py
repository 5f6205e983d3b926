"""The department's expense application with its explanation form [情况说明表]
(seed 001, 销售费用管控制度 第8条3), as pure rules."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Role
from sales_desk.domain.expenses.claims import Category, StepKind, require_explanation
from sales_desk.domain.expenses.routing import (
    Reason,
    ReviewerMayNotApply,
    RouteInput,
    ensure_may_apply_for_department,
    route,
)

EXPLANATION, REVIEW, APPROVE, GM, FINANCE = (StepKind.EXPLANATION, StepKind.REVIEW, StepKind.APPROVE,
                                             StepKind.GM, StepKind.FINANCE)
MANAGER = frozenset({Role.SALES_MANAGER})
SUPERVISOR = frozenset({Role.SALES_SUPERVISOR})


def department(amount: str, roles=MANAGER, allowance: str = "1000", budget: str = "20000"):  # noqa: ANN001, ANN201
    return route(RouteInput(roles, to_minor(amount), Category.ADVERTISING, False, to_minor(allowance),
                            to_minor(budget), to_minor("5000"), is_department=True))


def test_a_department_application_goes_to_the_vp_first_then_the_approvers_then_finance() -> None:
    r = department("3000")
    assert r.steps == (EXPLANATION, GM, FINANCE)  # a manager's application: the GM approves
    assert r.reasons[0] is Reason.DEPARTMENT and r.reasons[-1] is Reason.FINANCE
    assert department("3000", SUPERVISOR).steps == (EXPLANATION, APPROVE, FINANCE)


def test_a_department_application_never_spends_a_persons_allowance() -> None:
    r = department("100", SUPERVISOR, allowance="5000")
    assert not r.discretionary and r.steps == (EXPLANATION, APPROVE, FINANCE)


def test_a_department_application_at_the_threshold_or_beyond_the_budget_needs_the_gm() -> None:
    assert department("4999.99", SUPERVISOR).steps == (EXPLANATION, APPROVE, FINANCE)
    assert department("5000", SUPERVISOR).steps == (EXPLANATION, APPROVE, GM, FINANCE)
    assert department("200.01", SUPERVISOR, budget="200").steps == (EXPLANATION, APPROVE, GM, FINANCE)


def test_a_department_application_needs_its_explanation_form() -> None:
    with pytest.raises(ValidationError, match="explains why"):
        require_explanation(True, False, "   ")
    assert require_explanation(True, False, " 展会推广 ") == "展会推广"
    assert require_explanation(False, False, "ignored") == ""  # a person's claim has none


def test_travel_is_not_a_department_application() -> None:
    with pytest.raises(ValidationError):
        require_explanation(True, True, "出差")


def test_the_vp_who_reviews_explanation_forms_does_not_apply_for_the_department() -> None:
    with pytest.raises(ReviewerMayNotApply, match="第8条3"):
        ensure_may_apply_for_department({Role.SALES_VP})
    ensure_may_apply_for_department({Role.SALES_MANAGER})
