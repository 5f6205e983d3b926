"""The window's search box (Ctrl+K): type a number or a name, Enter opens the record.

After a typing pause the records the user may see whose number starts with the text, or
whose name contains it in characters, pinyin or initials, are offered in a list under the
box (services/search/jump.py). Down/Up move in it, Enter (or a click) opens the row, the
top one unless moved; Enter typed before the list came opens the top match when it
comes. Esc closes the list, then empties the box. The box does not open anything itself:
it emits `sig_open(Hit)` and the main window shows the record in its tab.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QToolTip, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _
from sales_desk.services.search.jump import Hit, jump_search
from sales_desk.ui.context import AppContext

TYPING_PAUSE_MS = 200
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
KIND_LABELS = {
    "customer": N_("Customer"), "contact": N_("Contact"), "person": N_("Colleague"), "order": N_("Order"), "invoice": N_("Receivable document"),
    "receipt": N_("Receipt"), "claim": N_("Expense claim"), "document": N_("Document of record"),
}


def hit_label(h: Hit) -> str:
    """One offered row: what it is, its number, whose (or what) it is."""
    return _("{kind} {number} · {name}").format(kind=_(KIND_LABELS[h.kind]), number=h.number, name=h.name)


class JumpBox(QLineEdit):
    sig_open = Signal(object)
    """A record was chosen (a services.search.jump.Hit): the window opens it."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setObjectName("jump_box")
        self.setPlaceholderText(_("Find a customer, order, invoice… (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        self._width = max(260, self.fontMetrics().horizontalAdvance(self.placeholderText()) + 48)
        self.setFixedWidth(self._width)
        self.offered: list[Hit] = []
        self._offered_for = ""  # the text `offered` answers
        self._asked = ""
        self._open_top = False  # Enter came before the answer: open its top match
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[QModelIndex].connect(lambda index: self._open(self.offered[index.row()]))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TYPING_PAUSE_MS)
        self._debounce.timeout.connect(self._search)
        self.textChanged.connect(self._typed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # the menu bar places a corner widget by its size hint: wide enough for the hint text
        return QSize(self._width, super().sizeHint().height())

    def popup(self) -> QAbstractItemView:
        """The list of what was found (it has the keyboard while shown)."""
        return self._completer.popup()

    def pending(self) -> bool:
        """A search waits for the typing pause or for its answer."""
        return self._debounce.isActive() or self._asked != self._offered_for

    def event(self, e: QEvent) -> bool:
        # The box's keys are the box's: a window-wide Enter of a tab's list (a shortcut whose
        # context PySide6 6.11 dropped) must not take the Enter typed here.
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) \
                and e.key() in (*_ENTER, Qt.Key.Key_Escape, Qt.Key.Key_Up, Qt.Key.Key_Down):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        popup = self._completer.popup()
        listed = popup.isVisible()
        if e.key() in _ENTER and not (listed and popup.currentIndex().isValid()):
            popup.hide()
            self._enter()
        elif e.key() == Qt.Key.Key_Escape and not listed:
            self.clear()
        else:  # with the list open the completer takes Up/Down, Enter and Esc
            super().keyPressEvent(e)
            return
        e.accept()

    def _typed(self, text: str) -> None:
        self._open_top = False
        self._completer.popup().setCurrentIndex(QModelIndex())  # Enter must not take a stale row
        if text.strip():
            self._debounce.start()
        else:
            self._debounce.stop()
            self._completer.popup().hide()

    def _enter(self) -> None:
        text = self.text().strip()
        if not text:
            return
        if text == self._offered_for and not self._debounce.isActive():
            if self.offered:
                self._open(self.offered[0])
            return
        self._open_top = True
        self._debounce.stop()
        self._search()

    def _search(self) -> None:
        text = self.text().strip()
        if not text or (text == self._asked and self._asked != self._offered_for):
            return  # nothing to find, or on its way
        self._asked = text
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: jump_search(ctx.uow(actor), text), lambda hits: self._offer(text, hits),
                       self._failed, owner=self)

    def _failed(self, _exc: BaseException) -> None:
        self._asked = ""  # the runner shows why; the same text may be tried again

    def _offer(self, text: str, hits: list[Hit]) -> None:
        if self.text().strip() != text:
            return  # typed on meanwhile: a newer search answers that
        self.offered, self._offered_for = hits, text
        self._model.setStringList([hit_label(h) for h in hits])
        if not hits:
            self._completer.popup().hide()
            if self.hasFocus():
                QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())),
                                  _("Nothing you may see matches “{text}”.").format(text=text), self)
        elif self._open_top:
            self._open(hits[0])
        elif self.hasFocus():
            self._completer.complete()
            self._completer.popup().setCurrentIndex(self._completer.completionModel().index(0, 0))
        self._open_top = False

    def _open(self, h: Hit) -> None:
        self._completer.popup().hide()
        self.sig_open.emit(h)
