"""A read-only, row-selecting table view whose column layout is remembered: widths,
order, hidden columns and the sort, per person who logs in (geometry.py).

A header click sorts a table whose model holds all its rows (`sortable`); the header's
context menu hides and shows columns.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QPoint, QSize, Qt
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QWidget,
)

from sales_desk.i18n import _
from sales_desk.ui import geometry
from sales_desk.ui.widgets.paged_model import PagedTableModel

TITLE_MARGIN = 14  # px either side of a header's title together, as Fusion and Windows draw it


class _Header(QHeaderView):
    """Room for the sort arrow only in the column sorted by: Qt keeps it in every column
    once a table sorts, which pushed tables fitted to their contents past 1200 px."""

    def sectionSizeFromContents(self, logical_index: int) -> QSize:  # noqa: N802 - Qt's name
        size = super().sectionSizeFromContents(logical_index)
        if self.isSortIndicatorShown() and self.sortIndicatorSection() != logical_index:
            option = QStyleOptionHeader()
            self.initStyleOption(option)
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, option, self)
            size.setWidth(max(self.minimumSectionSize(), size.width() - size.height() - margin))
        return size


class Table(QTableView):
    def __init__(self, layout_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_key = layout_key
        self.setHorizontalHeader(_Header(Qt.Orientation.Horizontal, self))
        self.horizontalHeader().setSectionsClickable(True)
        self.horizontalHeader().setHighlightSections(True)  # as QTableView's own header
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionsMovable(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        header = self.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self._restored = False

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        if isinstance(model, PagedTableModel):
            model.hold_while(self._hidden_in_shown_window)
        if getattr(model, "sortable", False):
            # No column chosen yet: the rows stay in the order the service gave them.
            self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.setSortingEnabled(True)

    def _hidden_in_shown_window(self) -> bool:
        """In a tab or page not open: a table alone, or in a window not shown yet (a test's),
        loads as asked."""
        return self.window().isVisible() and not self.isVisible()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        model = self.model()
        if isinstance(model, PagedTableModel):
            model.release()

    def _column_menu(self, at: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.horizontalHeader().mapToGlobal(at))

    def column_menu(self) -> QMenu:
        """Each column, ticked while shown; the last one shown cannot be hidden."""
        menu = QMenu(self)
        model, header = self.model(), self.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        for column in range(header.count()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
            action = QAction(title or _("Column {n}").format(n=column + 1), menu)
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(not (column in shown and len(shown) == 1))
            action.toggled.connect(lambda on, c=column: self.setColumnHidden(c, not on))
            menu.addAction(action)
        return menu

    def restore_layout(self, default_widths: dict[int, int] | None = None) -> None:
        """Call once the model has its columns."""
        if self._restored:
            return
        self._restored = True
        if not geometry.restore_header(self.horizontalHeader(), self.layout_key):
            for col, width in (default_widths or {}).items():
                # Never narrower than its title in the reader's language ("ales rep" was seen);
                # the title and the header's margins, not Qt's size hint, which also keeps room
                # for a sort arrow on every column and pushed wide tables past 1200 px.
                self.setColumnWidth(col, max(width, self._title_width(col)))

    def _title_width(self, column: int) -> int:
        model, header = self.model(), self.horizontalHeader()
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        return header.fontMetrics().horizontalAdvance(title) + TITLE_MARGIN

    def save_layout(self) -> None:
        if self._restored:
            geometry.save_header(self.horizontalHeader(), self.layout_key)

    def current_row(self) -> int | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return rows[0].row() if rows else None
