"""The distributors' stock sheet of a month [经销商进销存表] as an xlsx workbook: one row per
distributor and product (opening, received as shipped less returned, sold, closing, the
closing opening + received − sold gives, the difference and the state), and a sheet of the
distributors flagged. Through the shared writer (text never a formula)."""

from __future__ import annotations

import os
from datetime import date

from sales_desk.db.uow import UnitOfWork
from sales_desk.i18n import _, pgettext
from sales_desk.reports.common.xlsx_writer import Column, XlsxWriter
from sales_desk.services.collections import distributor_stock
from sales_desk.services.collections.distributor_stock import StockMonth


def _blank(n: int | None) -> int | str:
    return "" if n is None else n


def write_stock_month(sheet: StockMonth, path: str | os.PathLike[str]) -> int:
    """Write the month's sheet; returns the number of product rows."""
    month = sheet.month.strftime("%Y-%m")
    rows = 0
    with XlsxWriter(path) as book:
        lines = book.add_sheet(_("Stock {month}").format(month=month), [
            Column(_("Code"), width=10), Column(_("Distributor"), width=28), Column(_("Sales rep"), width=12),
            Column(_("Product code"), width=12), Column(_("Product"), width=24),
            Column(_("Opening stock"), "int", 12), Column(_("Received (shipped less returns)"), "int", 14),
            Column(pgettext("stock", "Sold"), "int", 10), Column(_("Closing stock"), "int", 12),
            Column(_("Opening + received − sold"), "int", 14), Column(_("Difference"), "int", 10),
            Column(_("State"), width=16), Column(_("Entered by"), width=12)])
        for d in sheet.distributors:
            for x in d.lines:
                c = x.check
                received = "" if x.product_id is None else c.received
                lines.append((d.code, d.name, d.rep, x.product_code, x.product_name, _blank(c.opening), received,
                              _blank(c.sold), _blank(c.closing), _blank(c.expected_closing), _blank(c.gap),
                              c.state.label, x.entered_by))
                rows += 1
        flagged = book.add_sheet(_("Flagged {month}").format(month=month), [
            Column(_("Code"), width=10), Column(_("Distributor"), width=28), Column(_("Sales rep"), width=12),
            Column(_("Why"), width=40)])
        for d in sheet.flagged:
            flagged.append((d.code, d.name, d.rep, d.flags.text))
    return rows


def export_stock_month_xlsx(uow: UnitOfWork, month: date, path: str | os.PathLike[str]) -> int:
    """The month's sheet of the distributors the actor sees, to `path`; audited."""
    return distributor_stock.export_stock_month(uow, month, lambda s: write_stock_month(s, path))
