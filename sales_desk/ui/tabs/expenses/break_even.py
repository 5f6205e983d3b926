"""The break-even calculator [盈亏平衡分析] beside the budget: fixed costs, unit price and
unit variable cost give the volume at which profit is zero, and its revenue.
Pure arithmetic (domain.budget.break_even), recalculated as the figures are typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.expenses.budget import BreakEven, break_even
from sales_desk.i18n import _
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.expenses.common import hint
from sales_desk.ui.widgets.money import MoneyEdit, money_text


def _result() -> QLabel:
    label = QLabel("—")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("font-weight: bold;")
    return label


class BreakEvenPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Break-even analysis [盈亏平衡分析]"), parent)
        self.setObjectName("break_even")
        self.fixed = MoneyEdit()
        self.fixed.setObjectName("fixed_costs")
        self.price = MoneyEdit()
        self.price.setObjectName("unit_price")
        self.variable = MoneyEdit()
        self.variable.setObjectName("unit_variable_cost")
        self.target = MoneyEdit()
        self.target.setObjectName("target_profit")
        for edit in (self.fixed, self.price, self.variable, self.target):
            edit.setText("")
            edit.textChanged.connect(lambda _t: self.recalculate())
        self.target.setPlaceholderText(_("0 (break-even)"))
        self.volume = _result()
        self.volume.setObjectName("break_even_volume")
        self.revenue = _result()
        self.revenue.setObjectName("break_even_revenue")
        self.margin = _result()
        self.ratio = _result()
        self.problem = QLabel()
        self.problem.setObjectName("break_even_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, edit in ((_("Fi&xed costs:"), self.fixed), (_("U&nit price:"), self.price),
                           (_("Unit variable c&ost:"), self.variable), (_("Target &profit:"), self.target)):
            label = QLabel(text)
            label.setBuddy(edit)
            form.addRow(label, edit)
        form.addRow(_("Break-even volume:"), self.volume)
        form.addRow(_("Break-even revenue:"), self.revenue)
        form.addRow(_("Contribution per unit:"), self.margin)
        form.addRow(_("Contribution margin:"), self.ratio)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("The volume at which sales cover the fixed costs: fixed costs ÷ "
                                "(unit price − unit variable cost), rounded up to whole units.")))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.result: BreakEven | None = None

    def _amount(self, edit: MoneyEdit, field: str, blank_is_zero: bool = False) -> int | None:
        if not edit.text().strip():
            return 0 if blank_is_zero else None
        return edit.minor(field)

    def recalculate(self) -> BreakEven | None:
        self.result = None
        for label in (self.volume, self.revenue, self.margin, self.ratio):
            label.setText("—")
        self.problem.setText("")
        try:
            fixed = self._amount(self.fixed, _("Fixed costs"))
            price = self._amount(self.price, _("Unit price"))
            variable = self._amount(self.variable, _("Unit variable cost"))
            target = self._amount(self.target, _("Target profit"), blank_is_zero=True)
            if fixed is None or price is None or variable is None:
                return None
            result = break_even(fixed, price, variable, target or 0)
        except ValidationError as exc:
            self.problem.setText(str(exc))
            return None
        except DomainError as exc:  # price not above the variable cost
            self.problem.setText(str(exc))
            return None
        self.result = result
        self.volume.setText(_("{n} units").format(n=f"{result.volume:,}"))
        self.revenue.setText(money_text(result.revenue))
        self.margin.setText(money_text(result.unit_margin))
        self.ratio.setText(f"{result.margin_ratio_bp // 100}.{result.margin_ratio_bp % 100:02d} %")
        return result
