"""The refusals log as an xlsx workbook, streamed in constant memory, as the audit trail's
(audit_xlsx.py): readable columns first (time, person, kind, the sentence, the record, the
reason, the detail as text), then the raw fields (user, service, entity, id, detail JSON).
The shared writer keeps text as text and leaves no file behind if the export fails or is
cancelled.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from sales_desk.domain.admin.refusal_sentences import DetailItem
from sales_desk.i18n import N_, _
from sales_desk.reports.common.xlsx_writer import MAX_DATA_ROWS, Column, XlsxWriter

PROGRESS_EVERY = 1000

REFUSAL_COLUMNS = (
    N_("Time (UTC)"), N_("Person"), N_("Kind"), N_("What happened"), N_("Which record"), N_("Reason"),
    N_("Detail"), N_("No."), N_("User"), N_("Service"), N_("Entity"), N_("ID"), N_("Raw detail"),
)
_KINDS = ("datetime", "text", "text", "text", "text", "text", "text", "int", "text", "text", "text", "text", "text")
_WIDTHS = (20, 16, 14, 80, 24, 60, 50, 8, 14, 30, 14, 12, 50)


class RefusalRowLike(Protocol):
    seq: int
    at: str
    username: str
    action: str
    kind: str
    entity: str
    entity_id: str
    reason: str
    detail: str | None
    who: str
    sentence: str
    record: str
    items: Sequence[DetailItem]


def write_refusals_xlsx(
    path: str | os.PathLike[str],
    rows: Iterable[RefusalRowLike],
    kind_label: Callable[[str], str],
    progress: Callable[[int], None] | None = None,
    max_rows_per_sheet: int = MAX_DATA_ROWS,
) -> int:
    """Write refusal rows; returns the row count. `kind_label` names a refusal kind in the
    reader's language. `progress(rows_written)` every PROGRESS_EVERY rows may raise (e.g.
    Cancelled) to stop, and then no file is left at `path`. Times are UTC, as stored."""
    columns = [Column(_(t), k, w) for t, k, w in zip(REFUSAL_COLUMNS, _KINDS, _WIDTHS, strict=True)]
    with XlsxWriter(path, max_rows_per_sheet=max_rows_per_sheet) as book:
        sheet = book.add_sheet(_("Refusals log"), columns, continued=lambda n: _("Refusals log {n}").format(n=n))
        for row in rows:
            # TRANSLATORS: between two values of a refusal's detail in one cell
            detail = _("; ").join(f"{i.field}: {i.value}" for i in row.items)
            sheet.append((row.at, row.who or row.username, kind_label(row.kind), row.sentence, row.record,
                          row.reason, detail, row.seq, row.username, row.action, row.entity, row.entity_id,
                          row.detail))
            if progress and sheet.rows % PROGRESS_EVERY == 0:
                progress(sheet.rows)
    if progress:
        progress(sheet.rows)
    return sheet.rows
