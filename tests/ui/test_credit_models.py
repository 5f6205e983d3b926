"""Every table model of the Credit tab passes Qt's model tester, empty and filled."""

from __future__ import annotations

from sales_desk.domain.credit.checklist import ITEMS
from sales_desk.domain.credit.rating import DEFAULT_WEIGHTS, GradeBands
from sales_desk.services.credit.investigation import ItemRow
from sales_desk.services.credit.views import DocumentChoice
from sales_desk.ui.tabs.credit.checklist_model import ATTACHMENT, RECEIVED, ChecklistModel
from sales_desk.ui.tabs.credit.customer_model import CreditCustomersModel
from sales_desk.ui.tabs.credit.scorecard import ScorecardWidget
from tests.services.credit_flow import new_customer, rate, staff, utc
from tests.ui.conftest import idle


def _items() -> list[ItemRow]:
    return [ItemRow(i.key, i.section, n % 2 == 0, None, 7 if n == 0 else None, "营业执照" if n == 0 else "",
                    n % 4 == 0, "") for n, i in enumerate(ITEMS)]


def test_checklist_model_passes_the_model_tester(qtmodeltester) -> None:  # noqa: ANN001
    model = ChecklistModel()
    qtmodeltester.check(model)
    model.set_items(_items(), editable=True)
    model.set_documents([DocumentChoice(7, "营业执照", "licence", "licence.pdf", utc(2026, 1, 1))])
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and model.rowCount(model.index(0, 0)) == 6
    assert model.index(0, 0, model.index(0, 0)).data() == "Company profile"
    assert model.index_of("profile", ATTACHMENT).data() == "营业执照"
    model.set_items(_items(), editable=False)
    qtmodeltester.check(model)
    assert not model.setData(model.index_of("articles", RECEIVED), 2, 10)  # read-only: refused


def test_scorecard_model_passes_the_model_tester(qtbot, qtmodeltester) -> None:  # noqa: ANN001
    card = ScorecardWidget()
    qtbot.addWidget(card)
    qtmodeltester.check(card.model)
    card.set_card(DEFAULT_WEIGHTS, {"payment_record": 90}, True, GradeBands())
    qtmodeltester.check(card.model)


def test_credit_customers_model_passes_the_model_tester_and_pages(qtbot, qtmodeltester, ctx, person) -> None:  # noqa: ANN001
    s = staff(person)
    ids = [new_customer(ctx.database, s.rep, name=f"客户{n:02d}") for n in range(5)]
    rate(ctx.database, s, ids[0], 80)
    model = CreditCustomersModel(ctx, s.mgr, page_size=2)
    qtmodeltester.check(model)  # fetches the first page
    idle(qtbot, ctx)
    assert model.rowCount() == 2 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
        idle(qtbot, ctx)
    qtmodeltester.check(model)
    assert [model.row_at(i).name for i in range(model.rowCount())] == [f"客户{n:02d}" for n in range(5)]
    assert model.index(0, 2).data() == "B" and model.index(1, 2).data() == "—"


def test_reratings_due_model_passes_the_model_tester_and_shows_holds_in_red(qtmodeltester) -> None:  # noqa: ANN001
    from datetime import date

    from PySide6.QtCore import Qt

    from sales_desk.services.credit.position import DueRow
    from sales_desk.ui.tabs.credit.due_page import DueModel, _cell

    model = DueModel(["Code", "Customer", "Grade", "Last rated", "Due on", "Hold"], _cell)
    qtmodeltester.check(model)
    model.set_rows([DueRow(1, "C0001", "甲", "B", date(2025, 1, 2), date(2026, 1, 2), False, None),
                    DueRow(2, "C0002", "乙", "D", None, date(2026, 2, 1), True, None)])
    qtmodeltester.check(model)
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 5).data() == "ON HOLD"
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
