"""The refusals log's page: keyset pages, filters by person, kind and text in the query, the
detail of the selected refusal; and the GM's dashboard warning that opens it at one person."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.services.admin import refusals
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs.admin.refusals_page import RefusalsPage, RefusalsTableModel
from sales_desk.ui.tabs.dashboard.records_dialog import RecordsDialog
from tests.ui.conftest import idle


def _rows(ctx, actor, n: int, kind: str = "rule") -> None:  # noqa: ANN001
    """n refusal rows in one transaction, as the decorator writes them."""
    with ctx.uow(actor) as uow:
        for i in range(n):
            uow.refusal("approvals.approve_order", kind, "order", str(i), f"Order {i} is blocked.", {"n": i})
        uow.commit()


def _refused(ctx, actor, times: int = 1) -> None:  # noqa: ANN001
    for _ in range(times):
        with pytest.raises(NotPermitted):
            refusals.refusals_page(ctx.uow(actor))


def test_refusals_model_passes_the_model_tester_and_pages_on_demand(qtbot, qtmodeltester, ctx, boss) -> None:
    _rows(ctx, boss, 250)
    model = RefusalsTableModel(ctx, boss, page_size=100)
    model.reload()
    idle(qtbot, ctx)
    assert model.rowCount() == 100 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    idle(qtbot, ctx)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        idle(qtbot, ctx)
    assert [model.row_at(i).seq for i in range(model.rowCount())] == list(range(250, 0, -1))
    assert model.data(model.index(0, 5)) == "Order 249"  # no such order: its id
    assert model.data(model.index(0, 4)) == ("系统管理员 tried to approve the order 249 for dispatch — refused: "
                                             "Order 249 is blocked.")
    qtmodeltester.check(model)


def test_the_page_filters_by_person_and_kind_and_shows_the_reason(qtbot, ctx, boss, person) -> None:
    rep, wh = person("rep", "sales_rep"), person("wh", "warehouse")
    _refused(ctx, rep, 2)
    _refused(ctx, wh)
    _rows(ctx, wh, 1)
    page = RefusalsPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert page.model.rowCount() == 4 and page.count_label.text() == "4 refusals."
    assert [page.person.itemText(i) for i in range(page.person.count())] == ["Anyone", "rep", "wh"]
    page.person.setFocus()
    page.person.setCurrentIndex(page.person.findData(rep.user_id))
    page.person.activated.emit(page.person.currentIndex())
    idle(qtbot, ctx)
    assert {page.model.row_at(i).username for i in range(page.model.rowCount())} == {"rep"}
    assert page.model.rowCount() == 2
    page.person.setCurrentIndex(0)
    page.kind.setCurrentIndex(page.kind.findData("rule"))
    page.kind.activated.emit(page.kind.currentIndex())
    idle(qtbot, ctx)
    assert [page.model.data(page.model.index(0, c)) for c in (2, 3, 4, 5)] == [
        "wh", "Refused by a rule", "wh tried to approve the order 0 for dispatch — refused: Order 0 is blocked.",
        "Order 0"]
    page.table.selectRow(0)
    assert page.detail.sentence.text().startswith("wh tried to approve the order 0")
    assert page.detail.reason.text() == "Reason given: Order 0 is blocked."
    assert page.detail.raw.toPlainText().startswith("approvals.approve_order\nOrder 0 is blocked.")
    page.kind.setCurrentIndex(0)
    qtbot.keyClicks(page.filter_edit, "not permitted")
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert page.model.rowCount() == 3
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # the keyboard walks the rows, the detail follows
    assert page.table.current_row() == 1
    assert page.detail.sentence.text() == ("rep tried to open the refusals log — refused: their roles do not give "
                                           "them the right to.")
    assert ("Right needed", "audit.view") in [(i.field, i.value) for i in page.detail.items_model.rows()]


def test_the_gms_dashboard_warns_of_repeated_refusals_and_opens_them(qtbot, ctx, boss, person) -> None:
    rep, gm = person("rep", "sales_rep"), person("gm1", "gm")
    _refused(ctx, rep, 3)
    window = MainWindow(ctx, gm)
    qtbot.addWidget(window)
    window.show()
    overview = window.tab("dashboard").overview()
    qtbot.waitUntil(overview.drawn, timeout=20_000)
    idle(qtbot, ctx)
    tile = overview.tiles["repeated_refusals"]
    assert tile.value.text() == "1"
    assert "rep was refused 3 times in the last 7 days" in tile.lines.text()
    tile.lines.linkActivated.emit(str(rep.user_id))
    idle(qtbot, ctx)
    [dialog] = [d for d in overview.findChildren(RecordsDialog) if d.isVisible()]
    assert dialog.model.rowCount() == 3
    dialog.open_selected()
    idle(qtbot, ctx)
    admin = window.tab("admin")
    assert window.tabs.currentWidget() is admin
    page = admin.pages["refusals"]
    assert admin.stack.currentWidget() is page
    assert page.person.currentData() == rep.user_id
    assert {page.model.row_at(i).username for i in range(page.model.rowCount())} == {"rep"}
    dialog.close()


def test_the_page_exports_the_filtered_log_to_excel(qtbot, ctx, boss, person, tmp_path) -> None:
    rep = person("rep", "sales_rep")
    _refused(ctx, rep, 2)
    _rows(ctx, boss, 3)
    page = RefusalsPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    page.kind.setCurrentIndex(page.kind.findData("no_right"))
    page.kind.activated.emit(page.kind.currentIndex())
    idle(qtbot, ctx)
    page.export_to(tmp_path / "refusals")  # .xlsx is added
    idle(qtbot, ctx)
    sheet = openpyxl.load_workbook(tmp_path / "refusals.xlsx").worksheets[0]
    assert [sheet.cell(r, 4).value for r in (2, 3)] == [
        "rep tried to open the refusals log — refused: their roles do not give them the right to."] * 2
    assert sheet.max_row == 3  # the filter's two rows, not the rule's three
