"""The credit tab on the policy as written: the exact total, a trigger that downgrades at once,
reasons to restore a grade above a downgrade, late investigations in red (seed 001 第7、14条)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from sales_desk.domain.credit.rating import DowngradeTrigger, Grade
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit import position as credit
from sales_desk.services.credit import rating as credit_rating
from sales_desk.ui.tabs.credit.customers_page import CustomersPage
from sales_desk.ui.tabs.credit.investigations_page import LATE, InvestigationsPage
from sales_desk.ui.tabs.credit.scorecard import ProposalDialog
from sales_desk.ui.tabs.credit.tab import CreditTab
from tests.services.credit_flow import (
    new_customer,
    rate,
    ratings_for,
    reviewed_investigation,
    staff,
)
from tests.ui.conftest import idle

# 85 % everywhere, years in business (weight 5) +1 and sales growth (weight 6) −1: 84.99
RATINGS_84_99 = ratings_for(85) | {"years_in_business": 86, "sales_growth": 84}


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


@pytest.fixture
def cid(ctx, s) -> int:  # noqa: ANN001
    return new_customer(ctx.database, s.rep)


def _tab(qtbot, ctx, actor) -> CreditTab:  # noqa: ANN001
    tab = CreditTab(ctx, actor)
    qtbot.addWidget(tab)
    tab.resize(1000, 680)
    tab.show()
    idle(qtbot, ctx)
    return tab


def _panel(qtbot, ctx, tab: CreditTab):  # noqa: ANN001, ANN202
    page = tab.show_page("customers")
    assert isinstance(page, CustomersPage)
    idle(qtbot, ctx)
    page.select_row(0)
    idle(qtbot, ctx)
    return page.panel


def test_the_panel_and_the_proposal_show_the_exact_total(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    inv_id = reviewed_investigation(ctx.database, s, cid)
    pid = credit_rating.propose_rating(ctx.uow(s.spec), inv_id, RATINGS_84_99)
    dialog = ProposalDialog(ctx, s.csm, pid)
    qtbot.addWidget(dialog)
    idle(qtbot, ctx)
    assert "84.99" in dialog.card.total_label.text()
    credit_rating.decide_rating(ctx.uow(s.csm), pid, True)
    tab = _tab(qtbot, ctx, s.csm)
    panel = _panel(qtbot, ctx, tab)
    assert panel.values["score"].text() == "84.99" and panel.values["grade"].text().startswith("B")
    assert panel.ratings.index(0, 2).data() == "84.99"


def test_a_trigger_downgrades_at_once_and_the_panel_says_so(qtbot, ctx, s, cid, messages) -> None:  # noqa: ANN001
    rate(ctx.database, s, cid, 90)
    tab = _tab(qtbot, ctx, s.spec)
    panel = _panel(qtbot, ctx, tab)
    dialog = panel.record_trigger()
    assert [dialog.grade_combo.itemData(i) for i in range(dialog.grade_combo.count())] == ["B", "C", "D"]
    dialog.grade_combo.setCurrentIndex(dialog.grade_combo.findData(Grade.C.value))
    dialog.trigger_combo.setCurrentIndex(dialog.trigger_combo.findData(DowngradeTrigger.MAJOR_BREACH.value))
    dialog.description.insertPlainText("拖欠货款且拒绝对账")
    dialog.record_button.click()
    idle(qtbot, ctx)
    assert "from A to C" in messages.texts("confirm")[-1]
    assert credit.get_credit_position(ctx.uow(s.spec), cid).grade == "C"
    assert panel.values["grade"].text().startswith("C")
    assert "Downgraded to grade C" in panel.hold_banner.text()
    assert panel.triggers.index(0, 2).data() == "A → C"


def test_approving_above_the_downgrade_asks_for_written_reasons(qtbot, ctx, s, cid, messages) -> None:  # noqa: ANN001
    rate(ctx.database, s, cid, 90)
    credit.record_trigger(ctx.uow(s.spec), cid, DowngradeTrigger.OTHER, date(2026, 1, 2), "核心人员变更")
    inv_id = reviewed_investigation(ctx.database, s, cid)
    pid = credit_rating.propose_rating(ctx.uow(s.spec), inv_id, ratings_for(90))
    dialog = ProposalDialog(ctx, s.csm, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    assert "downgraded to grade B" in dialog.details.text()
    dialog.approve_button.click()
    idle(qtbot, ctx)
    assert "reasons" in dialog.problem_label.text() and not messages.texts("confirm")
    dialog.note.insertPlainText("审计报告证实原降级依据不成立")
    dialog.approve_button.click()
    idle(qtbot, ctx)
    assert credit.get_credit_position(ctx.uow(s.csm), cid).grade == "A"


def test_late_investigations_show_in_red_with_a_filter_of_their_own(qtbot, ctx, s, cid, pin_business_date) -> None:  # noqa: ANN001, E501
    pin_business_date(date(2026, 3, 1))
    late_id = inv_svc.open_investigation(ctx.uow(s.spec), cid)
    pin_business_date(date(2026, 3, 12))
    other = new_customer(ctx.database, s.rep, "杭州临安贸易有限公司")
    inv_svc.open_investigation(ctx.uow(s.spec), other)  # due 22 March: in time
    tab = _tab(qtbot, ctx, s.csm)
    page = tab.show_page("investigations")
    assert isinstance(page, InvestigationsPage)
    idle(qtbot, ctx)
    rows = {r.id: n for n, r in enumerate(page.model.rows())}
    late_row = rows[late_id]
    assert page.model.index(late_row, 5).data() == "2026-03-11 — late"
    assert page.model.index(late_row, 1).data(Qt.ItemDataRole.ForegroundRole).name() == "#b00020"
    assert "1 late" in page.count_label.text()
    page.status_combo.setCurrentIndex(page.status_combo.findData(LATE))
    idle(qtbot, ctx)
    assert [r.id for r in page.model.rows()] == [late_id]
