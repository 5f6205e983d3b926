"""A customer typed by name or code: after a typing pause the customers the user may see
(a rep: their own) that match are offered in a completer; choosing one sets the id."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from sales_desk.domain.errors import ValidationError
from sales_desk.domain.roles import Actor
from sales_desk.i18n import _
from sales_desk.services import customer_list
from sales_desk.services.customer_list import CustomerFilter
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.common import DEBOUNCE_MS

OFFERED = 20


class CustomerPicker(QLineEdit):
    sig_changed = Signal()
    """The chosen customer changed (a name picked from the list, or the field cleared)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.customer_id: int | None = None
        self.setPlaceholderText(_("type a name or code, then pick"))
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
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)
        self.textChanged.connect(self._typed)
        self._asked = ""

    def set_customer(self, customer_id: int | None, label: str) -> None:
        self._labels[label] = customer_id or 0
        self.blockSignals(True)
        self.setText(label)
        self.blockSignals(False)
        self.customer_id = customer_id

    def pending(self) -> bool:
        return self._debounce.isActive()

    def chosen_id(self) -> int | None:
        """The customer picked; ValidationError if a name was typed but none picked."""
        if not self.text().strip():
            return None
        if self.customer_id is None:
            raise ValidationError(_("Customer"), _("pick the customer from the list, or leave it empty"))
        return self.customer_id

    def _typed(self, text: str) -> None:
        before = self.customer_id
        self.customer_id = self._labels.get(text) or None
        if self.customer_id != before:
            self.sig_changed.emit()
        if text.strip() and self.customer_id is None:
            self._debounce.start()

    def _chosen(self, label: str) -> None:
        self.customer_id = self._labels.get(label) or None
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

    def _offer(self, text: str, rows) -> None:  # noqa: ANN001 - CustomerRow tuple
        for r in rows:
            self._labels[_("{name} ({code})").format(name=r.name, code=r.code)] = r.id
        labels = [_("{name} ({code})").format(name=r.name, code=r.code) for r in rows]
        self._model.setStringList(labels)
        self.customer_id = self._labels.get(self.text()) or None
        if labels and self.hasFocus() and self.text().strip() == text and self.customer_id is None:
            self._completer.complete()
