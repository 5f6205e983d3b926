"""The month's commission for payroll and the period's evaluations, as xlsx (the shared
streaming writer: text never becomes a formula)."""

from __future__ import annotations

import os

from sales_desk.domain.performance.evaluation import EVAL_STATUS_LABELS, EvalStatus, period_label
from sales_desk.i18n import _
from sales_desk.reports.common.xlsx_writer import Column, XlsxWriter
from sales_desk.services.performance.commission import CommissionStatement
from sales_desk.services.performance.evaluations import EvaluationRow


def write_commission(s: CommissionStatement, path: str | os.PathLike[str]) -> int:
    month = s.month.strftime("%Y-%m")
    with XlsxWriter(path) as book:
        sheet = book.add_sheet(_("Commission {month}").format(month=month), [
            Column(_("Sales rep"), width=16), Column(_("Collected"), "money", 16),
            Column(_("Excluded: written off"), "money", 16), Column(_("Commission"), "money", 14),
            Column(_("Taken back"), "money", 14), Column(_("Liability deducted"), "money", 16),
            Column(_("Net to pay"), "money", 16)],
            footer=_("Scheme: {name}").format(name=s.scheme))
        for x in s.lines:
            sheet.append((x.rep, x.collected, x.excluded, x.commission, x.clawback, x.liability, x.net))
        sheet.append((_("Total"), sum(x.collected for x in s.lines), sum(x.excluded for x in s.lines),
                      sum(x.commission for x in s.lines), sum(x.clawback for x in s.lines),
                      sum(x.liability for x in s.lines), s.total))
    return len(s.lines)


def write_evaluations(rows: list[EvaluationRow], path: str | os.PathLike[str]) -> int:
    with XlsxWriter(path) as book:
        label = period_label(rows[0].year, rows[0].month) if rows else ""
        sheet = book.add_sheet(_("Evaluations {period}").format(period=label), [
            Column(_("Rank"), "int", 8), Column(_("Sales rep"), width=16), Column(_("Weighted score"), "number", 14),
            Column(_("Status"), width=18), Column(_("Acknowledged"), "datetime", 20)])
        for r in rows:
            sheet.append((r.rank, r.rep, r.total, _(EVAL_STATUS_LABELS[EvalStatus(r.status)]), r.acknowledged_at))
    return len(rows)
