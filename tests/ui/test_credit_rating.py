"""Credit tab: the specialist's scorecard with a live total and grade; the manager's decision."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from sales_desk.domain.credit.rating import INDICATORS
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.customers import files as customers
from sales_desk.ui.tabs.credit.investigation_dialog import InvestigationDialog
from sales_desk.ui.tabs.credit.scorecard import ProposalDialog, ProposeRatingDialog
from sales_desk.ui.tabs.credit.scorecard_model import RATING
from sales_desk.ui.tabs.credit.tab import CreditTab
from tests.services.credit_flow import new_customer, ratings_for, reviewed_investigation, staff
from tests.ui.conftest import idle


@pytest.fixture
def s(person):  # noqa: ANN001
    return staff(person)


@pytest.fixture
def cid(ctx, s) -> int:  # noqa: ANN001
    return new_customer(ctx.database, s.rep)


def _rate_all(dialog: ProposeRatingDialog, rating: int) -> None:
    model = dialog.card.model
    for row in range(model.rowCount()):
        assert model.setData(model.index(row, RATING), rating)


def test_specialist_proposes_on_the_scorecard_with_a_live_total_and_grade(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    inv_id = reviewed_investigation(ctx.database, s, cid)
    inv = InvestigationDialog(ctx, s.spec, inv_id)
    qtbot.addWidget(inv)
    inv.show()
    idle(qtbot, ctx)
    assert inv.propose_button.isVisible()
    dialog = inv.propose()
    idle(qtbot, ctx)
    card = dialog.card
    assert card.model.rowCount() == len(INDICATORS)
    assert card.model.flags(card.model.index(0, RATING)) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.propose_button.isEnabled()
    assert "14 indicators still to rate" in card.missing_label.text()

    _rate_all(dialog, 84)
    assert card.total_label.text() == "Total: 84.00 / 100" and card.grade_label.text().startswith("Grade B")
    model = card.model
    model.setData(model.index(model.row_of("payment_record"), RATING), 100)  # weight 15: +2.4 points
    assert card.total_label.text() == "Total: 86.40 / 100" and card.grade_label.text().startswith("Grade A")
    assert "Credit record: 23.40 of 25" in card.dimension_labels["credit"].text()
    assert not model.setData(model.index(0, RATING), 101)  # a rating is 0–100 %

    dialog.summary.insertPlainText("回款及时")  # keyClicks types ASCII only
    dialog.limit_edit.setText("200,000")
    dialog.term_edit.setValue(45)
    assert dialog.propose_button.isEnabled()
    dialog.propose_button.click()
    idle(qtbot, ctx)
    assert not dialog.isVisible()
    [row] = credit_rating.list_proposals(ctx.uow(s.csm))
    view = credit_rating.get_proposal(ctx.uow(s.csm), row.id)
    assert (view.total_score, view.grade, view.summary) == (Decimal("86.40"), "A", "回款及时")
    assert (view.proposed_limit, view.proposed_term_days) == (20_000_000, 45)
    assert not inv.propose_button.isVisible()  # a proposal now awaits the manager


def test_manager_approves_the_proposal_after_confirming(qtbot, ctx, s, cid, messages) -> None:  # noqa: ANN001
    inv_id = reviewed_investigation(ctx.database, s, cid)
    pid = credit_rating.propose_rating(ctx.uow(s.spec), inv_id, ratings_for(75), "稳健")
    tab = CreditTab(ctx, s.csm)
    qtbot.addWidget(tab)
    tab.show()
    idle(qtbot, ctx)
    page = tab.pages["proposals"]
    assert tab.stack.currentWidget() is page
    assert [r.id for r in page.model.rows()] == [pid]
    page.table.selectRow(0)
    dialog = page.open_selected()
    idle(qtbot, ctx)
    assert dialog.card.total_label.text() == "Total: 75.00 / 100"
    assert not dialog.card.model.editable
    messages.confirm_answer = False
    dialog.approve_button.click()  # asked first; "no" leaves it undecided
    idle(qtbot, ctx)
    assert credit_rating.get_proposal(ctx.uow(s.csm), pid).status == "proposed"
    messages.confirm_answer = True
    dialog.approve_button.click()
    idle(qtbot, ctx)
    assert customers.customer_card(ctx.uow(s.csm), cid).credit_grade == "B"
    assert "Approve grade B (75.00 points)" in messages.texts("confirm")[-1]
    assert page.model.rows() == []  # the queue refreshed: nothing left to decide


def test_rejection_needs_a_note(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    inv_id = reviewed_investigation(ctx.database, s, cid)
    pid = credit_rating.propose_rating(ctx.uow(s.spec), inv_id, ratings_for(60))
    dialog = ProposalDialog(ctx, s.csm, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    dialog.reject_button.click()
    assert "why" in dialog.problem_label.text()
    dialog.note.insertPlainText("请补充最新报表")  # keyClicks types ASCII only
    dialog.reject_button.click()
    idle(qtbot, ctx)
    assert credit_rating.get_proposal(ctx.uow(s.csm), pid).status == "rejected"


def test_manager_cannot_approve_their_own_proposal_and_is_told(qtbot, ctx, s, cid, person) -> None:  # noqa: ANN001
    both = person("both", "cs_specialist", "cs_manager", justification="三人小公司")
    inv_id = reviewed_investigation(ctx.database, s, cid)
    pid = credit_rating.propose_rating(ctx.uow(both), inv_id, ratings_for(90))
    dialog = ProposalDialog(ctx, both, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    assert dialog.approve_button.isVisible()  # the right is there; the rule is the service's
    dialog.approve_button.click()
    idle(qtbot, ctx)
    assert "Nobody may approve their own request" in dialog.problem_label.text()
    assert dialog.isVisible()
    assert credit_rating.get_proposal(ctx.uow(s.csm), pid).status == "proposed"


def test_specialist_sees_a_proposal_without_the_decision(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    inv_id = reviewed_investigation(ctx.database, s, cid)
    pid = credit_rating.propose_rating(ctx.uow(s.spec), inv_id, ratings_for(60))
    dialog = ProposalDialog(ctx, s.spec, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    assert dialog.card.grade_label.text().startswith("Grade C")
    assert not dialog.approve_button.isVisible() and not dialog.note.isVisible()
