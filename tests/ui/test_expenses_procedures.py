"""The expense procedures of seed 001 in the Expenses tab: a department's application with
its explanation form (第8条3) applied for, reviewed by the sales VP and printed; the annual
report submitted to the general manager, reviewed and filed (第11条2)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import report_review
from sales_desk.ui.tabs.expenses.report_review import ReportReviewDialog
from tests.services.expense_flow import YEAR, approved_budget, claim, staff
from tests.ui.conftest import idle
from tests.ui.expense_ui import fill, host, open_claim, open_form, settle_form
from tests.ui.records_ui import pdf_text

EXPLAIN = "新品上市需要宣传册5000份"


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


@pytest.fixture
def vp(person):  # noqa: ANN001, ANN201
    return person("vp", "sales_vp")


@pytest.fixture
def budget(ctx, s) -> int:  # noqa: ANN001
    return approved_budget(ctx.database, s)


def test_a_department_application_needs_its_explanation_and_goes_to_the_vp_first(qtbot, ctx, s, budget) -> None:
    form = open_form(qtbot, ctx, s.mgr)
    assert form.department.isVisibleTo(form) and not form.explanation.isVisibleTo(form)
    fill(form, "3000", "新品宣传册印制", category="advertising", item="Production")
    form.department.setChecked(True)
    settle_form(qtbot, ctx, form)
    assert form.explanation.isVisibleTo(form) and not form.travel.isEnabled()
    assert form.route.route_text() == ("Sales VP review of the explanation form → General manager approval → "
                                       "Finance check")
    form.submit_button.click()
    idle(qtbot, ctx)
    assert form.problem_label.text().startswith("Explanation form:")
    assert form.focusWidget() is form.explanation
    form.explanation.setPlainText(EXPLAIN)
    form.submit_button.click()
    idle(qtbot, ctx)
    assert form.state is not None and form.state.route == ("explanation", "gm", "finance")


def test_the_vp_does_not_see_the_department_choice(qtbot, ctx, s, vp, budget) -> None:
    form = open_form(qtbot, ctx, vp)
    assert not form.department.isVisibleTo(form)


def test_the_vp_reviews_the_explanation_form_and_prints_it(qtbot, ctx, s, vp, budget) -> None:
    st = expenses.apply_for_expense(ctx.uow(s.mgr), claim("3000", category="advertising", item="Production",
                                                          is_department=True, explanation=EXPLAIN))
    dialog = open_claim(qtbot, ctx, vp, st.id)
    assert dialog.title.text() == f"Department application No. {st.id}"
    assert dialog.fields["explanation"].text() == EXPLAIN and dialog.print_form_button.isVisibleTo(dialog)
    assert dialog.decision_box.title() == "Your decision: Sales VP review of the explanation form"
    dialog.comment.setText("说明充分")
    dialog.approve_button.click()
    idle(qtbot, ctx)
    assert dialog.view.row.current_step == "gm"
    dialog.print_form_button.click()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.documents.preview is not None, timeout=10_000)
    (doc,) = dialog.documents.issued
    assert doc.kind == "expense_explanation"
    words = pdf_text(dialog.documents.output(doc.id)("test"))
    assert EXPLAIN in words and "说明充分" in words


def test_a_persons_claim_shows_no_explanation_form(qtbot, ctx, s, budget) -> None:
    st = expenses.apply_for_expense(ctx.uow(s.rep), claim("100"))
    dialog = open_claim(qtbot, ctx, s.rep, st.id)
    assert not dialog.print_form_button.isVisibleTo(dialog) and not dialog.fields["explanation"].isVisibleTo(dialog)


def review_dialog(qtbot, ctx, actor) -> ReportReviewDialog:  # noqa: ANN001
    dialog = ReportReviewDialog(ctx, actor, YEAR, host(qtbot))
    dialog.show()
    idle(qtbot, ctx)
    return dialog


def test_the_report_is_submitted_reviewed_and_filed_from_the_dialog(qtbot, ctx, s, budget) -> None:
    mine = review_dialog(qtbot, ctx, s.mgr)
    assert mine.submit_box.isVisibleTo(mine) and not mine.review_box.isVisibleTo(mine)
    assert not mine.file_button.isEnabled()
    mine.notes.setPlainText("公关费用超支，明年压缩")
    mine.submit_button.click()
    idle(qtbot, ctx)
    assert mine.model.rowCount() == 1 and mine.model.index(0, 1).data() == "Submitted to the general manager"
    assert not mine.submit_button.isEnabled() and not mine.file_button.isEnabled()  # no filing before the review

    gm = review_dialog(qtbot, ctx, s.gm)
    assert gm.review_box.isVisibleTo(gm) and gm.approve_button.isEnabled()
    gm.return_button.click()  # without a reason
    assert "needs a reason" in gm.problem_label.text()
    gm.remarks.setText("同意，明年控制公关费用")
    gm.approve_button.click()
    idle(qtbot, ctx)
    assert gm.model.index(0, 1).data() == "Reviewed by the general manager"

    mine.reload()
    idle(qtbot, ctx)
    assert mine.file_button.isEnabled()
    mine.file_button.click()
    idle(qtbot, ctx)
    (row,) = report_review.report_submissions(ctx.uow(s.gm), YEAR)
    assert row.status == "filed" and mine.model.index(0, 1).data() == "Filed"
    qtbot.waitExposed(mine)
    gm.close()
    mine.activateWindow()
    qtbot.waitUntil(mine.isActiveWindow)
    qtbot.keyClick(mine, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # &Open edition from the keyboard
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: mine.documents.preview is not None, timeout=10_000)
