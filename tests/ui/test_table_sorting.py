"""Every in-memory table sorts by a header click (numbers as numbers, stable), and each
person's sort, widths, column order and hidden columns come back at their next log-in."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt

from sales_desk.ui import geometry
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.table import Table


@dataclass(frozen=True)
class Row:
    key: int
    name: str
    amount: str


ROWS = [Row(1, "beta", "10.00"), Row(2, "Alpha", "9.00"), Row(3, "alpha", "1,200.00"), Row(4, "", "9.00")]


def _table(qtbot) -> tuple[Table, RowsTableModel[Row]]:  # noqa: ANN001
    model: RowsTableModel[Row] = RowsTableModel(
        ["Key", "Name", "Amount"], lambda r, c: (str(r.key), r.name, r.amount)[c])
    table = Table("test/rows")
    qtbot.addWidget(table)
    table.setModel(model)
    model.set_rows(ROWS)
    table.restore_layout()
    table.resize(500, 300)
    table.show()
    return table, model


def _keys(model: RowsTableModel[Row]) -> list[int]:
    return [model.row_at(i).key for i in range(model.rowCount())]


def test_the_rows_stay_in_the_services_order_until_a_header_is_clicked(qtbot) -> None:
    _table_, model = _table(qtbot)
    assert _keys(model) == [1, 2, 3, 4]


def test_a_header_click_sorts_numbers_as_numbers_and_keeps_ties_in_the_services_order(qtbot) -> None:
    table, model = _table(qtbot)
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(2) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert _keys(model) == [2, 4, 1, 3]  # 9.00, 9.00 (in the loaded order), 10.00, 1,200.00
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert _keys(model) == [3, 1, 2, 4]  # descending; ties still stable
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _keys(model) == [2, 3, 1, 4]  # case ignored, empty last
    model.set_rows(list(reversed(ROWS)))  # reloaded: still sorted as chosen
    assert [model.row_at(i).name for i in range(4)] == ["alpha", "Alpha", "beta", ""]


def test_each_person_gets_back_their_own_sort_widths_order_and_hidden_columns(qtbot) -> None:
    geometry.set_user("wang")
    try:
        table, model = _table(qtbot)
        table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        table.setColumnWidth(2, 177)  # (column 1 ends up last: it stretches)
        table.horizontalHeader().moveSection(2, 0)
        menu = table.column_menu()
        menu.actions()[0].setChecked(False)  # hide "Key"
        assert table.isColumnHidden(0)
        table.save_layout()

        geometry.set_user("li")  # someone else: not wang's layout
        other, other_model = _table(qtbot)
        other.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        other.save_layout()

        geometry.set_user("wang")
        again, again_model = _table(qtbot)
        header = again.horizontalHeader()
        assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (2, Qt.SortOrder.DescendingOrder)
        assert _keys(again_model) == [3, 1, 2, 4]
        assert again.columnWidth(2) == 177 and header.visualIndex(2) == 0 and again.isColumnHidden(0)
    finally:
        geometry.set_user("")


def test_the_last_column_shown_cannot_be_hidden(qtbot) -> None:
    table, _model = _table(qtbot)
    table.setColumnHidden(0, True)
    table.setColumnHidden(1, True)
    actions = table.column_menu().actions()
    assert not actions[2].isEnabled() and actions[0].isEnabled()


def test_the_sorting_model_passes_the_model_tester(qtbot, qtmodeltester) -> None:  # noqa: ANN001
    table, model = _table(qtbot)
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_a_default_width_never_clips_the_columns_title(qtbot) -> None:
    from sales_desk import i18n

    i18n.set_language("zh_CN")
    model: RowsTableModel[Row] = RowsTableModel(["编号", "所属部门（销售部）", "金额"], lambda r, c: "")
    table = Table("test/narrow")
    qtbot.addWidget(table)
    table.setModel(model)
    table.restore_layout({0: 40, 1: 30})
    header = table.horizontalHeader()
    assert table.columnWidth(1) >= header.sectionSizeHint(1) > 30
