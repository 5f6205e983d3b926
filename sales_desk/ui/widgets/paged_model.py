"""A table model whose rows arrive in pages from the background runner.

Like Anki's browser table and Spyder's collections editor: the view asks for more
(`canFetchMore`/`fetchMore`) as the user scrolls; each page is one keyset query
("rows after the last key I have"), run off the UI thread. Filters belong in the
query: change them with `set_loader` and the model starts again from the top.

A view lays itself out, and asks for rows, even in a tab nobody has opened: its table
(widgets/table.py) holds the model's fetches while it is hidden in a shown window, so a
hidden list's query never queues on the one runner ahead of what the user looks at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from sales_desk.ui.tasks import TaskRunner

Row = TypeVar("Row")
Key = Any
Index = QModelIndex | QPersistentModelIndex
# loader(last key or None) -> (next page of rows, whether more remain)
Loader = Callable[[Key | None], tuple[list[Row], bool]]


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    sig_page_loaded = Signal(int)
    """A page arrived and its rows were appended; the argument is the total row count."""

    headers: Sequence[str] = ()  # translated column titles, set by subclasses
    # column → the service's name for sorting by it: a header click sorts in SQL (the
    # loader reads `sorted_by`); a list without any keeps its one order.
    sort_fields: dict[int, str] = {}

    def __init__(self, runner: TaskRunner, loader: Loader, key: Callable[[Row], Key], parent=None):  # noqa: ANN001
        super().__init__(parent)
        self._runner = runner
        self._loader = loader
        self._key = key
        self._rows: list[Row] = []
        self._has_more = True
        self._loading = False
        self._generation = 0
        self._hidden: Callable[[], bool] = lambda: False
        self._held = False  # a fetch asked for while hidden, made when shown
        self.sorted_by: tuple[str, bool] | None = None  # (sort field, descending); None: as the service orders

    @property
    def sortable(self) -> bool:
        return bool(self.sort_fields)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted again by the database from the first page: the rows here are only the
        pages seen so far."""
        field = self.sort_fields.get(column)
        wanted = None if field is None else (field, order == Qt.SortOrder.DescendingOrder)
        if wanted != self.sorted_by:
            self.sorted_by = wanted
            self.reload()

    # -- subclasses ------------------------------------------------------------------------
    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return None

    # -- paging ----------------------------------------------------------------------------
    def set_loader(self, loader: Loader) -> None:
        """A new query (another filter): forget every row and load from the top."""
        self._loader = loader
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._has_more = True
        self._loading = False
        self._held = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def is_loading(self) -> bool:
        return self._loading

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self._loading

    def hold_while(self, hidden: Callable[[], bool]) -> None:
        """Fetch nothing while `hidden()`: a fetch asked for then waits for `release`."""
        self._hidden = hidden

    def release(self) -> None:
        """Make the fetch held while hidden."""
        if self._held:
            self._held = False
            self.fetchMore()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        if self._hidden():
            self._held = True
            return
        self._loading = True
        generation, loader = self._generation, self._loader
        after = self._key(self._rows[-1]) if self._rows else None
        self._runner.run(
            lambda: loader(after),
            lambda page: self._arrived(generation, page),
            lambda exc: self._failed(generation),
            owner=self,
        )

    def _arrived(self, generation: int, page: tuple[list[Row], bool]) -> None:
        if generation != self._generation:
            return  # an answer to a query the user has since replaced
        rows, more = page
        # Still "loading" while the rows go in: a view (or the model tester) reacting to
        # the insert signals must not ask again for the page that is arriving.
        self._has_more = more and bool(rows)
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._loading = False
        self.sig_page_loaded.emit(len(self._rows))

    def _failed(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False
            self._has_more = False  # no retry loop; the runner shows the error

    # -- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(self._rows[index.row()], index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = self.alignment(index.column())
            return None if align is None else int(align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None
