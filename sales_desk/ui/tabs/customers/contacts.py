"""Key persons and contacts of a customer file.

A new file keeps its contacts here until the file is saved (they go with it); an
existing file saves each change at once, as the buttons say.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.i18n import _
from sales_desk.services.customers import files as customers
from sales_desk.services.customers import records as customer_records
from sales_desk.services.customers.data import ContactInput, ContactRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.stale import Reload, ask_reload
from sales_desk.ui.widgets.table import Table

Contact = ContactRow | ContactInput
FIELDS = ("name", "position", "phone", "email", "key_person", "note")


def _cell(row: Contact, column: int) -> str:
    if column == 5:
        return _("Key person") if row.key_person else ""
    return (row.name, row.position, row.phone, row.email, row.note)[column] if column < 5 else ""


class ContactDialog(QDialog):
    def __init__(self, contact: Contact | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self.setWindowTitle(_("Contact") if contact is None else _("Contact: {name}").format(name=contact.name))
        self.name = QLineEdit(contact.name if contact else "")
        self.name.setObjectName("contact_name")
        self.position = QLineEdit(contact.position if contact else "")
        self.phone = QLineEdit(contact.phone if contact else "")
        self.email = QLineEdit(contact.email if contact else "")
        self.key_person = QCheckBox(_("&Key person (decides or influences purchases)"))
        self.key_person.setChecked(bool(contact and contact.key_person))
        self.note = QLineEdit(contact.note if contact else "")
        form = QFormLayout(self)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Position:"), self.position)
        form.addRow(_("P&hone:"), self.phone)
        form.addRow(_("&Email:"), self.email)
        form.addRow("", self.key_person)
        form.addRow(_("N&ote:"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.name.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        self.ok.setEnabled(bool(self.name.text().strip()))
        self.setMinimumWidth(420)

    def contact(self) -> ContactInput:
        return ContactInput(self.name.text().strip(), self.position.text().strip(), self.phone.text().strip(),
                            self.email.text().strip(), self.key_person.isChecked(), self.note.text().strip())


class ContactsPanel(QWidget):
    sig_saved = Signal()
    """A contact of an existing file was added, changed or removed (already saved)."""

    def __init__(self, ctx: AppContext, actor: Actor, editable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.customer_id: int | None = None
        self.last_dialog: ContactDialog | None = None  # opened again after a stale edit (tests)
        self.model: RowsTableModel[Contact] = RowsTableModel(
            [_("Name"), _("Position"), _("Phone"), _("Email"), _("Note"), _("Key person")], _cell, self)
        self.table = Table("customers/contacts")
        self.table.setObjectName("contacts_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 110, 1: 110, 2: 120, 3: 160, 4: 160})
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = QPushButton(_("&Add contact…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.remove_button = QPushButton(_("&Remove"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
            b.setVisible(editable)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self._update()

    def set_customer(self, customer_id: int | None, contacts: tuple[Contact, ...]) -> None:
        self.customer_id = customer_id
        self.model.set_rows(contacts)
        self.note.setText(
            _("Contacts are saved with the new file.") if customer_id is None
            else _("Changes to contacts are saved at once."))
        self._update()

    def pending(self) -> tuple[ContactInput, ...]:
        """A new file's contacts, to create with it."""
        return tuple(r for r in self.model.rows() if isinstance(r, ContactInput))

    def selected(self) -> Contact | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _update(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def add(self) -> ContactDialog:
        dialog = ContactDialog(None, self)
        dialog.accepted.connect(lambda: self._added(dialog.contact()))
        dialog.open()
        return dialog

    def edit(self) -> ContactDialog | None:
        current = self.selected()
        if current is None or not self.add_button.isVisible():
            return None
        dialog = ContactDialog(current, self)
        dialog.accepted.connect(lambda: self._edited(current, dialog.contact()))
        dialog.open()
        return dialog

    def remove(self) -> None:
        current = self.selected()
        if current is None:
            return
        if self.customer_id is None:
            self.model.set_rows([r for r in self.model.rows() if r is not current])
            self._update()
            return
        if not dialogs.confirm(self, _("Remove contact"),
                               _("Remove {name} from this customer's contacts?").format(name=current.name),
                               _("Remove"), destructive=True):
            return
        assert isinstance(current, ContactRow)
        contact_id = current.id
        self._save(lambda: customer_records.remove_contact(self.ctx.uow(self.actor), contact_id))

    def _added(self, contact: ContactInput) -> None:
        if self.customer_id is None:
            self.model.set_rows([*self.model.rows(), contact])
            return
        cid = self.customer_id
        self._save(lambda: customer_records.add_contact(self.ctx.uow(self.actor), cid, contact))

    def _edited(self, current: Contact, contact: ContactInput) -> None:
        if self.customer_id is None:
            self.model.set_rows([contact if r is current else r for r in self.model.rows()])
            return
        assert isinstance(current, ContactRow)
        contact_id, version = current.id, current.version  # the version this edit started from

        def stale(exc: BaseException) -> bool:
            if not isinstance(exc, StaleRecord):
                return False
            self._stale(exc, current, contact)
            return True

        self._save(lambda: customer_records.update_contact(self.ctx.uow(self.actor), contact_id, contact,
                                                           version=version), stale)

    def _save(self, call, refused=None) -> None:  # noqa: ANN001 - a zero-argument service call
        self.ctx.runner.run(call, lambda _r: self.sig_saved.emit(), refused, writes="customers", owner=self)

    # -- changed by someone else since (no lost update) ------------------------------------------
    def _stale(self, refusal: StaleRecord, loaded: ContactRow, mine: ContactInput) -> None:
        """Say who changed what; reload the contact, then open it again with this edit's
        changed fields on top of theirs (or theirs alone); "Cancel" shows this edit again."""
        choice = ask_reload(self, str(refusal))
        if choice is Reload.LATER:
            self._reopen(loaded, mine)
            return
        cid = self.customer_id
        assert cid is not None
        self.ctx.runner.run(lambda: customers.customer_card(self.ctx.uow(self.actor), cid),
                            lambda card: self._reloaded(card, loaded, mine, choice), owner=self)

    def _reloaded(self, card, loaded: ContactRow, mine: ContactInput, choice: Reload) -> None:  # noqa: ANN001
        self.set_customer(card.id, card.contacts)
        self.sig_saved.emit()  # the file shows the contacts as they are now
        fresh = next((k for k in card.contacts if k.id == loaded.id), None)
        if fresh is None:  # removed meanwhile: what was typed may go in as a new contact
            if choice is Reload.KEEP_MINE:
                self.last_dialog = dialog = ContactDialog(mine, self)
                dialog.accepted.connect(lambda: self._added(dialog.contact()))
                dialog.open()
            return
        if choice is Reload.KEEP_MINE:
            merged = ContactInput(**{f: getattr(mine if getattr(mine, f) != getattr(loaded, f) else fresh, f)
                                     for f in FIELDS})
            self._reopen(fresh, merged)

    def _reopen(self, row: ContactRow, shown: ContactInput) -> ContactDialog:
        """The contact dialog again, showing `shown`; OK saves over `row`'s version."""
        self.last_dialog = dialog = ContactDialog(shown, self)
        dialog.accepted.connect(lambda: self._edited(row, dialog.contact()))
        dialog.open()
        return dialog
