"""The Performance tab driven as the users would (issue 19): the manager proposes weights, the GM
approves them, the manager works out the month and gives the feedback, the rep acknowledges;
finance runs the commission and sees the receipts behind it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from sales_desk.domain.performance.commission import Tier
from sales_desk.services.collections import receipts
from sales_desk.services.collections.receipts import ReceiptInput
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput
from sales_desk.services.performance import schemes
from sales_desk.ui.tabs import tabs_for
from sales_desk.ui.tabs.performance.commission_page import CommissionPage
from sales_desk.ui.tabs.performance.evaluations_page import EvaluationsPage
from sales_desk.ui.tabs.performance.schemes_page import SchemesPage, WeightsDialog
from tests.ui.conftest import idle


@pytest.fixture
def people(ctx, person, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("SALES_DESK_BUSINESS_DATE", "2026-07-06")
    return {r: person(n, r) for n, r in (("mgr", "sales_manager"), ("gm", "gm"), ("rep", "sales_rep"),
                                          ("fin", "finance"))}


def _show(qtbot, page):  # noqa: ANN001, ANN202
    qtbot.addWidget(page)
    page.resize(1100, 640)
    page.show()
    return page


def test_the_tab_shows_for_the_sales_side_and_finance(people) -> None:  # noqa: ANN001
    for actor in people.values():
        assert "performance" in [s.key for s in tabs_for(actor)]


def test_weights_proposed_approved_then_an_evaluation_given_and_acknowledged(qtbot, ctx, people) -> None:  # noqa: ANN001
    mgr, gm, rep = people["sales_manager"], people["gm"], people["sales_rep"]
    dialog = WeightsDialog(ctx, mgr)
    qtbot.addWidget(dialog)
    dialog.start.setDate(QDate(2026, 1, 1))
    dialog.spins["sales"].setValue(31)
    assert "101 %" in dialog.sum_label.text()
    dialog.submit()
    idle(qtbot, ctx)
    assert "100 %" in dialog.problem_label.text()  # refused: the weights must sum to 100 %
    dialog.spins["sales"].setValue(30)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    page = _show(qtbot, SchemesPage(ctx, gm))
    idle(qtbot, ctx)
    assert page.approve.isVisible() and not page.propose_weights.isVisible()
    page.weights.selectRow(0)
    page.weights.setFocus()
    page.decide(True)
    idle(qtbot, ctx)
    assert schemes.list_weightings(ctx.uow(gm))[0].status == "approved"
    evals = _show(qtbot, EvaluationsPage(ctx, mgr))
    evals.year.setValue(2026)
    evals.month.setValue(6)
    evals.evaluate()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    assert evals.model.rows() and evals.detail is not None and len(evals.detail.lines) == 7  # the visits and activities criterion too
    evals.feedback.setPlainText("六月回款达标，继续努力。")
    evals.give_feedback()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    mine = _show(qtbot, EvaluationsPage(ctx, rep))
    mine.year.setValue(2026)
    mine.month.setValue(6)
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    assert mine.detail is not None and mine.ack.isEnabled() and mine.detail.feedback.startswith("六月")
    mine.comment.setText("收到")
    mine.acknowledge()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    assert mine.detail.row.status == "acknowledged" and not mine.ack.isEnabled()


def test_finance_runs_the_month_and_sees_the_receipts_behind_it(qtbot, ctx, people, messages) -> None:  # noqa: ANN001
    mgr, gm, rep, fin = (people[r] for r in ("sales_manager", "gm", "sales_rep", "finance"))
    sid = schemes.propose_scheme(ctx.uow(mgr), "提成方案", [Tier(0, 200), Tier(5_000_000, 400)], date(2026, 1, 1))
    schemes.decide_scheme(ctx.uow(gm), sid, True)
    cid = customers.create_customer(ctx.uow(rep), CustomerInput(name="华东机电有限公司", code="P100", region="east",
                                                                 address="上海市", phone="021-1"))
    from tests.services.collection_flow import opening

    opening(ctx.database, fin, [("P100", "P100-1", date(2026, 5, 1), date(2026, 5, 31), 1_000_000)])
    receipts.record_receipt(ctx.uow(fin), ReceiptInput(cid, 1_000_000, date(2026, 6, 3), "transfer", "回单"))
    page = _show(qtbot, CommissionPage(ctx, fin))
    page.year.setValue(2026)
    page.month.setValue(6)
    page.run()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    assert page.statement is not None and page.statement.total == 20_000
    assert [d.document for d in page.docs_model.rows()] == ["OB-P100-1"]
