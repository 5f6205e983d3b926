"""Credit tab: the limit calculator side by side, the sales manager's decision, and who may not take it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.credit.limits import LimitMethod
from sales_desk.domain.credit.rating import DowngradeTrigger, PaymentMode
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit import position as credit
from sales_desk.services.credit.investigation import CreditFigures
from sales_desk.ui.tabs.credit.calculator import CalculatorDialog
from sales_desk.ui.tabs.credit.customers_page import CustomersPage
from sales_desk.ui.tabs.credit.tab import CreditTab
from tests.services.credit_flow import new_customer, rate, staff
from tests.ui.conftest import idle

FIGURES = CreditFigures(
    statement_date=date(2025, 12, 31), current_assets=to_minor("6000000"),
    current_liabilities=to_minor("2000000"), total_assets=to_minor("20000000"),
    total_liabilities=to_minor("12000000"), annual_revenue=to_minor("30000000"),
    net_profit=to_minor("1500000"), expected_annual_sales=to_minor("10000000"),
    cost_rate_bp=7500, supply_share_bp=4000, supplier_count=4)


@pytest.fixture
def s(person):  # noqa: ANN001
    return staff(person)


@pytest.fixture
def cid(ctx, s) -> int:  # noqa: ANN001
    return new_customer(ctx.database, s.rep)


def _calculator(qtbot, ctx, actor, cid: int, **kw) -> CalculatorDialog:  # noqa: ANN001
    dialog = CalculatorDialog(ctx, actor, cid, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    return dialog


def test_sales_manager_sees_five_methods_side_by_side_and_sets_a_limit(qtbot, ctx, s, cid, messages) -> None:  # noqa: ANN001
    rate(ctx.database, s, cid, 75, figures=FIGURES)  # grade B: at most 100,000.00 and 60 days at first
    tab = CreditTab(ctx, s.mgr)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    idle(qtbot, ctx)
    page = tab.pages["customers"]
    assert isinstance(page, CustomersPage) and tab.stack.currentWidget() is page
    page.select_row(0)
    idle(qtbot, ctx)
    assert page.panel.calculator_button.isVisible() and not page.panel.investigate_button.isVisible()
    dialog = page.panel.open_calculator()
    idle(qtbot, ctx)

    amounts = {m: card.amount.text() for m, card in dialog.cards.items()}
    assert amounts == {  # the worked examples of the service tests, shown as money
        LimitMethod.SALES: "493,150.68",  # 10m × 75 % × 40 % × 60/365
        LimitMethod.WORKING_CAPITAL: "1,000,000.00",  # (6m − 2m) ÷ 4
        LimitMethod.CURRENT_RATIO: "150,000.00",  # ratio 3 vs norm 2: 100,000 × 1.5
        LimitMethod.NET_ASSETS: "2,000,000.00",  # (20m − 12m) ÷ 4
        LimitMethod.JUDGEMENT: "—",
    }
    cards = [dialog.cards[m] for m in LimitMethod]
    assert len({c.geometry().top() for c in cards}) == 1  # one row
    assert [c.geometry().left() for c in cards] == sorted(c.geometry().left() for c in cards)
    assert "Above what the grade allows" in dialog.cards[LimitMethod.NET_ASSETS].note.text()
    assert "100,000.00" in dialog.standing.text() and "60 days" in dialog.standing.text()

    # A changed figure recalculates: eight suppliers halve the split methods.
    dialog.inputs["supplier_count"].setValue(8)
    qtbot.mouseClick(dialog.recalculate_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert dialog.cards[LimitMethod.NET_ASSETS].amount.text() == "1,000,000.00"

    dialog.cards[LimitMethod.CURRENT_RATIO].use.click()
    assert dialog.limit_edit.text() == "150,000.00"
    dialog.term_spin.setValue(60)
    dialog.set_button.click()  # above the B base: refused, said why, dialog stays
    idle(qtbot, ctx)
    assert "at most 100,000.00" in dialog.problem_label.text() and dialog.isVisible()
    dialog.limit_edit.setText("100,000")
    dialog.reasons.insertPlainText("首次授信，按限度基数")  # keyClicks types ASCII only
    dialog.set_button.click()
    idle(qtbot, ctx)
    assert not dialog.isVisible()
    assert "Set a limit of 100,000.00 and 60 days" in messages.texts("confirm")[-1]
    pos = credit.get_credit_position(ctx.uow(s.mgr), cid)
    assert (pos.limit, pos.term_days, pos.payment_mode) == (to_minor("100000"), 60, "credit")
    history = credit.limit_history(ctx.uow(s.mgr), cid)
    assert (history[0].method, history[0].reasons) == ("current_ratio", "首次授信，按限度基数")
    # The panel shows it at once, with the history.
    assert page.panel.values["limit"].text() == "100,000.00"
    assert page.panel.limits.rowCount() == 1


def test_specialist_has_no_limit_setting_and_is_refused_if_forced(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    rate(ctx.database, s, cid, 75, figures=FIGURES)
    dialog = _calculator(qtbot, ctx, s.spec, cid)
    assert dialog.decision is None
    assert not any(card.use.isVisible() for card in dialog.cards.values())
    assert dialog.cards[LimitMethod.WORKING_CAPITAL].amount.text() == "1,000,000.00"  # may look

    forced = _calculator(qtbot, ctx, s.spec, cid, show_decision=True)
    forced.limit_edit.setText("50,000")
    forced.reasons.insertPlainText("试用")  # keyClicks types ASCII only
    forced.set_button.click()
    idle(qtbot, ctx)
    assert "not permitted" in forced.problem_label.text()
    assert credit.get_credit_position(ctx.uow(s.mgr), cid).limit == 0


def test_who_investigated_the_customer_may_not_set_its_limit(qtbot, ctx, s, cid, person) -> None:  # noqa: ANN001
    both = person("both", "cs_specialist", "sales_manager", justification="人手不足")
    rate(ctx.database, s, cid, 75)
    inv_svc.open_investigation(ctx.uow(both), cid)
    dialog = _calculator(qtbot, ctx, both, cid)
    dialog.limit_edit.setText("50,000")
    dialog.reasons.insertPlainText("试用")  # keyClicks types ASCII only
    dialog.set_button.click()
    idle(qtbot, ctx)
    assert "investigated" in dialog.problem_label.text()


def test_grade_d_is_offered_no_credit(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    rate(ctx.database, s, cid, 50)
    dialog = _calculator(qtbot, ctx, s.mgr, cid)
    combo = dialog.mode_combo
    credit_row = combo.findData(PaymentMode.CREDIT.value)
    assert not combo.model().item(credit_row).isEnabled()
    assert combo.currentData() == PaymentMode.PREPAYMENT
    assert not dialog.limit_edit.isEnabled()
    assert "no credit" in dialog.standing.text()
    combo.setCurrentIndex(combo.findData(PaymentMode.CASH_ON_DELIVERY.value))
    dialog.reasons.insertPlainText("货到付款")  # keyClicks types ASCII only
    dialog.set_button.click()
    idle(qtbot, ctx)
    assert credit.get_credit_position(ctx.uow(s.mgr), cid).payment_mode == "cod"


def test_customer_on_hold_gets_no_new_limit(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    rate(ctx.database, s, cid, 80)
    credit.record_trigger(ctx.uow(s.spec), cid, DowngradeTrigger.MAJOR_BREACH, date(2026, 1, 2), "拖欠")
    dialog = _calculator(qtbot, ctx, s.mgr, cid)
    assert dialog.hold_banner.isVisible()
    assert not dialog.set_button.isEnabled()
