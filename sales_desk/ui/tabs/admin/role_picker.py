"""Role checkboxes with the segregation-of-duties check shown live, before saving.

The check is the same function the service applies (domain.roles.conflicts_in),
so what the admin sees while ticking boxes is exactly what saving will enforce.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import (
    ROLE_PERMISSIONS,
    Conflict,
    Role,
    admin_mixed_with_business,
    conflicts_in,
)
from sales_desk.i18n import _
from sales_desk.ui.login import ERROR_STYLE

WARNING_STYLE = "color: #8a4b00;"
ROLE_ORDER = tuple(Role)  # the order of SPEC §1, the admin last


def describe_conflict(conflict: Conflict, roles: list[Role]) -> str:
    """Which chosen roles bring each side of the conflict, and why it matters."""
    def holders(perm: object) -> str:
        return ", ".join(r.label for r in roles if perm in ROLE_PERMISSIONS[r])

    return _("{first} ({first_roles}) × {second} ({second_roles}): {reason}").format(
        first=conflict.first.value, first_roles=holders(conflict.first),
        second=conflict.second.value, second_roles=holders(conflict.second),
        reason=_(conflict.reason),
    )


class RolePicker(QWidget):
    sig_changed = Signal()
    """A role was ticked or unticked, or the justification edited: `problem()` may differ."""

    def __init__(self, roles: tuple[str, ...] = (), justification: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        box = QGroupBox(_("Roles"))
        grid = QGridLayout(box)
        self.boxes: dict[Role, QCheckBox] = {}
        for i, role in enumerate(ROLE_ORDER):
            check = QCheckBox(role.label)
            check.setObjectName(f"role_{role.value}")
            check.setToolTip(role.value)
            check.setChecked(role.value in roles)
            check.toggled.connect(self._update)
            grid.addWidget(check, i // 2, i % 2)
            self.boxes[role] = check
        self.conflicts_label = QLabel()
        self.conflicts_label.setObjectName("conflicts")
        self.conflicts_label.setWordWrap(True)
        self.conflicts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.justification_label = QLabel(
            _("&Why can the firm not separate these duties? (Kept and shown in the audit report.)")
        )
        self.justification_label.setWordWrap(True)
        self.justification = QPlainTextEdit(justification)
        self.justification.setObjectName("justification")
        self.justification.setTabChangesFocus(True)
        self.justification.setMaximumHeight(80)
        self.justification_label.setBuddy(self.justification)
        self.justification.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.justification_label)
        layout.addWidget(self.justification)
        self._update()

    def set_state(self, roles: set[str], justification: str) -> None:
        """Show these roles and this reason (a reload after a stale save)."""
        for role, check in self.boxes.items():
            check.setChecked(role.value in roles)
        self.justification.setPlainText(justification)
        self._update()

    def roles(self) -> list[Role]:
        return [r for r, check in self.boxes.items() if check.isChecked()]

    def conflicts(self) -> list[Conflict]:
        return conflicts_in(self.roles())

    def justification_text(self) -> str | None:
        return self.justification.toPlainText().strip() or None

    def problem(self) -> str:
        """Why these roles cannot be saved as they are; "" when they can."""
        roles = self.roles()
        if not roles:
            return _("Choose at least one role.")
        if admin_mixed_with_business(roles):
            return _(
                "The administrator holds no business rights. Give this person a second, "
                "ordinary account for business work."
            )
        if self.conflicts() and not self.justification_text():
            return _("These roles conflict: record why the firm cannot separate them, or choose others.")
        return ""

    def _update(self) -> None:
        roles = self.roles()
        conflicts = conflicts_in(roles)
        lines: list[str] = []
        style = WARNING_STYLE
        if admin_mixed_with_business(roles):
            lines.append(_("The administrator role cannot be combined with business roles."))
            style = ERROR_STYLE
        if conflicts:
            lines.append(_("These roles give one person incompatible duties:"))
            lines += ["• " + describe_conflict(c, roles) for c in conflicts]
        self.conflicts_label.setText("\n".join(lines))
        self.conflicts_label.setStyleSheet(style)
        self.conflicts_label.setVisible(bool(lines))
        self.justification_label.setVisible(bool(conflicts))
        self.justification.setVisible(bool(conflicts))
        self.sig_changed.emit()
