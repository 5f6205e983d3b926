"""The aging [账龄分析表] as an xlsx workbook: per customer (with a total row), per rep and
per region, in the buckets of the settings, streamed through the shared writer (text
never a formula: a customer named "=…" stays a name)."""

from __future__ import annotations

import os
from datetime import date

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.customers.files import choice_label
from sales_desk.i18n import _
from sales_desk.reports.common.xlsx_writer import Column, XlsxWriter
from sales_desk.services.collections import aging
from sales_desk.services.collections.aging import AgingReport, rollup


def _money_columns(report: AgingReport) -> list[Column]:
    return ([Column(label, "money", 14) for label in report.labels]
            + [Column(_("Unapplied credits"), "money", 14), Column(_("Total"), "money", 16)])


def write_aging(report: AgingReport, path: str | os.PathLike[str]) -> int:
    """Write the report; returns the number of customer rows."""
    with XlsxWriter(path) as book:
        sheet = book.add_sheet(_("Aging by customer"), [
            Column(_("Code"), width=12), Column(_("Customer"), width=32), Column(_("Sales rep"), width=12),
            Column(_("Region"), width=12), *_money_columns(report)])
        for r in sorted(report.rows, key=lambda r: r.code):
            sheet.append((r.code, r.name, r.rep, choice_label("region", r.region), *r.buckets, r.credits, r.total))
        sheet.append((_("Total"), _("As of {date}").format(date=report.as_of.isoformat()), "", "",
                      *report.totals, report.credits, report.total))
        for by, title, head in (("rep", _("Aging by rep"), _("Sales rep")),
                                ("region", _("Aging by region"), _("Region"))):
            groups = book.add_sheet(title, [Column(head, width=16), Column(_("Customers"), "int", 10),
                                            *_money_columns(report)])
            for g in rollup(report, by):
                key = choice_label("region", g.key) if by == "region" else g.key
                groups.append((key or _("(none)"), g.customers, *g.buckets, g.credits, g.total))
    return len(report.rows)


def export_aging_xlsx(uow: UnitOfWork, path: str | os.PathLike[str], as_of: date | None = None,
                      rep_id: int | None = None, region: str | None = None) -> int:
    """The aging as of `as_of` (today) that the actor sees, to `path`; audited."""
    return aging.export_aging(uow, lambda report: write_aging(report, path), as_of, rep_id, region)
