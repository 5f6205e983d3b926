"""A reason, for the record, before an order is cancelled or closed: the dialog asks once
more (it cannot be undone) and runs the step it is given with the reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import ServiceDialog, hint
from sales_desk.ui.tabs.orders.decision_layout import note_edit
from sales_desk.ui.widgets import dialogs


class ReasonDialog(ServiceDialog):
    sig_done = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, title: str, text: str, action: str,
                 run: Callable[[str], object], confirm_text: str, parent: QWidget | None = None):
        super().__init__(ctx, actor, title, parent)
        self._run, self._confirm_text, self._action = run, confirm_text, action
        layout = QVBoxLayout(self)
        layout.addWidget(hint(text))
        self.reason = note_edit(_("The reason, for the record"))
        self.reason.setObjectName("reason")
        self.reason.textChanged.connect(self._update_buttons)
        layout.addWidget(self.reason)
        self.go_button = self.add_button(action, QDialogButtonBox.ButtonRole.AcceptRole, self.go, "go")
        self.add_close(_("Back"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.go_button.setEnabled(not self.busy() and bool(self.reason.toPlainText().strip()))

    def go(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not dialogs.confirm(self, self.windowTitle(), self._confirm_text, self._action.replace("&", ""),
                               destructive=True):
            return
        self.call(lambda: self._run(reason), lambda _r: self._done())

    def _done(self) -> None:
        self.sig_done.emit()
        self.accept()
