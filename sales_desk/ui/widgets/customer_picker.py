"""A customer typed by name or code and picked from what the search finds.

After a typing pause the customers the user may see (a rep: their own) whose code or
names contain the text are offered in a list under the field, a code typed in full
first. Keyboard: Down/Up move in the list and Enter (or a click) picks, the top one
unless moved; Enter typed before the list came picks the top match; a code typed in
full that matches nothing else is taken at once. Tab leaves without picking. Esc closes
the list, then clears text that picked nobody. A search that finds nothing says so
under the field.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QToolTip, QWidget

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.customers.files import normalize_search, sees_all_customers
from sales_desk.i18n import _
from sales_desk.services.customers import pickers as customer_pickers
from sales_desk.services.customers.pickers import CustomerChoice
from sales_desk.ui.context import AppContext

OFFERED = 20
TYPING_PAUSE_MS = 250
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def customer_label(code: str, name: str) -> str:
    return _("{name} ({code})").format(name=name, code=code)


class CustomerPicker(QLineEdit):
    sig_changed = Signal()
    """The chosen customer changed: one picked or set, or none any more (the text cleared
    or edited). Read it from `customer_id`."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setPlaceholderText(_("Type a name or code, then pick"))
        self.setClearButtonEnabled(True)
        self.empty_text = ""  # what the last search said when it found nobody
        self._id: int | None = None
        self._labels: dict[str, int] = {}  # every label shown so far: typing one back picks it
        self._offered: list[CustomerChoice] = []
        self._offered_for = ""  # the text `_offered` answers
        self._asked = ""  # the text last searched…
        self._answered = ""  # …and the last one whose answer came
        self._pick_top = False  # Enter came before the answer: take its top match
        self._model = QStringListModel(self)
        # Not setCompleter: the line edit would filter the offer again by its own rule
        # (the search also folds width and spaces, and matches short names) and pick
        # whatever the arrow keys pass over.
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.activated[QModelIndex].connect(lambda index: self._choose(self._offered[index.row()]))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TYPING_PAUSE_MS)
        self._debounce.timeout.connect(self._search)
        self.textChanged.connect(self._typed)

    @property
    def customer_id(self) -> int | None:
        """The customer picked, or None (nothing typed, or typed but not picked)."""
        return self._id

    @customer_id.setter
    def customer_id(self, customer_id: int | None) -> None:
        self.set_customer(customer_id)

    def set_customer(self, customer_id: int | None, code: str = "", name: str = "") -> None:
        """Show a customer chosen elsewhere (a record being opened) without searching;
        without code and name the field stays empty until they are known; None clears it."""
        label = customer_label(code, name) if customer_id is not None and (code or name) else ""
        if label:
            self._labels[label] = customer_id
        blocked = self.blockSignals(True)  # not a typed text: no search
        self.setText(label)
        self.blockSignals(blocked)  # a caller's block holds for sig_changed too
        self._debounce.stop()
        self._set_id(customer_id)

    def show_choice(self, customer_id: int, label: str) -> None:
        """Show again a customer this picker showed before, by its id and its text."""
        self._labels[label] = customer_id
        blocked = self.blockSignals(True)
        self.setText(label)
        self.blockSignals(blocked)
        self._debounce.stop()
        self._set_id(customer_id)

    def chosen_id(self, required: bool = True) -> int | None:
        """The customer picked; ValidationError if none was picked (when `required`) or
        if a name was typed but none picked (when optional)."""
        if self._id is None and (required or self.text().strip()):
            raise ValidationError(_("Customer"), _("pick the customer from the list") if required
                                  else _("pick the customer from the list, or leave it empty"))
        return self._id

    def pending(self) -> bool:
        """A search waits for the typing pause or for its answer."""
        return self._debounce.isActive() or self._asked != self._answered

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # With the list open the completer sees keys after the field, if the field ignores
        # them: it closes on Esc and takes the highlighted row on Enter.
        popup = self._completer.popup()
        listed = popup.isVisible()
        unpicked = not self.isReadOnly() and self._id is None and bool(self.text().strip())
        if unpicked and e.key() in _ENTER and not (listed and popup.currentIndex().isValid()):
            popup.hide()
            self._enter()
        elif unpicked and e.key() == Qt.Key.Key_Escape and not listed:
            self.clear()
        else:  # Enter with a customer chosen is the form's (its default button)
            super().keyPressEvent(e)
            return
        e.accept()

    def _set_id(self, customer_id: int | None) -> None:
        if customer_id != self._id:
            self._id = customer_id
            self.sig_changed.emit()

    def _typed(self, text: str) -> None:
        self._pick_top = False
        self._completer.popup().setCurrentIndex(QModelIndex())  # Enter must not take a stale row
        self._say_empty("")
        self._set_id(self._labels.get(text))
        if text.strip() and self._id is None:
            self._debounce.start()
        else:
            self._debounce.stop()
            self._completer.popup().hide()

    def _choose(self, c: CustomerChoice) -> None:
        self._completer.popup().hide()
        self.set_customer(c.id, c.code, c.name)

    def _enter(self) -> None:
        text = self.text().strip()
        if self._offered_for == text and not self._debounce.isActive():
            if self._offered:
                self._choose(self._offered[0])
            return
        self._pick_top = True
        self._debounce.stop()
        self._search()

    def _search(self) -> None:
        text = self.text().strip()
        if text and text == self._offered_for:  # typed back to what was found: offer it again
            self._offer(text, self._offered)
            return
        if not text or (text == self._asked and self._asked != self._answered):
            return  # nothing to find, or on its way
        self._asked = text
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: customer_pickers.find_customers(ctx.uow(actor), text, OFFERED),
                            lambda rows: self._offer(text, rows), self._failed, owner=self)

    def _failed(self, _exc: BaseException) -> None:
        self._asked = self._answered = ""  # the runner shows why; the same text may be tried again

    def _offer(self, text: str, rows: list[CustomerChoice]) -> None:
        self._answered = text
        for c in rows:
            self._labels[customer_label(c.code, c.name)] = c.id
        if self.text().strip() != text or self._id is not None:
            return  # typed on meanwhile: a newer search answers that
        self._offered, self._offered_for = rows, text
        self._model.setStringList([customer_label(c.code, c.name) for c in rows])
        whole_code = len(rows) == 1 and rows[0].code == normalize_search(text).upper()
        if rows and (self._pick_top or whole_code):
            self._choose(rows[0])
        elif not rows:
            self._completer.popup().hide()
            self._say_empty(_("No customer matches “{text}”.").format(text=text)
                            if sees_all_customers(self.actor.roles)
                            else _("None of your customers matches “{text}”.").format(text=text))
        elif self.hasFocus():
            self._completer.complete()
            popup = self._completer.popup()
            popup.setCurrentIndex(self._completer.completionModel().index(0, 0))  # Enter takes the top one
        self._pick_top = False

    def _say_empty(self, text: str) -> None:
        if text and self.hasFocus():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), text, self)
        elif self.empty_text and not text:
            QToolTip.hideText()
        self.empty_text = text
