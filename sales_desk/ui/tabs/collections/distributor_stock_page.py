"""Distributors' stock [经销商进销存] (seed 002 一、11): a month's sheet of every distributor the
user follows — per product the opening stock carried from last month's reported closing, what
we shipped less returns, what the distributor reports sold and holding — with a closing that
does not add up, a product left out of the report and a distributor who has not reported
shown in red and counted above the table; only the flagged on request; exported to Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.collections.stock_check import StockState
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _, ngettext, pgettext
from sales_desk.services.collections import distributor_stock
from sales_desk.services.collections.distributor_stock import (
    DistributorStock,
    StockLine,
    StockMonth,
)
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import TOPIC, fit_columns
from sales_desk.ui.tabs.collections.liability_page import month_picker
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

HEADERS = (N_("Code"), N_("Distributor"), N_("Product"), N_("Opening stock"), N_("Received (shipped less returns)"),
           "", N_("Closing stock"), N_("Opening + received − sold"), N_("Difference"), N_("State"))
SOLD = 5  # its heading in the stock's context: units sold, not a sales amount
NUMBERS = (3, 4, SOLD, 6, 7, 8)
FLAG_COLOUR = QColor("#b00020")

Row = tuple[DistributorStock, StockLine]


def _n(v: int | None, signed: bool = False) -> str:
    return "" if v is None else f"{v:+,}" if signed and v else f"{v:,}"


def _cell(row: object, col: int) -> str:
    d, x = row  # type: ignore[misc]
    c = x.check
    state = d.flags.text if not d.flags.reported else c.state.label
    if x.product_id is None:  # a distributor with nothing shipped, held or reported
        return (d.code, d.name, "", "", "", "", "", "", "", state)[col]
    return (d.code, d.name, f"{x.product_code} {x.product_name}", _n(c.opening), _n(c.received), _n(c.sold), _n(c.closing),
            _n(c.expected_closing), _n(c.gap, signed=True), state)[col]


class _Model(RowsTableModel):
    """The rows of a distributor flagged for the month read in red: the flag is seen, not only read."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            _d, x = self.row_at(index.row())
            return FLAG_COLOUR if x.check.state is not StockState.AGREES else None
        return super().data(index, role)


def summary_text(sheet: StockMonth) -> str:
    total, flagged = len(sheet.distributors), sheet.flagged
    if not total:
        return _("No distributor to show: the sales manager marks customers as distributors.")
    silent = sum(not d.flags.reported for d in flagged)
    return ngettext("{month}: {total} distributor, {flagged} flagged ({silent} not reported).",
                    "{month}: {total} distributors, {flagged} flagged ({silent} not reported).", total).format(
        month=sheet.month.strftime("%Y-%m"), total=total, flagged=len(flagged), silent=silent)


class DistributorStockPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.sheet: StockMonth | None = None
        self.year, self.month = month_picker()
        self.year.setObjectName("stock_year")
        self.month.setObjectName("stock_month")
        for spin in (self.year, self.month):
            spin.valueChanged.connect(lambda _v: self.load())
        self.only_flagged = QCheckBox(_("Only the f&lagged"))
        self.only_flagged.toggled.connect(lambda _on: self._show())
        self.export_button = QPushButton(_("E&xport to Excel…"))
        self.export_button.clicked.connect(self.export)
        self.summary = QLabel()
        self.summary.setObjectName("stock_summary")
        self.summary.setWordWrap(True)
        self.table = Table("collections/distributor_stock")
        headers = [_(h) if h else pgettext("stock", "Sold") for h in HEADERS]
        self.model = _Model(headers, _cell, self.table, right_aligned=NUMBERS)
        self.table.setModel(self.model)
        self.table.restore_layout()
        fit_columns(self.table, stretch=(1, 2, 9))
        self.table.setObjectName("distributor_stock")
        top = QHBoxLayout()
        label = QLabel(_("&Month:"))
        label.setBuddy(self.year)
        for w in (label, self.year, self.month, self.only_flagged, self.export_button):
            top.addWidget(w)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.year, self.month)
        self.setTabOrder(self.month, self.only_flagged)
        self.setTabOrder(self.only_flagged, self.export_button)
        self.setTabOrder(self.export_button, self.table)

    def chosen_month(self) -> date:
        return date(self.year.value(), self.month.value(), 1)

    def load(self) -> None:
        ctx, actor, month = self.ctx, self.actor, self.chosen_month()
        ctx.runner.run(lambda: distributor_stock.stock_month(ctx.uow(actor), month), self._arrived, owner=self)

    def _arrived(self, sheet: StockMonth) -> None:
        self.sheet = sheet
        self.summary.setText(summary_text(sheet))
        self._show()

    def _show(self) -> None:
        if self.sheet is None:
            return
        only = self.only_flagged.isChecked()
        self.model.set_rows([(d, x) for d in self.sheet.distributors if d.flags.flagged or not only
                             for x in d.lines])
        self.export_button.setEnabled(bool(self.sheet.distributors))

    def export(self) -> None:
        month = self.chosen_month()
        path = dialogs.save_file(self, _("Export the stock sheet"),
                                 Path.home() / f"distributor-stock-{month.strftime('%Y-%m')}.xlsx",
                                 _("Excel workbooks (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from sales_desk.reports.collections.distributor_stock_xlsx import export_stock_month_xlsx

        ctx, actor, month = self.ctx, self.actor, self.chosen_month()

        def job(token: CancelToken) -> int:
            token.progress(0, 0, _("Exporting the stock sheet…"))
            return export_stock_month_xlsx(ctx.uow(actor), month, path)

        ctx.runner.run_long(job, _("Exporting the stock sheet…"), lambda n: dialogs.show_info(
            self, _("Wrote {n} stock lines to {path}.").format(n=n, path=path)), owner=self)

    def save_layout(self) -> None:
        self.table.save_layout()
