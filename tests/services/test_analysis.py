"""The analysis charts' figures: sales composition [客户构成分析] adds up to what was sold,
the aging totals to the collections module's report, expenses to the monthly analysis."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.models import Customer, OrderLine
from sales_desk.services.collections import aging
from sales_desk.services.expenses import analysis as expense_analysis
from sales_desk.services.expenses import budgets
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.planning import analysis
from sales_desk.services.planning.progress import plan_progress
from tests.services.collection_flow import customer, invoice
from tests.services.expense_flow import claim, monthly_lines
from tests.services.order_flow import Team, approved, credit_customer, product, ship, team, today

YEAR = today().year


@pytest.fixture
def t(make_user) -> Team:  # noqa: ANN001
    return team(make_user)


def _sold(database, t: Team) -> tuple[int, int, int]:  # noqa: ANN001
    """Two customers of two reps in two regions buy two products; their ids and the second product's."""
    a = credit_customer(database, t, "100000", name="上海东方机电有限公司")
    b = credit_customer(database, t, "100000", name="广州南方电气有限公司", rep=t.rep2)
    with database.engine.begin() as c:
        c.execute(update(Customer).where(Customer.id == a).values(region="east", value_grade="A"))
        c.execute(update(Customer).where(Customer.id == b).values(region="south", value_grade="C"))
    p1, p2 = product(database, t), product(database, t, "P-200", "250.00", "220.00", "300.00", "伺服电机")
    for cid, rep, lines in ((a, t.rep, [(p1, 10, None), (p2, 2, None)]), (b, t.rep2, [(p2, 4, None)])):
        oid = approved(database, t, cid, lines, rep=rep)
        with database.uow() as uow:
            qty = dict(uow.session.execute(select(OrderLine.id, OrderLine.quantity)
                                           .where(OrderLine.order_id == oid)).all())
        ship(database, t, oid, qty, today())
    return a, b, p2


def test_sales_composition_adds_up_to_what_was_sold_whatever_the_split(database, t) -> None:  # noqa: ANN001
    _a, _b, p2 = _sold(database, t)
    totals = {by: analysis.sales_composition(database.uow(t.gm), by.value, YEAR).total for by in analysis.SalesBy}
    assert set(totals.values()) == {1000_00 + 6 * 250_00}
    assert totals[analysis.SalesBy.REP] == plan_progress(database.uow(t.gm), YEAR).total().actual
    region = analysis.sales_composition(database.uow(t.gm), "region", YEAR)
    assert [(r.key, r.amount) for r in region.rows] == [("east", 1500_00), ("south", 1000_00)]
    value = analysis.sales_composition(database.uow(t.gm), "value_grade", YEAR)
    assert [(r.label, r.amount) for r in value.rows] == [("Grade A", 1500_00), ("Grade C", 1000_00)]
    product_rows = analysis.sales_composition(database.uow(t.gm), "product", YEAR, today().month)
    assert next(r for r in product_rows.rows if r.key == str(p2)).quantity == 6


def test_a_rep_reads_the_composition_of_their_own_sales(database, t) -> None:  # noqa: ANN001
    _sold(database, t)
    mine = analysis.sales_composition(database.uow(t.rep), "region", YEAR)
    assert [(r.key, r.amount) for r in mine.rows] == [("east", 1500_00)]
    assert analysis.sales_composition(database.uow(t.rep2), "product", YEAR).total == 1000_00
    with pytest.raises(NotPermitted):
        analysis.sales_composition(database.uow(t.fin), "region", YEAR)
    with pytest.raises(ValidationError):
        analysis.sales_composition(database.uow(t.gm), "colour", YEAR)


def test_aging_totals_are_the_collections_reports_totals(database, t) -> None:  # noqa: ANN001
    for code, days, amount in (("A1", -5, 1_000), ("A2", 10, 20_000), ("A3", 45, 300_000), ("A4", 200, 4_000_000)):
        customer(database, t.rep if code != "A4" else t.rep2, code)
        invoice(database, t.fin, code, "D-" + code, days, amount)
    totals = analysis.aging_totals(database.uow(t.fin))
    report = aging.aging_report(database.uow(t.fin))
    assert totals.amounts == report.totals and totals.total == report.total
    assert totals.customers == (1, 1, 1, 0, 0, 1)
    assert analysis.aging_totals(database.uow(t.rep)).amounts == (1_000, 20_000, 300_000, 0, 0, 0)
    assert analysis.aging_totals(database.uow(t.fin), date(YEAR - 5, 1, 1)).total == 0


def test_expenses_against_budget_count_as_the_monthly_analysis(database, t) -> None:  # noqa: ANN001
    bid = budgets.prepare_budget(database.uow(t.mgr), YEAR, monthly_lines("100"))
    budgets.submit_budget(database.uow(t.mgr), bid)
    budgets.check_budget(database.uow(t.fin), bid, True)
    budgets.approve_budget(database.uow(t.gm), bid, True)
    expenses.apply_for_expense(database.uow(t.rep), claim("80.00", on=today()))
    month = analysis.expenses_against_budget(database.uow(t.gm), YEAR, today().month)
    monthly = expense_analysis.monthly_analysis(database.uow(t.gm), YEAR, today().month)
    assert [(r.category, r.budget, r.spent) for r in month.rows] == [
        (r.key, r.budget, r.spent) for r in monthly.by_category]
    assert month.spent == 80_00 and month.budget == 700_00 and month.revision == 1
    year = analysis.expenses_against_budget(database.uow(t.gm), YEAR)
    assert year.budget == 700_00 * 12
    with pytest.raises(NotPermitted):
        analysis.expenses_against_budget(database.uow(t.wh), YEAR)
