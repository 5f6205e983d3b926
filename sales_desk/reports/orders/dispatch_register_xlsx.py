"""The dispatch register [发货登记] as an xlsx workbook (filters applied), streamed in
constant memory through the shared writer: every movement out and back, returns as
negative quantities and amounts, text never a formula.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.orders.dispatch import MovementKind
from sales_desk.i18n import N_, _
from sales_desk.reports.common.xlsx_writer import MAX_DATA_ROWS, Column, XlsxWriter
from sales_desk.services.orders import dispatch_register
from sales_desk.services.orders.dispatch_register import RegisterFilter, RegisterRow

PROGRESS_EVERY = 1000

COLUMNS: tuple[tuple[str, str, float], ...] = (
    (N_("Date"), "date", 12),
    (N_("Movement"), "text", 10),
    (N_("Document"), "text", 16),
    (N_("Order"), "text", 16),
    (N_("Customer code"), "text", 12),
    (N_("Customer"), "text", 32),
    (N_("Product code"), "text", 12),
    (N_("Product"), "text", 24),
    (N_("Unit"), "text", 6),
    (N_("Quantity"), "int", 10),
    (N_("Unit price"), "money", 12),
    (N_("Amount"), "money", 14),
    (N_("Carrier"), "text", 14),
    (N_("Tracking no."), "text", 18),
    (N_("Handed over on"), "date", 12),
    (N_("Received by"), "text", 14),
    (N_("Shipped by"), "text", 12),
)


def _values(r: RegisterRow) -> tuple[object, ...]:
    return (r.moved_on, MovementKind(r.kind).label, r.document_no, r.order_no, r.customer_code,
            r.customer_name, r.product_code, r.product_name, r.unit, r.quantity, r.unit_price, r.amount,
            r.carrier, r.tracking_no, r.handed_over_on, r.received_by, r.shipped_by)


def export_register_xlsx(uow: UnitOfWork, path: str | os.PathLike[str],
                         flt: RegisterFilter | None = None, progress: Callable[[int], None] | None = None,
                         max_rows_per_sheet: int = MAX_DATA_ROWS) -> int:
    """Write the movements the actor sees, filtered, newest first; returns the row count.

    `progress(rows)` is called every PROGRESS_EVERY rows and may raise (Cancelled) to stop:
    then no file is left and nothing is audited.
    """
    def consume(rows: Iterator[RegisterRow]) -> int:
        with XlsxWriter(path, max_rows_per_sheet=max_rows_per_sheet) as book:
            sheet = book.add_sheet(_("Dispatch register"), [Column(_(t), k, w) for t, k, w in COLUMNS],  # type: ignore[arg-type]
                                   continued=lambda n: _("Dispatch register {n}").format(n=n))
            for r in rows:
                sheet.append(_values(r))
                if progress and sheet.rows % PROGRESS_EVERY == 0:
                    progress(sheet.rows)
            if progress:  # inside: a cancel at the very end still leaves no file
                progress(sheet.rows)
        return sheet.rows

    return dispatch_register.export_register(uow, flt or RegisterFilter(), consume)
