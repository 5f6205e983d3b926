"""The customer's figures as stamped [财务信息]: amounts, shares and counts, any of them not
known yet, with the ratios they give shown as the user types."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QWidget

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.credit.limits import FIGURE_LABELS
from sales_desk.i18n import N_, _
from sales_desk.services.credit.investigation import CreditFigures
from sales_desk.ui.tabs.credit.common import (
    OptionalCountEdit,
    OptionalDateEdit,
    OptionalMoneyEdit,
    PercentEdit,
    hint,
)

# The form's groups (title msgid, then (field, kind) in order), as the statements print them.
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (N_("Balance sheet"), (("statement_date", "date"), ("current_assets", "money"),
                           ("current_liabilities", "money"), ("total_assets", "money"),
                           ("total_liabilities", "money"))),
    (N_("Income statement"), (("annual_revenue", "money"), ("net_profit", "money"))),
    (N_("Their purchases and our share"), (("expected_annual_sales", "money"), ("cost_rate_bp", "percent"),
                                           ("supply_share_bp", "percent"), ("supplier_count", "count"))),
)
FIELDS = tuple(f for _title, fields in GROUPS for f in fields)
FIELD_WIDTH = 150

Edit = OptionalDateEdit | OptionalMoneyEdit | PercentEdit | OptionalCountEdit


def _ratio(num: int | None, den: int | None) -> Decimal | None:
    return None if num is None or not den else Decimal(num) / Decimal(den)


class FiguresForm(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edits: dict[str, Edit] = {}
        grid = QGridLayout(self)
        for n, (title, fields) in enumerate(GROUPS):
            box = QGroupBox(_(title))
            form = QFormLayout(box)
            for name, kind in fields:
                edit: Edit = {"date": OptionalDateEdit, "money": OptionalMoneyEdit, "percent": PercentEdit,
                              "count": OptionalCountEdit}[kind]()
                edit.setObjectName(name)
                edit.setFixedWidth(FIELD_WIDTH)
                self.edits[name] = edit
                form.addRow(_("{label}:").format(label=_(FIGURE_LABELS[name])), edit)
                self._watch(edit)
            grid.addWidget(box, 0, n, alignment=Qt.AlignmentFlag.AlignTop)
        self.ratios = hint()
        self.ratios.setObjectName("ratios")
        source = hint(_("The limit calculator works from these figures."))
        for label in (self.ratios, source):
            label.setWordWrap(False)  # one line each, side by side
        notes = QHBoxLayout()
        notes.addWidget(self.ratios)
        notes.addStretch(1)
        notes.addWidget(source)
        grid.addLayout(notes, 1, 0, 1, len(GROUPS))
        grid.setContentsMargins(0, 0, 0, 0)

    def _watch(self, edit: Edit) -> None:
        if isinstance(edit, OptionalDateEdit):
            edit.dateChanged.connect(lambda _d: self._update_ratios())
        elif isinstance(edit, OptionalCountEdit):
            edit.valueChanged.connect(lambda _v: self._update_ratios())
        else:
            edit.textChanged.connect(lambda _t: self._update_ratios())

    def set_figures(self, f: CreditFigures) -> None:
        for name, edit in self.edits.items():
            edit.set_value(getattr(f, name))
        self._update_ratios()

    def figures(self) -> CreditFigures:
        """What the form holds; ValidationError naming the figure if one is not readable."""
        values: dict[str, object] = {}
        for name, edit in self.edits.items():
            if isinstance(edit, OptionalDateEdit):
                values[name] = edit.value()
            elif isinstance(edit, OptionalCountEdit):
                values[name] = edit.value_or_none()
            else:
                values[name] = edit.value(_(FIGURE_LABELS[name]))
        return CreditFigures(**values)  # type: ignore[arg-type]

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(read_only)

    def _update_ratios(self) -> None:
        try:
            f = self.figures()
        except ValidationError:
            self.ratios.setText("")
            return
        current = _ratio(f.current_assets, f.current_liabilities)
        debt = _ratio(f.total_liabilities, f.total_assets)
        margin = _ratio(f.net_profit, f.annual_revenue)
        if current is None and debt is None and margin is None:
            self.ratios.setText("")
            return
        # One sentence for the translator; a ratio not known yet shows as a dash.
        self.ratios.setText(_("Ratios: current ratio {current}; debt-to-assets {debt}; net margin {margin}").format(
            current="—" if current is None else f"{current:.2f}",
            debt="—" if debt is None else f"{debt * 100:.1f} %",
            margin="—" if margin is None else f"{margin * 100:.1f} %"))
