"""A customer file [客户档案]: new or existing, one page per section of SPEC §2.

Opening an existing file shows the card (what anyone who sees the customer may read).
The rep who keeps the file gets the full file at once; customer-manager level and
above open it with a reason that goes on the access card [借阅卡]; everyone else sees
the confidential pages locked. Saving sends only the fields that changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.i18n import _
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import (
    CONFIDENTIAL_FIELDS,
    CustomerCard,
    CustomerFile,
    CustomerInput,
)
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.customers.confidential import ACCESS_TOPIC, AccessLogPage, ReasonDialog
from sales_desk.ui.tabs.customers.contacts import ContactsPanel
from sales_desk.ui.tabs.customers.credit_box import CreditBox
from sales_desk.ui.tabs.customers.documents import DocumentsPanel
from sales_desk.ui.tabs.customers.fields import Field, editor_for, label
from sales_desk.ui.tabs.customers.file_header import FileHeader
from sales_desk.ui.tabs.customers.issued import IssuedDocumentsPage
from sales_desk.ui.tabs.customers.relationship import RelationshipPage
from sales_desk.ui.tabs.customers.review import ReviewPanel
from sales_desk.ui.tabs.customers.sections import SECTION_FIELDS, SECTIONS, Locked, SectionPage
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.stale import Reload, ask_reload, put_back_note

GEOMETRY_KEY = "customers/file"
TOPIC = "customers"


class CustomerDialog(QDialog):
    sig_saved = Signal(int)
    """The file was created or changed; the argument is the customer's id."""

    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self.ctx, self.actor, self.customer_id = ctx, actor, customer_id
        self.new = customer_id is None
        self.may_edit = actor.can(Perm.CUSTOMER_CREATE if self.new else Perm.CUSTOMER_EDIT)
        self.may_open_confidential = actor.can(Perm.CUSTOMER_CONFIDENTIAL)
        self.card: CustomerCard | None = None
        self.full: CustomerFile | None = None
        self.reason = ""  # why the confidential file was opened (empty for its own rep)
        self.initial: dict[str, object] = {}
        self._saving = False
        # The version the fields were filled from: a save names it (no lost update), and
        # the changes a stale save put back on the reloaded file.
        self.loaded_version: int | None = None
        self._reapply: dict[str, object] = {}
        self._reapplied: list[str] = []  # the names put back, for the note
        self._refusal: StaleRecord | None = None  # the stale save's: what the other changed
        self.setWindowTitle(_("New customer file") if self.new else _("Customer file"))

        self.fields: dict[str, Field] = {name: editor_for(name) for name in SECTION_FIELDS}
        self.fields["name"].setObjectName("field_name")
        self.code = self.fields["code"]
        self.code.setObjectName("field_code")
        if self.new:
            self.code.setPlaceholderText(_("blank: the next free number"))
        self.header = FileHeader(_("New customer file") if self.new else "")
        self.title, self.open_full_button = self.header.title, self.header.open_full_button
        self.open_full_button.clicked.connect(self.open_full_file)
        self._build_pages()
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox()
        if self.may_edit:
            self.save_button = self.buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.save_button = None
            self.buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.header)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if self.save_button is not None:
            self.save_button.setDefault(True)  # once in the dialog: Enter in a field saves
        self._shortcuts()
        geometry.restore_geom(self, GEOMETRY_KEY, (980, 660))

        if self.new:
            self.fields["first_contact_on"].set_value(clock.today())
            self.contacts.set_customer(None, ())
            self.credit_box.set_card(None)
            self._set_editable(confidential=True)
            self.initial = self._values(SECTION_FIELDS)
        else:
            self._set_editable(confidential=False)
            self.title.setText(_("Loading…"))
            self.reload_card(fill=True)
        self.nav.setCurrentRow(0)
        self.fields["name"].setFocus()

    # -- building ------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("file_sections")
        self.nav.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.locks: dict[str, Locked] = {}
        for section in SECTIONS:
            page = SectionPage(section, self.fields)
            if section.key == "profile":
                self.credit_box = CreditBox()
                page.add_box(1, self.credit_box)
            self._add_page(section.key, _(section.title), page, section.confidential)
        self.contacts = ContactsPanel(self.ctx, self.actor, self.actor.can(Perm.CUSTOMER_EDIT) or self.new)
        self.contacts.sig_saved.connect(lambda: self.reload_card(fill=False))
        self._add_page("contacts", _("Contacts"), self.contacts)
        if not self.new:
            assert self.customer_id is not None
            self.documents = DocumentsPanel(self.ctx, self.actor)
            self._add_page("documents", _("Documents"), self.documents, confidential=True)
            self.relationship = RelationshipPage(self.ctx, self.actor, self.customer_id)
            self._add_page("relationship", _("Relationship log"), self.relationship)
            self.issued = IssuedDocumentsPage(self.ctx, self.actor, self.customer_id)
            self._add_page("issued", _("Documents issued"), self.issued)
            self.review = ReviewPanel(self.ctx, self.actor)
            self.review.sig_saved.connect(lambda: self.reload_card(fill=False))
            self._add_page("review", _("Review"), self.review)
            if self.may_open_confidential:
                self.access_log = AccessLogPage(self.ctx, self.actor, self.customer_id)
                self._add_page("access", _("Access card"), self.access_log)
        self.nav.setFixedWidth(max(150, self.nav.sizeHintForColumn(0) + 28))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

    def _add_page(self, key: str, title: str, page: QWidget, confidential: bool = False) -> None:
        if confidential and not self.new:
            lock = Locked(page, self.may_open_confidential, _("Open the confidential file…"))
            lock.open_button.clicked.connect(self.open_full_file)
            self.locks[key] = lock
            page = lock
        self.pages[key] = page
        self.stack.addWidget(page)
        self.nav.addItem(title)

    def _shortcuts(self) -> None:
        window = Qt.ShortcutContext.WindowShortcut  # the dialog is its own window
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut(keys, self, lambda s=step: self._step(s), window)
        if self.save_button is not None:
            shortcut(QKeySequence.StandardKey.Save, self, self.save, window)

    def _step(self, step: int) -> None:
        self.nav.setCurrentRow((self.nav.currentRow() + step) % self.nav.count())

    def show_section(self, key: str) -> QWidget:
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    # -- loading -------------------------------------------------------------------------
    def reload_card(self, fill: bool) -> None:
        cid = self.customer_id
        assert cid is not None
        self.ctx.runner.run(lambda: customers.customer_card(self.ctx.uow(self.actor), cid),
                            lambda card: self._card_loaded(card, fill), owner=self)

    def _card_loaded(self, card: CustomerCard, fill: bool) -> None:
        if fill or (self.card is not None and all(
                getattr(card, n) == getattr(self.card, n) for n in SECTION_FIELDS if n not in CONFIDENTIAL_FIELDS)):
            self.loaded_version = card.version  # nothing the form shows has moved
        self.card = card
        self.setWindowTitle(_("Customer file: {name}").format(name=card.name))
        self.header.show_card(card)
        self.credit_box.set_card(card)
        self.contacts.set_customer(card.id, card.contacts)
        self.review.set_card(card)
        if fill:
            for name in SECTION_FIELDS:
                if name not in CONFIDENTIAL_FIELDS:
                    self.fields[name].set_value(getattr(card, name))
            self.initial.update(self._values(self._open_fields(confidential=False)))
            self._put_back(self._open_fields(confidential=False))
            if self._refusal is not None:  # after a stale save: say what went back on top
                self.problem.setText(put_back_note([label(n) for n in self._reapplied], self._refusal))
                self._refusal = None
            if card.rep_id == self.actor.user_id:  # the keeper of the file: no card to sign
                cid = card.id
                self.ctx.runner.run(lambda: customers.customer_file(self.ctx.uow(self.actor), cid),
                                    lambda f: self._file_loaded(f, ""), owner=self)
        self.open_full_button.setVisible(self.full is None and self.may_open_confidential
                                         and card.rep_id != self.actor.user_id)

    def open_full_file(self) -> ReasonDialog | None:
        """Managers: ask why, then open the full file (the opening is logged)."""
        if self.card is None or self.full is not None or not self.may_open_confidential:
            return None
        prompt = ReasonDialog(self.card.name, self)
        cid = self.card.id

        def opened() -> None:
            reason = prompt.reason()
            self.ctx.runner.run(
                lambda: customers.open_confidential_file(self.ctx.uow(self.actor), cid, reason),
                lambda f: self._file_loaded(f, reason), writes=ACCESS_TOPIC, owner=self)

        prompt.accepted.connect(opened)
        prompt.open()
        return prompt

    def _file_loaded(self, full: CustomerFile, reason: str) -> None:
        self.full, self.reason = full, reason
        for name in CONFIDENTIAL_FIELDS:
            self.fields[name].set_value(getattr(full, name))
        self.initial.update(self._values(CONFIDENTIAL_FIELDS))
        self._put_back(CONFIDENTIAL_FIELDS)
        self._set_editable(confidential=True)
        for lock in self.locks.values():
            lock.unlock()
        may_attach = self.actor.can(Perm.CUSTOMER_EDIT)
        self.documents.set_documents(full.card.id, full.documents, reason, may_attach)
        self.open_full_button.hide()

    def _set_editable(self, confidential: bool) -> None:
        for name, editor in self.fields.items():
            editor.set_editable(self.may_edit and (confidential or name not in CONFIDENTIAL_FIELDS))
        self.code.set_editable(self.new and self.may_edit)  # a code names the file's folder: fixed

    # -- saving --------------------------------------------------------------------------
    def _open_fields(self, confidential: bool) -> tuple[str, ...]:
        return tuple(n for n in SECTION_FIELDS if confidential or n not in CONFIDENTIAL_FIELDS)

    def _values(self, names) -> dict[str, object]:  # noqa: ANN001
        """The fields' values; ValidationError (with `.editor`) for the first unreadable one."""
        values: dict[str, object] = {}
        for name in names:
            try:
                values[name] = self.fields[name].value()
            except ValidationError as exc:
                exc.editor = self.fields[name]  # type: ignore[attr-defined]
                raise
        return values

    def changes(self) -> dict[str, object]:
        """What the user changed since the file was loaded (only what they may see)."""
        values = self._values(self._open_fields(self.new or self.full is not None))
        return {k: v for k, v in values.items() if v != self.initial.get(k)}

    def is_dirty(self) -> bool:
        try:
            dirty = bool(self.changes())
        except ValidationError:
            return True
        return dirty or (self.new and bool(self.contacts.pending()))

    def save(self) -> None:
        if self.save_button is None or self._saving:
            return
        try:
            changes = self.changes()
        except ValidationError as exc:
            self._point_at(exc)
            return
        if self.new:
            values = self._values(SECTION_FIELDS)
            data = CustomerInput(contacts=self.contacts.pending(), **values)  # type: ignore[arg-type]

            def call() -> int:
                return customers.create_customer(self.ctx.uow(self.actor), data)
        else:
            cid = self.customer_id
            assert cid is not None
            changes.pop("code", None)  # never changed after creation
            if not changes:
                self.done(QDialog.DialogCode.Accepted)
                return

            version = self.loaded_version

            def call() -> int:
                customers.update_customer(self.ctx.uow(self.actor), cid, changes, version=version)
                return cid

        self._saving = True
        self.save_button.setEnabled(False)
        self.problem.clear()
        self.ctx.runner.run(call, self._saved, self._refused, writes=TOPIC, owner=self)

    def _saved(self, customer_id: int) -> None:
        self._saving = False
        self.initial = {}  # nothing left unsaved
        self.sig_saved.emit(customer_id)
        self.done(QDialog.DialogCode.Accepted)

    def _refused(self, exc: BaseException) -> bool:
        self._saving = False
        if self.save_button is not None:
            self.save_button.setEnabled(True)
        if isinstance(exc, StaleRecord):
            self.problem.setText(str(exc))
            self._offer_reload(exc)
            return True
        if isinstance(exc, DomainError):
            self._point_at(exc)
            return True
        return False

    def _offer_reload(self, refusal: StaleRecord) -> None:
        choice = ask_reload(self, str(refusal))
        if choice is Reload.LATER:
            return
        self._reapply = self.changes() if choice is Reload.KEEP_MINE else {}
        self._reapply.pop("code", None)
        self._reapplied = list(self._reapply)
        self._refusal = refusal if self._reapply else None
        self.problem.clear()
        self.reload_card(fill=True)

    def _put_back(self, names) -> None:  # noqa: ANN001
        """After a stale save's reload: the user's own changes over the new version."""
        for name in names:
            if name in self._reapply:
                self.fields[name].set_value(self._reapply.pop(name))

    def _point_at(self, exc: DomainError) -> None:
        """Say what is wrong, and show the field it is about."""
        self.problem.setText(str(exc))
        editor = getattr(exc, "editor", None)
        if editor is None and isinstance(exc, ValidationError):
            editor = next((e for n, e in self.fields.items() if label(n) == exc.field), None)
        if editor is None:
            return
        for key, page in self.pages.items():
            if page.isAncestorOf(editor):
                self.show_section(key)
                editor.setFocus()
                return

    # -- closing -------------------------------------------------------------------------
    def reject(self) -> None:
        if self.may_edit and self.is_dirty() and not dialogs.confirm(
                self, _("Unsaved changes"), _("Close the file without saving your changes?"),
                _("Discard changes"), destructive=True):
            return
        super().reject()

    def done(self, result: int) -> None:
        geometry.save_geom(self, GEOMETRY_KEY)
        super().done(result)
