"""A customer typed by name or code: after a typing pause the customers the user may see
(a rep: their own) that match are offered in a completer; choosing one sets the id."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from sales_desk.domain.roles import Actor
from sales_desk.i18n import _
from sales_desk.services import customer_list
from sales_desk.services.customer_list import CustomerFilter, CustomerRow
from sales_desk.ui.context import AppContext

OFFERED = 20
TYPING_PAUSE_MS = 250


def customer_label(name: str, code: str) -> str:
    return _("{name} ({code})").format(name=name, code=code)


class CustomerPicker(QLineEdit):
    sig_changed = Signal()
    """The chosen customer changed: one picked from the list, or the field cleared."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.customer_id: int | None = None
        self.setPlaceholderText(_("Type a name or code, then pick"))
        self.setClearButtonEnabled(True)
        self._labels: dict[str, int] = {}
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(self._completer)
        self._completer.activated[str].connect(self._chosen)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TYPING_PAUSE_MS)
        self._debounce.timeout.connect(self._search)
        self.textChanged.connect(self._typed)
        self._asked = ""

    def set_customer(self, customer_id: int | None, name: str = "", code: str = "") -> None:
        """Show a customer chosen elsewhere (an order being opened) without searching."""
        label = customer_label(name, code) if customer_id is not None else ""
        if customer_id is not None:
            self._labels[label] = customer_id
        self.blockSignals(True)
        self.setText(label)
        self.blockSignals(False)
        changed = customer_id != self.customer_id
        self.customer_id = customer_id
        if changed:
            self.sig_changed.emit()

    def _typed(self, text: str) -> None:
        before = self.customer_id
        self.customer_id = self._labels.get(text)
        if self.customer_id != before:
            self.sig_changed.emit()
        if text.strip() and self.customer_id is None:
            self._debounce.start()

    def _chosen(self, label: str) -> None:
        before = self.customer_id
        self.customer_id = self._labels.get(label)
        if self.customer_id != before:
            self.sig_changed.emit()

    def _search(self) -> None:
        text = self.text().strip()
        if not text or text == self._asked:
            return
        self._asked = text
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(
            lambda: customer_list.list_customers(ctx.uow(actor), CustomerFilter(text=text), limit=OFFERED).rows,
            lambda rows: self._offer(text, rows), owner=self)

    def _offer(self, text: str, rows: tuple[CustomerRow, ...]) -> None:
        labels = [customer_label(r.name, r.code) for r in rows]
        for label, r in zip(labels, rows, strict=True):
            self._labels[label] = r.id
        self._model.setStringList(labels)
        if self.customer_id is None and self.text().strip() == text:
            exact = [r for r in rows if r.code.upper() == text.upper()]
            if len(exact) == 1:  # a code typed in full: take it
                self._chosen(customer_label(exact[0].name, exact[0].code))
                self.blockSignals(True)
                self.setText(customer_label(exact[0].name, exact[0].code))
                self.blockSignals(False)
            elif labels and self.hasFocus():
                self._completer.complete()
