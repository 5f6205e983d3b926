"""The policy page: versions, a proposal, the gm's decision, two versions side by side."""

from __future__ import annotations

import os
from datetime import date

from sales_desk.domain.common.money import to_minor
from sales_desk.services.admin import policy
from sales_desk.ui.tabs.dashboard.policy_page import PolicyPage
from tests.ui.conftest import idle

MAR_1 = date(2026, 3, 1)


def _page(qtbot, ctx, actor) -> PolicyPage:  # noqa: ANN001
    page = PolicyPage(ctx, actor)
    qtbot.addWidget(page)
    page.resize(520, 560)
    page.show()
    idle(qtbot, ctx)
    return page


def _shot(page: PolicyPage, name: str) -> None:
    folder = os.environ.get("SALES_DESK_SCREENSHOTS")
    if folder:
        page.grab().save(os.path.join(folder, f"{name}.png"))


def test_the_proposer_proposes_and_the_gm_approves_on_the_page(qtbot, ctx, person, pin_business_date) -> None:
    pin_business_date(date(2026, 2, 20))
    mgr, gm = person("mgr", "sales_manager"), person("gm", "gm")
    page = _page(qtbot, ctx, mgr)
    assert "version 1" in page.in_force.text()
    assert page.propose_button.isVisibleTo(page)
    assert not page.approve_button.isVisibleTo(page)
    dialog = page.propose()
    assert dialog.group.currentData() == "credit"
    dialog.editors["credit.c_max_limit"].setText("40,000.00")
    dialog.effective.setDate(MAR_1)
    dialog.reason.setPlainText("C 类客户回款良好")
    dialog.accept()
    idle(qtbot, ctx)
    assert page.history[0].status == "proposed"

    page = _page(qtbot, ctx, gm)
    assert page.approve_button.isEnabled() and not page.propose_button.isVisibleTo(page)
    assert "40,000.00" in page.detail.text()
    _shot(page, "policy_pending")
    page.approve()
    idle(qtbot, ctx)
    assert page.history[0].number == 2
    page.tabs.setCurrentIndex(1)
    idle(qtbot, ctx)
    assert page.diff.rowCount() == 1
    assert page.diff.item(0, 1).text() == "30,000.00" and page.diff.item(0, 2).text() == "40,000.00"
    _shot(page, "policy_compare")


def test_the_gm_returns_a_proposal_from_the_page(qtbot, ctx, person, pin_business_date) -> None:
    pin_business_date(date(2026, 2, 20))
    mgr, gm = person("mgr", "sales_manager"), person("gm", "gm")
    policy.propose_policy(ctx.uow(mgr), {"credit.c_max_limit": to_minor("40000")}, MAR_1, "x")
    page = _page(qtbot, ctx, gm)
    dialog = page.return_proposal()
    assert dialog is not None
    dialog.text.setPlainText("先看一季度回款")
    dialog.accept()
    idle(qtbot, ctx)
    assert page.history[0].status == "returned"
    assert not page.approve_button.isEnabled()


def test_the_sales_manager_proposes_weights_and_personal_allowances_in_the_dialog(
        qtbot, ctx, person, pin_business_date) -> None:
    pin_business_date(date(2026, 2, 20))
    mgr, gm = person("mgr", "sales_manager"), person("gm", "gm")
    person("rep", "sales_rep")
    page = _page(qtbot, ctx, mgr)
    dialog = page.propose()
    assert dialog.editors["credit.weight.payment_record"].value() == 15
    dialog.group.setCurrentIndex(dialog.group.findData("expense"))
    editor = dialog.editors["expense.personal_allowances"]
    editor.setPlainText("rep 800")
    dialog.reason.setPlainText("新人")
    dialog.accept()
    assert "user name: amount" in dialog.problem.text()
    editor.setPlainText("rep：800")
    qtbot.wait(50)  # the form laid out again for the group
    _shot(dialog, "policy_allowances")
    dialog.accept()
    idle(qtbot, ctx)
    assert page.history[0].changes == {"expense.personal_allowances": {"rep": to_minor("800")}}
    page = _page(qtbot, ctx, gm)
    assert "rep: 800.00" in page.detail.text()


def test_the_proposal_dialog_reads_in_chinese(qtbot, ctx, person, pin_business_date) -> None:
    from sales_desk import i18n

    pin_business_date(date(2026, 2, 20))
    mgr = person("mgr", "sales_manager")
    i18n.set_language("zh_CN")
    page = _page(qtbot, ctx, mgr)
    dialog = page.propose()
    assert dialog.numbers.labelForField(dialog.editors["credit.weight.payment_record"]).text() == \
        "评分表权重：按期回款记录："
    _shot(dialog, "policy_weights_zh")
    dialog.group.setCurrentIndex(dialog.group.findData("expense"))
    dialog.editors["expense.personal_allowances"].setPlainText("rep4: 1,500.00")
    qtbot.wait(50)
    _shot(dialog, "policy_allowances_zh")
    dialog.reject()
