"""Beside the application form: the budget left in the claim's category and month, the
claimant's allowance, and the route the claim will take, with the policy's reasons.

Filled from expense_queries.preview_route; the form asks again after every change.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.expenses.claims import StepKind
from sales_desk.i18n import _
from sales_desk.services.expenses.queries import RoutePreview
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.expenses.common import HINT_STYLE, WARN_STYLE, category_label, month_name
from sales_desk.ui.widgets.money import money_text

CHIP = "background-color: #dde7f3; color: #1d3557;"
GM_CHIP = "background-color: #fbe3b8; color: #6b4400; font-weight: bold;"
PAY_CHIP = "background-color: #ececec; color: #444444;"


def _chip(text: str, style: str) -> str:
    """One step: shaded, kept on one line (non-breaking spaces)."""
    return f'<span style="{style}">&nbsp;{html.escape(text).replace(" ", "&nbsp;")}&nbsp;</span>'


def _value(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RoutePanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.budget_box = QGroupBox(_("Budget left"))
        self.budget_title = QLabel()
        self.budget_title.setWordWrap(True)
        self.budget_title.setStyleSheet("font-weight: bold;")
        self.month_budget = _value()
        self.committed = _value()
        self.left_before = _value()
        self.left_after = _value()
        self.left_after.setObjectName("budget_left_after")
        self.year_left = _value()
        self.year_left.setObjectName("year_left_after")
        form = QFormLayout(self.budget_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.budget_title)
        form.addRow(_("Monthly budget:"), self.month_budget)
        form.addRow(_("Held by other claims:"), self.committed)
        form.addRow(_("Left before this claim:"), self.left_before)
        form.addRow(_("Left after this claim:"), self.left_after)
        form.addRow(_("Year left after this claim:"), self.year_left)

        self.allowance_box = QGroupBox(_("Your allowance this month [支配范围]"))
        self.allowance = _value()
        self.allowance_used = _value()
        self.allowance_left = _value()
        self.allowance_left.setObjectName("allowance_left")
        aform = QFormLayout(self.allowance_box)
        aform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        aform.addRow(_("Monthly allowance:"), self.allowance)
        aform.addRow(_("Used:"), self.allowance_used)
        aform.addRow(_("Left:"), self.allowance_left)

        self.route_box = QGroupBox(_("Route of this claim"))
        # The steps as rich text: a long route wraps between steps instead of widening the form.
        self.chips = QLabel()
        self.chips.setObjectName("route_steps")
        self.chips.setWordWrap(True)
        self.chips.setTextFormat(Qt.TextFormat.RichText)
        self.reasons = QLabel()
        self.reasons.setObjectName("route_reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel()
        self.problem.setObjectName("travel_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        self.threshold = QLabel()
        self.threshold.setWordWrap(True)
        self.threshold.setStyleSheet(HINT_STYLE)
        rlayout = QVBoxLayout(self.route_box)
        rlayout.addWidget(self.chips)
        rlayout.addWidget(self.reasons)
        rlayout.addWidget(self.problem)
        rlayout.addWidget(self.threshold)

        self.waiting = QLabel(_("Fill in the category, the amount and the date to see the route."))
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.budget_box)
        layout.addWidget(self.allowance_box)
        layout.addWidget(self.route_box)
        layout.addWidget(self.waiting)
        layout.addStretch(1)
        self._steps: tuple[str, ...] = ()
        self.clear()

    def clear(self) -> None:
        self._steps = ()
        for box in (self.budget_box, self.allowance_box, self.route_box):
            box.setEnabled(False)
        self.waiting.show()

    def route_text(self) -> str:
        """The steps as shown, e.g. "Supervisor review → Sales manager approval → Finance check"."""
        return " → ".join(StepKind(s).label for s in self._steps)

    def show_preview(self, p: RoutePreview, category: str, spent_on: date, amount: int | None,
                     is_travel: bool) -> None:
        for box in (self.budget_box, self.allowance_box, self.route_box):
            box.setEnabled(True)
        self.waiting.hide()
        f = p.figures
        self.budget_title.setText(_("{category}, {month} {year} — {department}").format(
            category=category_label(category), month=month_name(spent_on.month, long=True),
            year=spent_on.year, department=p.department))
        self.month_budget.setText(money_text(f.month_budget))
        self.committed.setText(money_text(f.month_committed))
        self.left_before.setText(money_text(f.month_left))
        self.left_before.setStyleSheet(ERROR_STYLE if f.month_left < 0 else "")
        after = f.month_left - (amount or 0)
        self.left_after.setText(money_text(after))
        self.left_after.setStyleSheet(ERROR_STYLE + " font-weight: bold;" if after < 0 else "font-weight: bold;")
        year_after = f.year_left - (amount or 0)
        self.year_left.setText(money_text(year_after))
        self.year_left.setStyleSheet(ERROR_STYLE if year_after < 0 else "")
        a = p.allowance
        self.allowance.setText(money_text(a.monthly))
        self.allowance_used.setText(money_text(a.used))
        self.allowance_left.setText(money_text(a.left))
        self.allowance_box.setVisible(not is_travel)  # travel never spends the allowance

        self._steps = p.steps
        chips = [_chip(StepKind(s).label, GM_CHIP if s == StepKind.GM.value else CHIP) for s in p.steps]
        chips.append(_chip(_("Cashier pays"), PAY_CHIP))
        self.chips.setText(" → ".join(chips))
        self.reasons.setText("\n".join("• " + _(t.msgid) for t in p.reasons))
        self.problem.setText(p.travel_problem)
        self.problem.setVisible(bool(p.travel_problem))
        note = _("From {amount} a claim also goes to the general manager.").format(
            amount=money_text(p.threshold))
        if amount is None:
            note = _("Type the amount to see its route; shown for the smallest amount meanwhile.") + " " + note
        self.threshold.setText(note)
        self.threshold.setStyleSheet(WARN_STYLE if amount is None else HINT_STYLE)
