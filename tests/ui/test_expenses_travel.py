"""Travel applications on the Travel page: applied for before the trip, a rep's decided by the
sales manager and the sales manager's by the general manager (from waiting for me), a
refusal with its reason, and the approved trip claimed from its row."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sales_desk import clock
from sales_desk.domain.common.money import to_minor
from sales_desk.services.expenses import travel
from sales_desk.services.expenses.travel import TravelInput
from sales_desk.ui.tabs.expenses.travel_dialogs import TravelDecisionDialog
from sales_desk.ui.tabs.expenses.travel_page import TravelPage
from sales_desk.ui.tabs.expenses.waiting_page import WaitingPage
from tests.services.expense_flow import approved_budget, staff
from tests.ui.conftest import idle
from tests.ui.expense_ui import qdate, settle_form


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


def travel_page(qtbot, ctx, actor) -> TravelPage:  # noqa: ANN001
    page = TravelPage(ctx, actor)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    return page


def test_a_rep_applies_before_the_trip_and_the_sales_manager_decides(qtbot, ctx, s) -> None:
    page = travel_page(qtbot, ctx, s.rep)
    assert not page.whose.isVisibleTo(page) and not page.decide_button.isVisibleTo(page)
    dialog = page.apply()
    assert dialog.note.text().endswith("The sales manager approves it.")
    dialog.destination.setText("成都")
    dialog.purpose.setText("拜访西南区经销商")
    dialog.start_on.setDate(qdate(clock.today() - timedelta(days=1)))  # already under way: too late
    dialog.estimate.setText("3,600")
    dialog.apply()
    idle(qtbot, ctx)
    assert dialog.problem_label.text().startswith("Start date: travel is applied for before it starts")
    dialog.start_on.setDate(qdate(clock.today() + timedelta(days=3)))
    dialog.end_on.setDate(qdate(clock.today() + timedelta(days=5)))
    dialog.apply()
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert (row.destination, row.status, row.approver_kind) == ("成都", "pending", "approve")
    assert page.model.index(0, 6).data() == "Sales manager"

    waiting = WaitingPage(ctx, s.mgr)
    qtbot.addWidget(waiting)
    waiting.show()
    idle(qtbot, ctx)
    assert waiting.model.index(0, 0).data() == "Travel application: Sales manager approval"
    waiting.table.selectRow(0)
    decision = waiting.open_selected()
    assert isinstance(decision, TravelDecisionDialog)
    idle(qtbot, ctx)
    assert "Destination: 成都" in decision.details.text()
    decision.refuse()
    assert decision.problem_label.text().startswith("A refusal needs a reason")
    decision.approve()
    idle(qtbot, ctx)
    assert travel.list_travel(ctx.uow(s.rep))[0].status == "approved"
    assert waiting.model.rowCount() == 0


def test_the_sales_managers_travel_is_for_the_general_manager(qtbot, ctx, s) -> None:
    start = clock.today() + timedelta(days=2)
    app_id = travel.apply_for_travel(ctx.uow(s.mgr), TravelInput("北京", "订货会", start, start, to_minor("4200")))
    mine = travel_page(qtbot, ctx, s.mgr)  # the manager decides others' travel, never their own
    mine.whose.setCurrentIndex(mine.whose.findData(False))
    idle(qtbot, ctx)
    own = next(i for i in range(mine.model.rowCount()) if mine.model.row_at(i).id == app_id)
    mine.table.selectRow(own)
    assert not mine.decide_button.isEnabled()
    gm = travel_page(qtbot, ctx, s.gm)
    assert gm.model.index(0, 6).data() == "General manager"
    gm.table.selectRow(0)
    assert gm.decide_button.isEnabled()
    decision = gm.decide()
    decision.comment.setText("同意")
    decision.approve()
    idle(qtbot, ctx)
    assert gm.model.row_at(0).status == "approved"


def test_an_approved_trip_is_claimed_from_its_row(qtbot, ctx, s) -> None:
    approved_budget(ctx.database, s)
    start = clock.today() + timedelta(days=1)
    app_id = travel.apply_for_travel(ctx.uow(s.rep), TravelInput("杭州", "客户回访", start, start, to_minor("900")))
    travel.approve_travel(ctx.uow(s.mgr), app_id, True)
    page = travel_page(qtbot, ctx, s.rep)
    page.table.selectRow(0)
    assert page.claim_button.isEnabled() and page.withdraw_button.isEnabled()
    form = page.claim()
    qtbot.waitUntil(lambda: form._ready, timeout=10_000)
    assert form.travel.isChecked() and form.item.currentData() == "Travel"
    assert form.travel_app.currentData() == app_id
    form.spent_on.setDate(qdate(start))
    form.amount.setText("860")
    form.purpose.setText("杭州客户回访差旅费")
    form.no_receipt.setText("车票随后补交")
    settle_form(qtbot, ctx, form)
    assert not form.route.problem.isVisibleTo(form)
    form.submit()
    idle(qtbot, ctx)
    assert form.state is not None
    assert page.model.row_at(0).claimed and not page.claim_button.isEnabled()
    assert page.model.index(0, 7).data() == "Approved, claimed"
