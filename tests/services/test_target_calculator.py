"""The target calculator beside the sales plan: last year's sales prefilled from the ledger,
the chosen figure carried into the plan with its method named; the demo's plan shows a
target worked out by two methods."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.demo import firm as demo
from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.planning.plans import PlanStateError
from sales_desk.services.admin import auth
from sales_desk.services.planning import plans
from sales_desk.services.planning.target_calculator import choose_target, target_history

DAY = date(2026, 12, 6)


@pytest.fixture
def firm(database, admin, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(DAY)
    loaded = demo.load_demo(database.uow(admin))
    return {u.username: auth.login(database.uow(), u.username, u.password) for u in loaded.users}


def test_last_years_sales_per_customer_and_per_rep_are_prefilled_from_the_ledger(database, firm) -> None:  # noqa: ANN001
    vp = next(a for a in firm.values() if "sales_vp" in a.roles)
    h = target_history(database.uow(vp), DAY.year + 1)  # next year's plan starts from this year's sales
    assert h.last_year_sales > 0 and h.customers and h.reps
    assert sum(c.last_year for c in h.customers) == h.last_year_sales
    assert sum(r.last_year for r in h.reps) == h.last_year_sales  # every demo sale has its rep
    assert all(" " in c.label for c in h.customers)  # code and name
    rep = next(a for a in firm.values() if a.roles == frozenset({"sales_rep"}))
    with pytest.raises(NotPermitted):
        target_history(database.uow(rep), DAY.year + 1)


def test_the_demo_plan_carries_a_target_worked_out_by_two_methods(database, firm) -> None:  # noqa: ANN001
    vp = next(a for a in firm.values() if "sales_vp" in a.roles)
    first = plans.plan_versions(database.uow(vp), DAY.year)[-1]
    assert first.revision == 1 and first.target_method == "rep_performance"
    assert first.target_figure == first.total("rep") * 1  # the reps' expected sales: the plan's rep lines
    assert "销售人员业绩计算法" in first.target_workings and "市场占有率计算法" in first.target_workings
    with pytest.raises(PlanStateError):  # an approved plan is not changed
        choose_target(database.uow(vp), first.id, "growth_rate", 100, "x")


def test_the_chosen_figure_is_carried_into_a_plan_being_prepared(database, firm) -> None:  # noqa: ANN001
    vp = next(a for a in firm.values() if "sales_vp" in a.roles)
    waiting = plans.plan_versions(database.uow(vp), DAY.year)[0]  # the revision awaiting the GM…
    plans.decide_plan(database.uow(firm["wangjianguo"]), waiting.id, False, "请按市场增长重新测算")  # …returned
    choose_target(database.uow(vp), waiting.id, "market_growth", 950_000_000, "8,800,000.00 × (1 + 8 %)")
    again = plans.get_plan(database.uow(vp), waiting.id)
    assert (again.target_method, again.target_figure) == ("market_growth", 950_000_000)
