"""The monthly staff-liability statement [回款责任扣款明细] as an xlsx workbook for payroll:
a summary per person (final charges, refunds, to deduct; and what awaits a fault record or
the GM's decision, not deducted) and every line with the invoice behind it and where it
stands (第19条 3: proposed / final with the fault, its reason and who recorded it / exempted
and by whom / exemption awaiting the GM). Through the shared writer: text never a formula."""

from __future__ import annotations

import os
from datetime import date

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.liability import ChargeKind, ChargeStatus, Finding, Responsible
from sales_desk.i18n import _
from sales_desk.reports.common.xlsx_writer import Column, XlsxWriter
from sales_desk.services.collections import liability
from sales_desk.services.collections.liability import LiabilityLine, LiabilityStatement


def write_liability(st: LiabilityStatement, path: str | os.PathLike[str]) -> int:
    month = st.month.strftime("%Y-%m")
    rows = 0
    with XlsxWriter(path) as book:
        summary = book.add_sheet(_("Liability {month}").format(month=month), [
            Column(_("Person"), width=16), Column(_("Charged"), "money", 14), Column(_("Refunded"), "money", 14),
            Column(_("To deduct from pay"), "money", 16), Column(_("Lines"), "int", 8),
            Column(_("Not final: awaiting fault or the GM"), "money", 18), Column(_("Exempted"), "money", 14)],
            footer=_("Audit head {code}").format(code=st.audit_head) if st.audit_head else "")
        for p in st.people:
            summary.append((p.name, p.charged, p.refunded, p.total, len(p.lines), p.awaiting, p.exempted))
        summary.append((_("Total"), sum(p.charged for p in st.people), sum(p.refunded for p in st.people),
                        st.total, sum(len(p.lines) for p in st.people), st.awaiting,
                        sum(p.exempted for p in st.people)))
        lines = book.add_sheet(_("Lines {month}").format(month=month), [
            Column(_("Person"), width=14), Column(_("Answerable as"), width=16), Column(_("Charge"), width=30),
            Column(_("Document"), width=16), Column(_("Customer code"), width=12), Column(_("Customer"), width=28),
            Column(_("Due date"), "date", 12), Column(_("Days overdue"), "int", 10),
            Column(_("Open amount"), "money", 14), Column(_("Charge on the debt"), "money", 14),
            Column(_("Share"), "text", 8), Column(_("Amount"), "money", 14), Column(_("Status"), width=26),
            Column(_("Fault"), width=16), Column(_("Reason"), width=36), Column(_("Recorded by"), width=12),
            Column(_("Exempted by"), width=12)])
        for p in st.people:
            for x in p.lines:
                lines.append((p.name, Responsible(x.responsible).label, ChargeKind(x.kind).label, x.doc_no,
                              x.customer_code, x.customer_name, x.due_date, x.days_overdue, x.base_amount,
                              x.charge, f"{x.weight}/10", x.amount, *fault_cells(x)))
                rows += 1
    return rows


def fault_cells(x: LiabilityLine) -> tuple[str, str, str, str, str]:
    """Where the line stands, the finding, its reason, who recorded it, who exempted it."""
    return (ChargeStatus(x.status).label, Finding(x.finding).label if x.finding else "", x.reason, x.recorded_by,
            x.decided_by if x.status == ChargeStatus.EXEMPTED else "")


def export_liability_xlsx(uow: UnitOfWork, month: date, path: str | os.PathLike[str],
                          run_if_needed: bool = False) -> int:
    """The month's statement (one's own, or everyone's for finance) to `path`; audited."""
    return liability.export_statement(uow, month, lambda st: write_liability(st, path), run_if_needed)
