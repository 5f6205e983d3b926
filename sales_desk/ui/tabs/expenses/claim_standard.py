"""The claim form's spending standard (费用 第13条1): the standard of the chosen item shown
beside the amount, a per-diem's days and city tier, and the reason asked for once the amount
is above the standard (the service refuses it without one: services/expenses/standards.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.expenses.standards import (
    MAX_DAYS,
    TIER_LABELS,
    CityTier,
    StandardItem,
    standard_item,
)
from sales_desk.i18n import _
from sales_desk.services.expenses.standards import standard_of
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.widgets.money import money_text


class StandardField(QWidget):
    """Days and tier (a per-diem only), the standard, and the reason above it."""

    sig_changed = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.standard: int | None = None
        self._asked: tuple | None = None
        self.days = QSpinBox()
        self.days.setObjectName("standard_days")
        self.days.setRange(1, MAX_DAYS)
        self.days.setSuffix(_(" days"))
        self.tier = QComboBox()
        self.tier.setObjectName("city_tier")
        for t in CityTier:
            self.tier.addItem(_(TIER_LABELS[t].msgid), t.value)
        self.shown = QLabel()
        self.shown.setObjectName("standard")
        self.reason = QLineEdit()
        self.reason.setObjectName("standard_reason")
        self.reason.setPlaceholderText(_("above the standard: write why it is needed"))
        self.warning = QLabel()
        self.warning.setStyleSheet(ERROR_STYLE)
        self.warning.setWordWrap(True)
        per_diem = QHBoxLayout()
        per_diem.setContentsMargins(0, 0, 0, 0)
        per_diem.addWidget(self.days)
        per_diem.addWidget(self.tier, 1)
        self.per_diem = QWidget()
        self.per_diem.setLayout(per_diem)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.per_diem)
        layout.addWidget(self.shown)
        layout.addWidget(self.warning)
        layout.addWidget(self.reason)
        self.days.valueChanged.connect(lambda _v: self.sig_changed.emit())
        self.tier.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        self.update_for("", None, None)

    def is_per_diem(self, item: str) -> bool:
        return standard_item(item) is StandardItem.PER_DIEM

    def ask(self, item: str, spent_on: date, amount: Callable[[], int | None]) -> None:
        """Look up the standard of `item` on `spent_on` (in the background), then show it."""
        per_diem = self.is_per_diem(item)
        self.per_diem.setVisible(per_diem)
        days, tier = (self.days.value(), self.tier.currentData()) if per_diem else (None, None)
        question = (item, spent_on, days, tier)
        if standard_item(item) is None:
            self._asked, self.standard = question, None
            self.update_for(item, None, amount())
            return
        if question == self._asked:
            self.update_for(item, self.standard, amount())
            return
        self._asked = question
        ctx, actor = self.ctx, self.actor

        def shown(standard: int | None) -> None:
            if self._asked == question:
                self.standard = standard
                self.update_for(item, standard, amount())

        ctx.runner.run(lambda: standard_of(ctx.uow(actor), item, spent_on, days, tier), shown, owner=self)

    def update_for(self, item: str, standard: int | None, amount: int | None) -> None:
        has = standard_item(item) is not None
        self.shown.setVisible(has)
        self.shown.setText(_("Standard: {amount}").format(amount=money_text(standard)) if standard is not None
                           else _("Standard: —"))
        above = standard is not None and amount is not None and amount > standard
        self.warning.setVisible(above)
        self.reason.setVisible(above)
        if above:
            self.warning.setText(_("Above the standard by {amount}: write why; an approver allows it.").format(
                amount=money_text(amount - standard)))

    def values(self, item: str) -> tuple[str, int | None, int | None]:
        """(reason, days, city tier) for the claim."""
        per_diem = self.is_per_diem(item)
        reason = self.reason.text().strip() if self.reason.isVisible() or self.reason.text().strip() else ""
        return reason, self.days.value() if per_diem else None, self.tier.currentData() if per_diem else None

    def load(self, reason: str, days: int | None, tier: int | None) -> None:
        self.reason.setText(reason)
        if days is not None:
            self.days.setValue(days)
        if tier is not None:
            self.tier.setCurrentIndex(max(0, self.tier.findData(tier)))
