"""The audit trail as an xlsx workbook, streamed in constant memory.

Every text cell is written with `write_string`: an audit value such as
"=HYPERLINK(...)" or "+86 138…" must stay text, never become a formula
(CSV/Excel formula injection). The file appears under its final name only when
complete, so a cancelled or failed export leaves nothing half-written behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from sales_desk.i18n import N_, _

MAX_DATA_ROWS = 1_048_575  # an xlsx sheet holds 1,048,576 rows, one is the header
PROGRESS_EVERY = 1000

AUDIT_COLUMNS = (
    N_("No."), N_("Time (UTC)"), N_("User"), N_("Action"), N_("Entity"), N_("ID"),
    N_("Before"), N_("After"),
)
JUSTIFICATION_COLUMNS = (
    N_("User"), N_("Conflict"), N_("Justification"), N_("Recorded by"), N_("Recorded at (UTC)"),
)
_WIDTHS = (8, 28, 16, 22, 14, 12, 50, 50)


class AuditRowLike(Protocol):
    seq: int
    at: str
    username: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None


class JustificationLike(Protocol):
    username: str
    conflict_key: str
    justification: str
    recorded_by: str
    recorded_at: object  # datetime


def write_audit_xlsx(
    path: str | os.PathLike[str],
    rows: Iterable[AuditRowLike],
    justifications: Iterable[JustificationLike] = (),
    progress: Callable[[int], None] | None = None,
    max_rows_per_sheet: int = MAX_DATA_ROWS,
) -> int:
    """Write audit rows (and the SoD justifications, if given); returns the row count.

    `progress(rows_written)` is called every PROGRESS_EVERY rows; it may raise (e.g.
    Cancelled) to stop the export, and then no file is left at `path`.
    """
    import xlsxwriter  # lazy: only exports need it

    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_formulas": False,
                                          "strings_to_numbers": False, "strings_to_urls": False})
    total = 0
    try:
        bold = book.add_format({"bold": True})
        sheet = None
        sheet_no = 0
        line = 0
        for row in rows:
            if sheet is None or line > max_rows_per_sheet:
                sheet_no += 1
                sheet = _new_sheet(book, _("Audit trail") if sheet_no == 1
                                   else _("Audit trail {n}").format(n=sheet_no), AUDIT_COLUMNS, bold)
                line = 1
            sheet.write_number(line, 0, row.seq)
            for col, value in enumerate(
                (row.at, row.username, row.action, row.entity, row.entity_id,
                 row.before or "", row.after or ""), start=1,
            ):
                sheet.write_string(line, col, value)
            line += 1
            total += 1
            if progress and total % PROGRESS_EVERY == 0:
                progress(total)
        if sheet is None:
            _new_sheet(book, _("Audit trail"), AUDIT_COLUMNS, bold)
        just = list(justifications)
        if just:
            js = _new_sheet(book, _("SoD justifications"), JUSTIFICATION_COLUMNS, bold)
            for i, j in enumerate(just, start=1):
                for col, value in enumerate(
                    (j.username, j.conflict_key, j.justification, j.recorded_by, str(j.recorded_at))
                ):
                    js.write_string(i, col, value)
        book.close()
        os.replace(tmp, target)
    except BaseException:
        try:
            book.close()
        except Exception:  # closing a half-built workbook may fail; the file goes anyway
            pass
        tmp.unlink(missing_ok=True)
        raise
    if progress:
        progress(total)
    return total


def _new_sheet(book, name: str, columns: tuple[str, ...], bold):  # noqa: ANN001, ANN202
    sheet = book.add_worksheet(name[:31])
    for col, title in enumerate(columns):
        sheet.write_string(0, col, _(title), bold)
        sheet.set_column(col, col, _WIDTHS[col] if col < len(_WIDTHS) else 20)
    sheet.freeze_panes(1, 0)
    return sheet
