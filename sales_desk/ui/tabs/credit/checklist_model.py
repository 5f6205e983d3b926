"""The investigation checklist as a tree: five sections, each with its items; per item
received (ticked), the date, the customer's stamp [盖章确认], the attachment and a note.

Edits change the row at once and announce it (`sig_item_edited`); the dialog saves it
through the service and reloads, so what shows is what was stored.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.credit.checklist import ITEM_BY_KEY, SECTIONS
from sales_desk.i18n import _
from sales_desk.services.credit.investigation import ItemRow
from sales_desk.services.credit.views import DocumentChoice

Index = QModelIndex | QPersistentModelIndex
ITEM, RECEIVED, DATE, STAMPED, ATTACHMENT, NOTE = range(6)
ROW_PADDING = 6
NO_PARENT = 0  # internalId of a section row; an item row stores its section's number + 1


class ChecklistModel(QAbstractItemModel):
    sig_item_edited = Signal(object)
    """The user changed an item; the argument is the new ItemRow to store."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.headers = [_("Item"), _("Received"), _("Date received"), _("Stamped (盖章确认)"),
                        _("Attachment"), _("Note")]
        self._items: list[list[ItemRow]] = [[] for _s in SECTIONS]
        self._documents: dict[int, str] = {}
        self.editable = False

    # -- content ---------------------------------------------------------------------------
    def set_items(self, items: tuple[ItemRow, ...] | list[ItemRow], editable: bool) -> None:
        self.beginResetModel()
        by_section = {s.key: n for n, s in enumerate(SECTIONS)}
        self._items = [[] for _s in SECTIONS]
        for item in items:
            self._items[by_section[item.section]].append(item)
        self.editable = editable
        self.endResetModel()

    def set_documents(self, documents: list[DocumentChoice]) -> None:
        self._documents = {d.id: d.title for d in documents}
        self._changed_all(ATTACHMENT)

    def documents(self) -> dict[int, str]:
        return dict(self._documents)

    def items(self) -> list[ItemRow]:
        return [i for section in self._items for i in section]

    def item(self, key: str) -> ItemRow:
        return next(i for i in self.items() if i.key == key)

    def index_of(self, key: str, column: int = ITEM) -> QModelIndex:
        for s, section in enumerate(self._items):
            for r, item in enumerate(section):
                if item.key == key:
                    return self.createIndex(r, column, s + 1)
        return QModelIndex()

    def _changed_all(self, column: int) -> None:
        for s, section in enumerate(self._items):
            if section:
                top = self.createIndex(0, column, s + 1)
                bottom = self.createIndex(len(section) - 1, column, s + 1)
                self.dataChanged.emit(top, bottom)

    def _row(self, index: Index) -> ItemRow | None:
        if not index.isValid() or index.internalId() == NO_PARENT:
            return None
        return self._items[index.internalId() - 1][index.row()]

    # -- structure -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, NO_PARENT)
        if parent.internalId() == NO_PARENT:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(SECTIONS)
        if parent.internalId() == NO_PARENT and parent.column() == 0:
            return len(self._items[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    # -- display ---------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._row(index)
        if item is None:
            return self._section_data(index, role)
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column in (RECEIVED, STAMPED):
            on = item.received if column == RECEIVED else item.stamped
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == DATE:
                return QDate(item.received_on) if item.received_on else QDate(clock.today())
            if column == ATTACHMENT:
                return item.document_id
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == ITEM:
            spec = ITEM_BY_KEY[item.key]
            return f"{_(spec.label)}\n{spec.zh}"
        return None

    def _text(self, item: ItemRow, column: int) -> str:
        if column == ITEM:
            return _(ITEM_BY_KEY[item.key].label)
        if column == DATE:
            return item.received_on.isoformat() if item.received_on else ""
        if column == ATTACHMENT:
            if item.document_id is None:
                return ""
            return self._documents.get(item.document_id, item.document_title)
        if column == NOTE:
            return item.note
        return ""

    def _section_data(self, index: Index, role: int) -> Any:
        items = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == ITEM:
            return _(SECTIONS[index.row()].label)
        if role == Qt.ItemDataRole.DisplayRole and index.column() == RECEIVED:
            return _("{n} of {total}").format(n=sum(i.received for i in items), total=len(items))
        if role == Qt.ItemDataRole.DisplayRole and index.column() == STAMPED:
            return _("{n} of {total}").format(n=sum(i.stamped for i in items), total=len(items))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == ITEM:
            return SECTIONS[index.row()].zh
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self._row(index)
        if item is None:
            return base
        column = index.column()
        if column in (RECEIVED, STAMPED):
            base |= Qt.ItemFlag.ItemIsUserCheckable
        if not self.editable:
            return base
        if column == NOTE or (column == DATE and item.received) \
                or (column == ATTACHMENT and item.received and self._documents):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    # -- editing ---------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self._row(index)
        if item is None or not self.editable:
            return False
        column = index.column()
        new = item
        if role == Qt.ItemDataRole.CheckStateRole and column in (RECEIVED, STAMPED):
            on = Qt.CheckState(value) == Qt.CheckState.Checked
            if column == RECEIVED:
                new = replace(item, received=True) if on else replace(
                    item, received=False, received_on=None, stamped=False, document_id=None, document_title="")
            else:  # a stamped document has been received
                new = replace(item, stamped=on, received=item.received or on)
        elif role == Qt.ItemDataRole.EditRole and column == DATE:
            day = value.toPython() if isinstance(value, QDate) else value
            new = replace(item, received_on=day if isinstance(day, date) else None)
        elif role == Qt.ItemDataRole.EditRole and column == ATTACHMENT:
            doc = int(value) if value not in (None, "", 0) else None
            new = replace(item, document_id=doc, document_title=self._documents.get(doc, "") if doc else "")
        elif role == Qt.ItemDataRole.EditRole and column == NOTE:
            new = replace(item, note=str(value or "").strip())
        else:
            return False
        if new == item:
            return True
        section = index.internalId() - 1
        self._items[section][index.row()] = new
        self.dataChanged.emit(self.createIndex(index.row(), 0, section + 1),
                              self.createIndex(index.row(), len(self.headers) - 1, section + 1))
        parent = self.createIndex(section, 0, NO_PARENT)
        self.dataChanged.emit(parent, parent.siblingAtColumn(len(self.headers) - 1))
        self.sig_item_edited.emit(new)
        return True


class ChecklistDelegate(QStyledItemDelegate):
    """A calendar for the date received, a list of the customer's documents for the attachment."""

    def __init__(self, model: ChecklistModel, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() == DATE:
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(QDate(clock.today()))
            return edit
        if index.column() == ATTACHMENT:
            combo = QComboBox(parent)
            combo.addItem(_("(none)"), None)
            for doc_id, title in self._model.documents().items():
                combo.addItem(title, doc_id)
            return combo
        return super().createEditor(parent, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + ROW_PADDING)  # room between the tick boxes

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QDateEdit):
            editor.setDate(index.data(Qt.ItemDataRole.EditRole))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QDateEdit):
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
