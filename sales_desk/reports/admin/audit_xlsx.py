"""The audit trail as an xlsx workbook, streamed in constant memory.

Sheet one: every audit row as people read it (seq, time, who, the sentence, the document,
the changed fields), then its raw fields (user, action, entity, id, before, after);
sheet two, when given: the SoD justification report (conflicts the admin allowed,
with the reasons), which SPEC §1 wants in the audit report. The shared writer
keeps text as text (an audit value such as "=HYPERLINK(...)" never becomes a
formula) and leaves no file behind if the export fails or is cancelled.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Protocol

from sales_desk.i18n import N_, _
from sales_desk.reports.common.xlsx_writer import MAX_DATA_ROWS, Column, XlsxWriter

PROGRESS_EVERY = 1000

AUDIT_COLUMNS = (
    N_("No."), N_("Time (UTC)"), N_("Who"), N_("What happened"), N_("Document"), N_("Changed fields"),
    N_("User"), N_("Action"), N_("Entity"), N_("ID"), N_("Before"), N_("After"),
)
JUSTIFICATION_COLUMNS = (
    N_("User"), N_("Conflict"), N_("Justification"), N_("Recorded by"), N_("Recorded at (UTC)"),
)
# ID: a row's number as a number; an entity named otherwise (a month, a key) stays text
_AUDIT_KINDS = ("int", "datetime", "text", "text", "text", "text", "text", "text", "text", "int", "text", "text")
_AUDIT_WIDTHS = (8, 20, 14, 70, 20, 60, 14, 22, 14, 12, 40, 40)
_JUST_KINDS = ("text", "text", "text", "text", "datetime")
_JUST_WIDTHS = (16, 40, 60, 16, 20)

__all__ = ["AUDIT_COLUMNS", "JUSTIFICATION_COLUMNS", "MAX_DATA_ROWS", "PROGRESS_EVERY",
           "write_audit_xlsx"]


class AuditRowLike(Protocol):
    seq: int
    at: str
    username: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    who: str
    sentence: str
    subject: str
    changes_text: str


class JustificationLike(Protocol):
    username: str
    conflict_key: str
    justification: str
    recorded_by: str
    recorded_at: object  # datetime, UTC


def _columns(titles: tuple[str, ...], kinds: tuple, widths: tuple) -> list[Column]:
    return [Column(_(t), k, w) for t, k, w in zip(titles, kinds, widths, strict=True)]


def write_audit_xlsx(
    path: str | os.PathLike[str],
    rows: Iterable[AuditRowLike],
    justifications: Iterable[JustificationLike] | None = None,
    progress: Callable[[int], None] | None = None,
    max_rows_per_sheet: int = MAX_DATA_ROWS,
) -> int:
    """Write audit rows (and the SoD justification sheet, if given); returns the row count.

    `progress(rows_written)` is called every PROGRESS_EVERY rows; it may raise (e.g.
    Cancelled) to stop the export, and then no file is left at `path`. Times are
    written as real date-times in UTC, as they are stored and hashed.
    """
    with XlsxWriter(path, max_rows_per_sheet=max_rows_per_sheet) as book:
        sheet = book.add_sheet(
            _("Audit trail"), _columns(AUDIT_COLUMNS, _AUDIT_KINDS, _AUDIT_WIDTHS),
            continued=lambda n: _("Audit trail {n}").format(n=n),
        )
        for row in rows:
            sheet.append((row.seq, row.at, row.who, row.sentence, row.subject, row.changes_text,
                          row.username, row.action, row.entity, _entity_id(row.entity_id), row.before, row.after))
            if progress and sheet.rows % PROGRESS_EVERY == 0:
                progress(sheet.rows)
        if justifications is not None:
            js = book.add_sheet(
                _("SoD justifications"),
                _columns(JUSTIFICATION_COLUMNS, _JUST_KINDS, _JUST_WIDTHS),
            )
            for j in justifications:
                js.append((j.username, j.conflict_key, j.justification, j.recorded_by,
                           j.recorded_at))
    if progress:
        progress(sheet.rows)
    return sheet.rows


def _entity_id(text: str) -> int | str:
    """A row number as a number; "2026-11", "0012" or a key as they are (no digits lost)."""
    if text.isascii() and text.isdigit() and (text == "0" or not text.startswith("0")):
        return int(text)
    return text
