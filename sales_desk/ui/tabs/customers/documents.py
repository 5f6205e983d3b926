"""Documents of the confidential file: attached by copying into the data folder (the
service keeps the file's SHA-256), opened from there in the system's viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _
from sales_desk.services.customers import records as customer_records
from sales_desk.services.customers.data import DocumentRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.customers.confidential import ACCESS_TOPIC, local_time
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.table import Table

CATEGORIES = (N_("Business licence"), N_("Contract"), N_("Financial statements"),
              N_("Credit investigation"), N_("Correspondence"), N_("Other"))


def attachments_root(ctx: AppContext) -> Path:
    """Where attached files are kept: the data folder's attachments/ (config.attachments_dir)."""
    return Path(ctx.database.config.attachments_dir)


def human_size(size: int) -> str:
    if size < 1024:
        return _("{n} B").format(n=size)
    if size < 1024 * 1024:
        return _("{n} KB").format(n=f"{size / 1024:.1f}")
    return _("{n} MB").format(n=f"{size / 1024 / 1024:.1f}")


def _cell(row: DocumentRow, column: int) -> str:
    return (row.title, row.category, row.original_name, human_size(row.size), row.uploaded_by,
            local_time(row.uploaded_at))[column]


class AttachDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self.setWindowTitle(_("Attach a document"))
        self.path = QLineEdit()
        self.path.setObjectName("attach_path")
        choose = QPushButton(_("&Choose…"))
        choose.clicked.connect(self.choose)
        self.title = QLineEdit()
        self.title.setObjectName("attach_title")
        self.title.setPlaceholderText(_("blank: the file's name"))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems([""] + [_(c) for c in CATEGORIES])
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        note = QLabel(_("A copy is kept in the data folder; later changes to the original are not seen."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(_("&File:"), row)
        form.addRow(_("&Title:"), self.title)
        form.addRow(_("C&ategory:"), self.category)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Attach"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.path.textChanged.connect(lambda t: self.ok.setEnabled(Path(t.strip()).is_file()))
        self.ok.setEnabled(False)
        self.setMinimumWidth(520)

    def choose(self) -> None:
        chosen = dialogs.open_file(self, _("Attach a document"))
        if chosen:
            self.path.setText(chosen)

    def source(self) -> Path:
        return Path(self.path.text().strip())


class DocumentsPanel(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.customer_id: int | None = None
        self.reason = ""  # the confidential file's opening reason, carried to each document
        self.model: RowsTableModel[DocumentRow] = RowsTableModel(
            [_("Title"), _("Category"), _("File"), _("Size"), _("Added by"), _("Added")], _cell, self,
            right_aligned=(3,))
        self.table = Table("customers/documents")
        self.table.setObjectName("documents_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 180, 1: 120, 2: 180, 3: 70, 4: 90})
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.attach_button = QPushButton(_("&Attach…"))
        self.open_button = QPushButton(_("&Open"))
        self.attach_button.clicked.connect(self.attach)
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self._update()

    def set_documents(self, customer_id: int, documents: tuple[DocumentRow, ...], reason: str,
                      may_attach: bool) -> None:
        self.customer_id, self.reason = customer_id, reason
        self.model.set_rows(documents)
        self.attach_button.setVisible(may_attach)
        self._update()

    def _update(self) -> None:
        self.open_button.setEnabled(self.table.current_row() is not None)

    def attach(self) -> AttachDialog:
        dialog = AttachDialog(self)
        dialog.accepted.connect(lambda: self.attach_file(dialog.source(), dialog.title.text(),
                                                         dialog.category.currentText()))
        dialog.open()
        return dialog

    def attach_file(self, source: Path, title: str = "", category: str = "") -> None:
        cid, root = self.customer_id, attachments_root(self.ctx)
        assert cid is not None
        size = source.stat().st_size if source.is_file() else 0

        def added(doc_id: int) -> None:
            # The file's own list is in the confidential file; reading it again would
            # write another line on the access card, so the new row is shown as attached.
            row = DocumentRow(doc_id, title.strip() or source.name, category.strip(), source.name, size, "",
                              self.actor.username, clock.now())
            self.model.set_rows([*self.model.rows(), row])

        self.ctx.runner.run(
            lambda: customer_records.attach_document(self.ctx.uow(self.actor), cid, source, root, title, category),
            added, writes="customers", owner=self)

    def open_selected(self) -> None:
        row = self.table.current_row()
        if row is None:
            return
        doc = self.model.row_at(row)
        root, reason = attachments_root(self.ctx), self.reason
        why = _("{reason} (document: {title})").format(reason=reason, title=doc.title) if reason else ""
        self.ctx.runner.run(
            lambda: customer_records.open_document(self.ctx.uow(self.actor), doc.id, root, why),
            lambda path: dialogs.open_path(self, path), writes=ACCESS_TOPIC, owner=self)
