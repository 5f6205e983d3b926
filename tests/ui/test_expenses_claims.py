"""A claim on its way through the Expenses tab: reviewed by the supervisor and approved by
the manager from "waiting for me", refused only with a reason and then back with its
author to correct and resubmit, paid by the cashier only after finance has signed;
pages and actions shown by duty, refusals of the services shown when forced."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.expenses.claims import PaymentMethod
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses.approvals import finance_check_claim
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs import tabs_for
from sales_desk.ui.tabs.expenses.claim_dialog import ClaimDialog
from sales_desk.ui.tabs.expenses.claim_form import ClaimFormDialog
from sales_desk.ui.tabs.expenses.claims_page import ClaimsPage
from sales_desk.ui.tabs.expenses.waiting_page import WaitingPage
from tests.services.expense_flow import approved_budget, claim, staff
from tests.ui.conftest import idle
from tests.ui.expense_ui import open_claim, settle_form


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


@pytest.fixture
def budget(ctx, s) -> int:  # noqa: ANN001
    return approved_budget(ctx.database, s)


def apply(ctx, actor, amount: str) -> int:  # noqa: ANN001
    return expenses.apply_for_expense(ctx.uow(actor), claim(amount)).id


def state(ctx, actor, claim_id: int) -> tuple[str, str | None]:  # noqa: ANN001
    row = expense_queries.get_claim(ctx.uow(actor), claim_id).row
    return row.status, row.current_step


def waiting(qtbot, ctx, actor) -> WaitingPage:  # noqa: ANN001
    page = WaitingPage(ctx, actor)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    return page


def open_waiting(qtbot, ctx, page: WaitingPage, claim_id: int) -> ClaimDialog:  # noqa: ANN001
    row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).id == claim_id)
    page.table.selectRow(row)
    dialog = page.open_selected()
    assert isinstance(dialog, ClaimDialog)
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=10_000)
    idle(qtbot, ctx)
    return dialog


def test_the_supervisor_reviews_and_the_manager_approves_from_waiting_for_me(qtbot, ctx, s, budget) -> None:
    cid = apply(ctx, s.rep, "3000")
    page = waiting(qtbot, ctx, s.sup)
    assert page.model.rowCount() == 1 and page.model.index(0, 0).data() == "Supervisor review"
    assert page.model.index(0, 2).data() == "rep" and page.model.index(0, 3).data() == "3,000.00"
    dialog = open_waiting(qtbot, ctx, page, cid)
    assert dialog.decision_box.isVisibleTo(dialog)
    assert dialog.decision_box.title() == "Your decision: Supervisor review"
    dialog.comment.setText("情况属实")
    dialog.approve_button.click()
    idle(qtbot, ctx)
    assert state(ctx, s.rep, cid) == ("in_route", "approve")
    assert not dialog.decision_box.isVisibleTo(dialog)  # the next step is not the supervisor's
    assert page.model.rowCount() == 0 and page.count_label.text() == "Nothing waits for you."

    manager = waiting(qtbot, ctx, s.mgr)
    dialog = open_waiting(qtbot, ctx, manager, cid)
    assert dialog.status.text() == "In approval: Sales manager approval"
    dialog.approve_button.click()
    idle(qtbot, ctx)
    assert state(ctx, s.rep, cid) == ("in_route", "finance")
    steps = [[dialog.steps_model.index(r, c).data() for c in range(6)]
             for r in range(dialog.steps_model.rowCount())]
    assert [st[1:4] for st in steps] == [["Supervisor review", "Approved", "sup"],
                                         ["Sales manager approval", "Approved", "mgr"],
                                         ["Finance check", "Waiting", ""]]
    assert steps[0][5] == "情况属实" and steps[0][4] and not steps[2][4]  # when: decided steps only


def test_a_refusal_without_a_reason_is_blocked(qtbot, ctx, s, budget) -> None:
    cid = apply(ctx, s.rep, "3000")
    dialog = open_claim(qtbot, ctx, s.sup, cid)
    dialog.refuse_button.click()
    idle(qtbot, ctx)
    assert dialog.problem_label.text().startswith("A refusal needs a reason")
    assert dialog.comment.hasFocus() or QApplication.focusWidget() is dialog.comment
    assert state(ctx, s.rep, cid) == ("in_route", "review")
    dialog.comment.setText("金额偏高")
    qtbot.keyClick(dialog.comment, Qt.Key.Key_Return)  # Enter after the reason decides nothing
    idle(qtbot, ctx)
    assert state(ctx, s.rep, cid) == ("in_route", "review")


def test_a_refused_claim_returns_to_its_author_who_corrects_and_resubmits_it(qtbot, ctx, s, budget) -> None:
    cid = apply(ctx, s.rep, "3000")
    dialog = open_claim(qtbot, ctx, s.sup, cid)
    dialog.comment.setText("金额偏高，请拆分")
    dialog.refuse_button.click()
    idle(qtbot, ctx)
    assert state(ctx, s.rep, cid) == ("returned", None)
    assert dialog.status.text() == "Returned" and not dialog.decision_box.isVisibleTo(dialog)

    mine = open_claim(qtbot, ctx, s.rep, cid)
    assert mine.returned.isVisibleTo(mine) and "金额偏高，请拆分" in mine.returned.text()
    assert mine.resubmit_button.isVisibleTo(mine) and mine.withdraw_button.isVisibleTo(mine)
    assert not mine.decision_box.isVisibleTo(mine)  # nobody approves their own claim
    form = mine.correct()
    assert isinstance(form, ClaimFormDialog)
    qtbot.waitUntil(lambda: form._ready, timeout=10_000)
    settle_form(qtbot, ctx, form)
    assert form.amount.text() == "3,000.00" and form.purpose.text() == "客户招待"
    assert "金额偏高" in form.returned.text()
    form.amount.setText("1,500")
    settle_form(qtbot, ctx, form)
    assert form.route.route_text() == "Finance check"  # within the allowance now
    form.submit()
    idle(qtbot, ctx)
    assert state(ctx, s.rep, cid) == ("in_route", "finance")
    view = expense_queries.get_claim(ctx.uow(s.rep), cid)
    assert view.row.amount == to_minor("1500") and view.round == 2
    assert mine.status.text() == "In approval: Finance check"  # the open claim shows it at once


def test_the_payment_button_waits_for_finances_signature(qtbot, ctx, s, budget) -> None:
    cid = apply(ctx, s.rep, "800")
    dialog = open_claim(qtbot, ctx, s.cashier, cid)
    assert dialog.pay_button.isVisibleTo(dialog) and not dialog.pay_button.isEnabled()
    finance_check_claim(ctx.uow(s.fin), cid, True, "单据齐全")
    dialog.reload()
    idle(qtbot, ctx)
    assert dialog.pay_button.isEnabled() and "awaiting the cashier" in dialog.fields["payment"].text()
    pay = dialog.pay()
    pay.methods[PaymentMethod.TRANSFER].setChecked(True)
    pay.pay_button.click()
    idle(qtbot, ctx)
    assert pay.problem_label.text().startswith("Reference:")  # a transfer needs its bank reference
    pay.reference.setText("BK-20260312-001")
    pay.pay_button.click()
    idle(qtbot, ctx)
    assert state(ctx, s.rep, cid) == ("paid", None)
    assert dialog.fields["payment"].text().startswith("Bank transfer BK-20260312-001")
    assert not dialog.pay_button.isEnabled()
    rep_view = open_claim(qtbot, ctx, s.rep, cid)
    assert not rep_view.pay_button.isVisibleTo(rep_view)  # paying is the cashier's


def test_a_refusal_of_the_service_is_shown_in_the_dialog_when_forced(qtbot, ctx, s, budget,
                                                                      person) -> None:
    till = person("till", "finance", "cashier", justification="小公司：会计兼出纳")
    cid = apply(ctx, s.rep, "800")
    finance_check_claim(ctx.uow(till), cid, True)  # the cashier signed it for finance…
    dialog = open_claim(qtbot, ctx, till, cid)
    assert dialog.pay_button.isEnabled()
    pay = dialog.pay()
    pay.methods[PaymentMethod.CASH].setChecked(True)
    pay.pay_button.click()
    idle(qtbot, ctx)
    assert pay.problem_label.text() == "Who signed a claim for finance does not also pay it."  # …so may not pay it
    assert state(ctx, s.rep, cid) == ("signed", None)


def test_the_tab_shows_each_duty_its_pages(qtbot, ctx, s, boss, person) -> None:
    def pages(actor) -> list[str]:  # noqa: ANN001
        window = MainWindow(ctx, actor)
        qtbot.addWidget(window)
        tab = window.tab("expenses")
        return [] if tab is None else list(tab.pages)

    assert pages(s.rep) == ["claims", "travel"]
    assert pages(s.sup) == ["waiting", "claims", "travel", "budget", "analysis"]
    assert pages(s.fin) == ["waiting", "claims", "budget", "analysis"]
    assert pages(s.gm) == ["waiting", "claims", "travel", "budget", "analysis"]
    assert pages(person("wh", "warehouse")) == [] and "expenses" not in [t.key for t in tabs_for(boss)]
    idle(qtbot, ctx)


def test_a_rep_sees_only_their_own_claims_and_no_one_to_filter_by(qtbot, ctx, s, budget) -> None:
    mine, theirs = apply(ctx, s.rep, "100"), apply(ctx, s.rep2, "200")
    page = ClaimsPage(ctx, s.rep)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert [page.model.row_at(i).id for i in range(page.model.rowCount())] == [mine]
    assert not page.filters.person.isVisibleTo(page) and page.table.isColumnHidden(2)
    manager = ClaimsPage(ctx, s.mgr)
    qtbot.addWidget(manager)
    manager.show()
    idle(qtbot, ctx)
    assert [manager.model.row_at(i).id for i in range(manager.model.rowCount())] == [theirs, mine]
    manager.filters.person.setCurrentIndex(manager.filters.person.findData(s.rep2.user_id))
    idle(qtbot, ctx)
    assert [manager.model.row_at(i).id for i in range(manager.model.rowCount())] == [theirs]
    assert manager.count_label.text() == "1 claim, 200.00."


def test_keys_ctrl_n_opens_a_new_application_and_enter_opens_the_selected_claim(qtbot, ctx, s, budget) -> None:
    cid = apply(ctx, s.rep, "100")
    window = MainWindow(ctx, s.rep)
    qtbot.addWidget(window)
    window.show()
    tab = window.tab("expenses")
    window.tabs.setCurrentWidget(tab)
    travel = tab.show_page("travel")
    idle(qtbot, ctx)
    travel.table.setFocus()
    qtbot.keySequence(travel.table, QKeySequence(QKeySequence.StandardKey.New))  # from any expense page
    page = tab.pages["claims"]
    forms = page.findChildren(ClaimFormDialog)
    assert len(forms) == 1 and forms[0].submit_button.isDefault() and tab.stack.currentWidget() is page
    idle(qtbot, ctx)
    forms[0].done(0)
    window.activateWindow()  # the form was the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    page.table.selectRow(0)
    page.filters.category.setFocus()
    qtbot.keyClick(page.filters.category, Qt.Key.Key_Return)  # Enter elsewhere opens nothing
    assert not page.findChildren(ClaimDialog)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialogs = page.findChildren(ClaimDialog)
    assert len(dialogs) == 1 and dialogs[0].claim_id == cid
    idle(qtbot, ctx)
    dialogs[0].reject()
