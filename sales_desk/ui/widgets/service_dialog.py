"""The dialog whose buttons each run one service call: the call runs off the UI thread, a
refusal (DomainError) shows under the fields and the dialog stays open, so the user can
correct it. A tab subclasses it once to name the topic its writes announce."""

from __future__ import annotations

from collections.abc import Callable
from types import EllipsisType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE

HINT_STYLE = "color: #555555;"


class ServiceDialog(QDialog):
    topic: str | None = None  # what a call writes (`writes=`) unless it names another

    def __init__(self, ctx: AppContext, actor: Actor, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(title)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self._busy = False

    def add_button(self, text: str, role: QDialogButtonBox.ButtonRole,
                   slot: Callable[[], Any] | None = None, name: str = "") -> QPushButton:
        button = self.buttons.addButton(text, role)
        if name:
            button.setObjectName(name)
        if slot is not None:
            button.clicked.connect(lambda _c=False: slot())
        return button

    def add_close(self, text: str | None = None) -> QPushButton:
        close = self.buttons.addButton(text or _("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        close.clicked.connect(self.reject)
        return close

    def say(self, text: str, error: bool = False) -> None:
        self.problem_label.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.problem_label.setText(text)

    def busy(self) -> bool:
        return self._busy

    def call(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None, *,
             writes: str | None | EllipsisType = ...,
             refused: Callable[[DomainError], bool] | None = None) -> None:
        """Run `fn` off the UI thread; `done(result)` after it; a DomainError shown inline
        (or handed to `refused`, which returns True when it has shown it itself).
        `writes`: the topic announced (… the dialog's own, None for a read)."""
        self._busy = True
        self._update_buttons()

        def finished(result: Any) -> None:
            self._busy = False
            self._update_buttons()
            if done is not None:
                done(result)

        def failed(exc: BaseException) -> bool:
            self._busy = False
            self._update_buttons()
            if isinstance(exc, DomainError):
                if refused is None or not refused(exc):
                    self.say(str(exc), error=True)
                return True
            return False

        topic = self.topic if writes is ... else writes
        self.ctx.runner.run(fn, finished, failed, writes=topic, owner=self)

    def _update_buttons(self) -> None:
        """Subclasses enable their buttons from `busy()` and their state."""
