"""Finance's check [财务部审核] and the general manager's approval [总经理审批] of a budget
version: a comment, a button that passes it on and one that returns it (with the
comment as the reason), shown only to whoever's decision is due.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from sales_desk.domain.expenses.budget import BudgetStatus
from sales_desk.i18n import _


class BudgetDecisionBox(QGroupBox):
    sig_decided = Signal(bool)
    """Pass (True) or return (False) was pressed; the comment is still in the box."""

    def __init__(self, checker: bool, approver: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.checker = checker
        self.approver = approver
        self.setObjectName("budget_decision")
        self.comment = QLineEdit()
        self.comment.setObjectName("budget_comment")
        self.comment.setPlaceholderText(_("comment; returning it needs the reason"))
        self.pass_button = QPushButton(_("&Approve"))
        self.pass_button.setObjectName("pass_budget")
        self.return_button = QPushButton(_("Re&turn…"))
        self.return_button.setObjectName("return_budget")
        self.pass_button.clicked.connect(lambda: self.sig_decided.emit(True))
        self.return_button.clicked.connect(lambda: self.sig_decided.emit(False))
        layout = QHBoxLayout(self)
        layout.addWidget(self.comment, 1)
        layout.addWidget(self.pass_button)
        layout.addWidget(self.return_button)
        self.hide()

    def show_for(self, status: BudgetStatus | None) -> None:
        """Shown, and titled, when the version waits for this user's check or approval."""
        deciding = ((self.checker and status is BudgetStatus.SUBMITTED)
                    or (self.approver and status is BudgetStatus.CHECKED))
        self.setVisible(deciding)
        if deciding:
            checking = status is BudgetStatus.SUBMITTED
            self.setTitle(_("Finance's check [财务部审核]") if checking
                          else _("The general manager's approval [总经理审批]"))
            self.pass_button.setText(_("&Checked: pass to the general manager") if checking else _("&Approve"))

    def checks(self, status: BudgetStatus) -> bool:
        """This decision is finance's check (else the general manager's approval)."""
        return status is BudgetStatus.SUBMITTED and self.checker
