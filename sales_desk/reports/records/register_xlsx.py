"""The document register [正式文件登记簿] as an xlsx workbook, streamed in constant memory:
one row per issued document, oldest first, as services/records/register.py hands them
(`export_register(uow, write, filter)` with `write` made here). The shared writer keeps
text as text and leaves no file behind if the export fails or is cancelled."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from sales_desk.i18n import N_, _
from sales_desk.reports.common.xlsx_writer import Column, XlsxWriter
from sales_desk.services.records.register import RegisterRow

PROGRESS_EVERY = 500

REGISTER_COLUMNS = (
    (N_("Document No."), "text", 16), (N_("Form"), "text", 24), (N_("Title"), "text", 60),
    (N_("Form's own No."), "text", 16), (N_("Customer code"), "text", 12), (N_("Customer"), "text", 30),
    (N_("Language"), "text", 10), (N_("Edition"), "int", 8), (N_("Issued on"), "date", 12),
    (N_("Issued by"), "text", 14), (N_("Pages"), "int", 8), (N_("Size (bytes)"), "int", 12),
    (N_("Prints and saves"), "int", 14),
)


def register_values(r: RegisterRow) -> tuple[object, ...]:
    return (r.number, r.kind_label, r.title, r.reference, r.customer_code, r.customer_name, r.language,
            r.edition, r.issued_on, r.issued_by, r.pages, r.size, r.outputs)


def write_register_xlsx(path: str | os.PathLike[str], rows: Iterable[RegisterRow],
                        progress: Callable[[int], None] | None = None) -> int:
    """Write the register's rows to `path`; returns how many. `progress(rows_written)` may
    raise (Cancelled) to stop: then no file is left."""
    with XlsxWriter(path) as book:
        sheet = book.add_sheet(_("Document register"), [Column(_(t), k, w) for t, k, w in REGISTER_COLUMNS],
                               continued=lambda n: _("Document register {n}").format(n=n))
        for row in rows:
            sheet.append(register_values(row))
            if progress and sheet.rows % PROGRESS_EVERY == 0:
                progress(sheet.rows)
    return sheet.rows


def register_writer(path: str | os.PathLike[str],
                    progress: Callable[[int], None] | None = None) -> Callable[[Iterable[RegisterRow]], int]:
    """The `write` that export_register takes: the rows into the workbook at `path`."""
    return lambda rows: write_register_xlsx(path, rows, progress)
