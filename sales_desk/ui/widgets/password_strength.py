"""A password's strength as the user types it: a bar of four steps and a word, from the
same estimate the rule refuses on (domain/admin/passwords.py), so the meter never says
"strong" for a password the program will refuse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QProgressBar, QWidget

from sales_desk.domain.admin.passwords import MIN_LENGTH, MIN_STRENGTH, strength
from sales_desk.i18n import N_, _

_WORDS = (N_("very weak"), N_("weak"), N_("fair"), N_("strong"), N_("very strong"))
_COLOURS = ("#b71c1c", "#b71c1c", "#e65100", "#2e7d32", "#1b5e20")


class PasswordStrength(QWidget):
    """Follows `edit`; `user_inputs` gives the names a password must not be made of."""

    def __init__(self, edit: QLineEdit, user_inputs: Callable[[], tuple[str, ...]] = tuple,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("password_strength")
        self._edit, self._user_inputs = edit, user_inputs
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.label)
        edit.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        pw = self._edit.text()
        score = strength(pw, self._user_inputs()) if len(pw) >= MIN_LENGTH else min(strength(pw), 1)
        self.bar.setValue(score if pw else 0)
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {_COLOURS[score]}; }}")
        self.label.setText(_("Strength: {word}").format(word=_(_WORDS[score])) if pw else "")
        self.label.setToolTip(_("The program accepts a password of at least {n} characters rated "
                                "“{word}” or better.").format(n=MIN_LENGTH, word=_(_WORDS[MIN_STRENGTH])))
