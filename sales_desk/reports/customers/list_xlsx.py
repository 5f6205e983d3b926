"""The customer list as an xlsx workbook (filters applied), streamed in constant memory.

Exporting the list is its own permission (customer.export); the service checks it
and writes the audit row once the file is complete. Text is always written as text:
a customer named "=HYPERLINK(…)" stays a name (shared writer, see reports/common/xlsx_writer.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.credit.rating import PaymentMode
from sales_desk.domain.customers.files import choice_label
from sales_desk.i18n import N_, _
from sales_desk.reports.common.xlsx_writer import MAX_DATA_ROWS, Column, XlsxWriter
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers.listing import CustomerFilter, CustomerRow

PROGRESS_EVERY = 1000

COLUMNS: tuple[tuple[str, str, float], ...] = (
    (N_("Code"), "text", 12),
    (N_("Name"), "text", 36),
    (N_("Region"), "text", 14),
    (N_("Industry"), "text", 18),
    (N_("Nature"), "text", 14),
    (N_("Customer type"), "text", 14),
    (N_("Value grade"), "text", 8),
    (N_("Credit grade"), "text", 8),
    (N_("Credit limit"), "money", 16),
    (N_("Payment term"), "int", 12),  # days, a number; "not capped" as text
    (N_("Payment mode"), "text", 14),
    (N_("Sales rep"), "text", 14),
    (N_("Key account"), "text", 8),
    (N_("Credit hold"), "text", 8),
    (N_("Stale file"), "text", 8),
    (N_("File updated"), "date", 12),
    (N_("Re-rating due"), "date", 12),
)


def _values(r: CustomerRow) -> tuple[object, ...]:
    yes = _("Yes")
    term = None if r.payment_mode != PaymentMode.CREDIT else (
        _("not capped") if r.payment_term_days is None else r.payment_term_days)
    return (
        r.code, r.name, choice_label("region", r.region), choice_label("industry", r.industry),
        choice_label("nature", r.nature), choice_label("customer_type", r.customer_type), r.value_grade,
        r.credit_grade or "", r.credit_limit, term, PaymentMode(r.payment_mode).label, r.rep_name,
        yes if r.key_account else "", yes if r.credit_hold else "", yes if r.stale else "",
        r.file_updated_on, r.rerating_due_on,
    )


def export_customers_xlsx(
    uow: UnitOfWork,
    path: str | os.PathLike[str],
    flt: CustomerFilter | None = None,
    progress: Callable[[int], None] | None = None,
    order: str = "name",
    max_rows_per_sheet: int = MAX_DATA_ROWS,
) -> int:
    """Write the customers the actor sees, filtered, to `path`; returns the row count.

    `progress(rows)` is called every PROGRESS_EVERY rows and may raise (Cancelled) to
    stop: then no file is left and nothing is audited.
    """
    def consume(rows: Iterator[CustomerRow]) -> int:
        with XlsxWriter(path, max_rows_per_sheet=max_rows_per_sheet) as book:
            sheet = book.add_sheet(_("Customers"), [Column(_(t), k, w) for t, k, w in COLUMNS],  # type: ignore[arg-type]
                                   continued=lambda n: _("Customers {n}").format(n=n))
            for r in rows:
                sheet.append(_values(r))
                if progress and sheet.rows % PROGRESS_EVERY == 0:
                    progress(sheet.rows)
            if progress:  # inside: a cancel at the very end still leaves no file
                progress(sheet.rows)
        return sheet.rows

    return customer_list.export_customers(uow, flt or CustomerFilter(), consume, order)
