"""The year-end clearance lists [年底清收] as an xlsx workbook: every credit sale still open
with the days left to 31 December (from 1 November), per rep; and what was still open on
1 January with its staff liability, per rep. Through the shared writer (text never a formula)."""

from __future__ import annotations

import os

from sales_desk.db.uow import UnitOfWork
from sales_desk.i18n import _
from sales_desk.reports.common.xlsx_writer import Column, XlsxWriter
from sales_desk.services.collections import year_end
from sales_desk.services.collections.year_end import Clearance, RepTotal, Uncleared


def _reps(book: XlsxWriter, title: str, reps: tuple[RepTotal, ...], liability: bool) -> None:
    cols = [Column(_("Sales rep"), width=16), Column(_("Documents open"), "int", 10), Column(_("Open amount"), "money", 16)]
    sheet = book.add_sheet(title, cols + ([Column(_("Staff liability"), "money", 16)] if liability else []))
    for t in reps:
        sheet.append((t.rep or _("(no rep)"), t.documents, t.amount, *((t.liability,) if liability else ())))


def write_year_end(c: Clearance, u: Uncleared, path: str | os.PathLike[str]) -> int:
    """Write both lists; returns the number of document rows."""
    head = [Column(_("Sales rep"), width=12), Column(_("Code"), width=12), Column(_("Customer"), width=30),
            Column(_("Document"), width=18), Column(_("Date"), "date", 12), Column(_("Due"), "date", 12)]
    with XlsxWriter(path) as book:
        sheet = book.add_sheet(_("To clear by 31 Dec"), [*head, Column(_("Open amount"), "money", 16),
                                                        Column(_("Days left"), "int", 10),
                                                        Column(_("Deferred"), width=10)])
        if not c.started:
            sheet.append((_("The list starts on {date}.").format(date=c.starts_on.isoformat()),))
        for x in c.sales:
            sheet.append((x.rep, x.customer_code, x.customer_name, x.doc_no, x.doc_date, x.due_date, x.open_amount,
                          c.days_left, _("yes") if x.deferred else ""))
        _reps(book, _("To clear, per rep"), c.reps, False)
        sheet = book.add_sheet(_("Open on 1 January"), [*head, Column(_("Open on 1 Jan"), "money", 16),
                                                       Column(_("Staff liability"), "money", 16)])
        for x in u.sales:
            sheet.append((x.rep, x.customer_code, x.customer_name, x.doc_no, x.doc_date, x.due_date, x.open_amount,
                          x.liability))
        _reps(book, _("Open on 1 January, per rep"), u.reps, True)
    return len(c.sales) + len(u.sales)


def export_year_end_xlsx(uow: UnitOfWork, path: str | os.PathLike[str], year: int) -> int:
    """The lists the actor sees, to `path`; audited."""
    return year_end.export_year_end(uow, lambda c, u: write_year_end(c, u, path), year)
