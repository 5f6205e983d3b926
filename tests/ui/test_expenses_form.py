"""The expense application form [销售费用使用申请表]: the budget left and the route shown live
as it is filled in, amounts read as money, receipts copied into the data folder, travel
claims tied to an approved application, a small claim straight to finance."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sales_desk import clock
from sales_desk.domain.common.money import to_minor
from sales_desk.services.customers.data import CustomerInput
from sales_desk.services.customers.files import create_customer
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses import travel
from sales_desk.services.expenses.travel import TravelInput
from sales_desk.ui.tabs.expenses.claims_page import ClaimsPage
from tests.services.expense_flow import approved_budget, claim, staff
from tests.ui.conftest import idle
from tests.ui.expense_ui import fill, open_form, settle_form


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


@pytest.fixture
def budget(ctx, s) -> int:  # noqa: ANN001
    return approved_budget(ctx.database, s)  # 20,000 a month per category for 销售部


def test_the_budget_left_and_the_route_change_with_the_amount_as_it_is_typed(qtbot, ctx, s, budget) -> None:
    form = open_form(qtbot, ctx, s.rep)
    fill(form, "800")
    settle_form(qtbot, ctx, form)
    route = form.route
    assert route.route_text() == "Finance check"  # within the allowance and the plan
    assert route.month_budget.text() == "20,000.00" and route.left_before.text() == "20,000.00"
    assert route.left_after.text() == "19,200.00" and route.allowance_left.text() == "2,000.00"
    assert "straight to finance" in route.reasons.text()

    form.amount.setText("3,000")  # beyond the rep's allowance
    settle_form(qtbot, ctx, form)
    assert route.route_text() == "Supervisor review → Sales manager approval → Finance check"
    assert route.left_after.text() == "17,000.00"

    form.amount.setText("5000")  # at the threshold
    settle_form(qtbot, ctx, form)
    assert route.route_text() == ("Supervisor review → Sales manager approval → General manager approval → "
                                  "Finance check")

    form.amount.setText("20,000.01")  # one fen beyond the month's budget
    settle_form(qtbot, ctx, form)
    assert route.left_after.text() == "-0.01" and "b00020" in route.left_after.styleSheet()
    assert "Beyond the budget" in route.reasons.text()


def test_the_budget_left_counts_the_claims_already_holding_money(qtbot, ctx, s, budget) -> None:
    first = open_form(qtbot, ctx, s.rep2)
    fill(first, "1,500")
    settle_form(qtbot, ctx, first)
    first.submit()
    idle(qtbot, ctx)
    assert first.state is not None and first.state.route == ("finance",)
    form = open_form(qtbot, ctx, s.rep)
    fill(form, "100")
    settle_form(qtbot, ctx, form)
    assert form.route.committed.text() == "1,500.00" and form.route.left_before.text() == "18,500.00"
    assert form.route.allowance_left.text() == "2,000.00"  # allowances are per person


def test_an_amount_that_is_not_money_is_refused_naming_the_field(qtbot, ctx, s, budget) -> None:
    form = open_form(qtbot, ctx, s.rep)
    fill(form, "12,50")  # a decimal comma would read as 1,250
    settle_form(qtbot, ctx, form)
    assert form.amount_problem.isVisible() and form.amount_problem.text().startswith("Amount:")
    form.submit()
    idle(qtbot, ctx)
    assert form.problem_label.text().startswith("Amount: not an amount") and form.state is None
    assert form.isVisible()
    fill(form, "300", purpose="")
    form.submit()
    idle(qtbot, ctx)
    assert form.problem_label.text().startswith("Purpose:") and form.state is None


def test_a_small_claim_goes_straight_to_finance_and_shows_in_the_list(qtbot, ctx, s, budget) -> None:
    page = ClaimsPage(ctx, s.rep)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert page.count_label.text() == "No expense claims yet."
    form = page.new_claim()
    qtbot.waitUntil(lambda: form._ready, timeout=10_000)
    fill(form, "1,200.50", purpose="拜访客户午餐")
    settle_form(qtbot, ctx, form)
    form.submit()
    idle(qtbot, ctx)
    assert form.state is not None and form.state.route == ("finance",)
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert (row.amount, row.status, row.current_step) == (to_minor("1200.50"), "in_route", "finance")
    assert page.model.index(0, 7).data() == "In approval: Finance check"
    assert page.table.current_row() == 0  # the new claim is selected
    assert page.count_label.text() == "1 claim, 1,200.50."


def test_a_claim_names_the_customer_picked_by_code_and_reopens_showing_it(qtbot, ctx, s, budget) -> None:  # noqa: ANN001
    cid = create_customer(ctx.uow(s.rep), CustomerInput(name="杭州新星电子", code="HZ-1"))
    form = open_form(qtbot, ctx, s.rep)
    fill(form, "260")
    form.customer.setText("杭州")  # typed, not picked: refused rather than dropped
    form.submit()
    assert form.state is None and form.customer.hasFocus()
    form.customer.clear()
    qtbot.keyClicks(form.customer, "hz-1")  # a code typed in full is taken
    qtbot.waitUntil(lambda: form.customer.customer_id == cid, timeout=5000)
    settle_form(qtbot, ctx, form)
    form.submit()
    idle(qtbot, ctx)
    assert expense_queries.get_claim(ctx.uow(s.rep), form.state.id).customer == "杭州新星电子"
    own = expenses.apply_for_expense(ctx.uow(s.rep), claim("300", customer_id=cid)).id
    again = open_form(qtbot, ctx, s.rep, own)
    assert (again.customer.customer_id, again.customer.text()) == (cid, "杭州新星电子 (HZ-1)")


def test_receipts_are_copied_into_the_data_folder(qtbot, ctx, s, budget, tmp_path: Path) -> None:
    receipt = tmp_path / "发票 0001.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    form = open_form(qtbot, ctx, s.rep)
    fill(form, "260")
    form.add_receipt_path(receipt)
    form.submit()
    idle(qtbot, ctx)
    view = expense_queries.get_claim(ctx.uow(s.rep), form.state.id)
    assert [a.original_name for a in view.attachments] == ["发票 0001.pdf"]
    stored = Path(ctx.database.config.attachments_dir) / view.attachments[0].relative_path
    assert stored.read_bytes() == b"%PDF-1.4 receipt" and stored != receipt


def test_a_travel_claim_needs_the_reps_own_approved_application(qtbot, ctx, s, budget) -> None:
    start = clock.today() + timedelta(days=1)
    app_id = travel.apply_for_travel(ctx.uow(s.rep), TravelInput("成都", "拜访经销商", start, start, to_minor("900")))
    form = open_form(qtbot, ctx, s.rep)
    fill(form, "850", item="Travel", on=start)
    settle_form(qtbot, ctx, form)
    assert form.travel.isChecked() and form.travel_app.count() == 1  # not approved yet: nothing offered
    assert form.route.problem.isVisibleTo(form) and "no travel application given" in form.route.problem.text()
    assert form.route.route_text().startswith("Sales manager approval →")  # a rep's travel: the sales manager
    form.done(0)

    travel.approve_travel(ctx.uow(s.mgr), app_id, True, "同意")
    form = open_form(qtbot, ctx, s.rep)
    fill(form, "850", item="Travel", on=start)
    assert form.travel_app.count() == 2
    form.travel_app.setCurrentIndex(form.travel_app.findData(app_id))
    settle_form(qtbot, ctx, form)
    assert not form.route.problem.isVisibleTo(form)
    form.submit()
    idle(qtbot, ctx)
    assert form.state is not None and form.state.route[0] == "approve"


def test_a_claim_without_receipts_asks_for_a_written_reason(qtbot, ctx, s, budget, tmp_path) -> None:
    form = open_form(qtbot, ctx, s.rep)
    fill(form, "300", no_receipt="")
    assert form.no_receipt.isVisibleTo(form)  # no receipt yet: the reason is asked for
    form.submit()
    idle(qtbot, ctx)
    assert form.problem_label.text().startswith("Reason without receipts:") and form.state is None
    assert form.no_receipt.hasFocus()
    receipt = tmp_path / "发票.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    form.add_receipt_path(receipt)
    assert not form.no_receipt.isVisibleTo(form)  # a receipt: nothing to explain
    form.receipts.remove_receipt()
    assert form.no_receipt.isVisibleTo(form)
    form.no_receipt.setText("商户未开具发票")
    form.submit()
    idle(qtbot, ctx)
    assert form.state is not None
    assert expense_queries.get_claim(ctx.uow(s.rep), form.state.id).no_receipt_reason == "商户未开具发票"
