"""Printing a form from any page: issue it as a document of record, then preview it.

Every page that prints a form hands `DocumentPrinter.issue_and_preview` the issuer to call
(reports/records/issuers.py; it is given `uow`, which makes a fresh unit of work per call): on the runner the form is issued
once (or the document already issued with the same data is found), and the preview shows
what a print would give now (`on_screen`: the original, or the copy stamped "COPY 副本" once
it was given out). Print… and Save as PDF… in the preview ask `give_out`, which logs the
output. A batch (a day's letters) is issued with progress and Cancel, then printed through
the one print path (ui/printing.py) or saved one file per document.

Errors (NotPermitted, the document changed since issued …) show as every service error does:
through the task runner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.records import PDF
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.records.issuing import IssuedRef, Output
from sales_desk.ui import printing
from sales_desk.ui.context import AppContext
from sales_desk.ui.printing import PrintDocument
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.pdf_preview import PdfPreview, show_preview

TOPIC = "documents"  # the runner's topic after a form is issued (the register reloads)

UowFactory = Callable[[], Any]  # a fresh unit of work for each service call
Issue = Callable[[UowFactory], IssuedRef]  # issue(uow) -> the document issued (or issued before)
IssueMany = Callable[[UowFactory, Callable[[int, int], None]], list[IssuedRef]]  # issue(uow, progress)


def _issuers():  # lazy: the issuers lay forms out with reportlab, which the window must not wait for
    from sales_desk.reports.records import issuers
    return issuers


def notice(out: Output) -> str:
    """The preview's banner: which document of record this is, and whether a print is a copy."""
    d = out.document
    if out.copy:
        return _("Copy of {number} — issued {date} by {name}. It was printed or saved before: "
                 "what you print or save now is stamped “COPY 副本”.").format(
            number=d.number, date=d.issued_on.isoformat(), name=d.issued_by)
    return _("{number} — issued {date} by {name}. The first print or save is the original.").format(
        number=d.number, date=d.issued_on.isoformat(), name=d.issued_by)


def file_name(d: IssuedRef) -> str:
    """A file name for the document: its number and title, without characters a file system refuses."""
    suffix = ".pdf" if d.media_type == PDF else ".xlsx"
    name = re.sub(r'[\\/:*?"<>|\s]+', " ", f"{d.number} {d.title}").strip()
    return f"{name[:120]}{suffix}"


class DocumentPrinter:
    """Issue and preview for one page; `preview` is the last preview opened (tests read it)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget):
        self.ctx, self.actor, self.parent = ctx, actor, parent
        self.preview: PdfPreview | None = None
        self.issued: list[IssuedRef] = []  # the documents of the last issue (one, or a batch)

    # -- one document ---------------------------------------------------------------------
    def issue_and_preview(self, issue: Issue, on_shown: Callable[[PdfPreview | None], None] | None = None) -> None:
        """Issue on the runner, then open the preview (for a workbook: ask where to save it)."""
        ctx, actor = self.ctx, self.actor

        def job() -> Output:
            ref = issue(lambda: ctx.uow(actor))
            return _issuers().on_screen(ctx.uow(actor), ref.id)

        def done(out: Output) -> None:
            self.issued = [out.document]
            shown = self.show(out)
            if on_shown is not None:
                on_shown(shown)

        ctx.runner.run(job, done, writes=TOPIC, owner=self.parent)

    def open_document(self, document_id: int) -> None:
        """An issued document (the register): previewed as it would print now."""
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: _issuers().on_screen(ctx.uow(actor), document_id), self.show, owner=self.parent)

    def output(self, document_id: int) -> Callable[[str], bytes]:
        ctx, actor = self.ctx, self.actor
        return lambda destination: _issuers().give_out(ctx.uow(actor), document_id, destination).content

    def show(self, out: Output) -> PdfPreview | None:
        d = out.document
        if d.media_type != PDF:  # a workbook (the liability statement): nothing to preview, save it
            self.save_workbook(d)
            return None
        self.preview = show_preview(self.parent, out.content, d.title, notice=notice(out),
                                    output=self.output(d.id), file_name=file_name(d), runner=self.ctx.runner)
        return self.preview

    def save_workbook(self, d: IssuedRef) -> None:
        path = dialogs.save_file(self.parent, _("Save {title}").format(title=d.title),
                                 Path.home() / file_name(d), _("Excel workbooks (*.xlsx)"))
        if path:
            output = self.output(d.id)
            self.ctx.runner.run(lambda: _issuers().save_to(path, output(printing.FILE)),
                                lambda _r: dialogs.show_info(self.parent, _("Saved to {path}.").format(path=path)),
                                owner=self.parent)

    # -- a batch --------------------------------------------------------------------------
    def issue_batch(self, issue: IssueMany, title: str, done: Callable[[list[IssuedRef]], None]) -> None:
        """Issue a batch on the runner with progress and Cancel (those issued before a
        cancel stay issued), then `done(documents)`."""
        ctx, actor = self.ctx, self.actor

        def job(token: CancelToken) -> list[IssuedRef]:
            token.progress(0, 0, _("Collecting the documents…"))

            def progress(n: int, total: int) -> None:
                token.progress(n, total, _("{done} of {total} documents issued").format(done=n, total=total))

            return issue(lambda: ctx.uow(actor), progress)

        def finished(refs: list[IssuedRef]) -> None:
            self.issued = refs
            done(refs)

        ctx.runner.run_long(job, title, finished, writes=TOPIC, owner=self.parent)

    def print_all(self, refs: Sequence[IssuedRef], what: str,
                  on_done: Callable[[printing.BatchPrinted], None] | None = None) -> None:
        """The batch to a printer chosen once: each document's output, logged as it goes."""
        documents = [PrintDocument(f"{d.number} {d.title}", self.output(d.id)) for d in refs]
        printing.print_documents(self.parent, self.ctx.runner, documents, what, on_done)

    def save_all(self, refs: Sequence[IssuedRef], folder: str, on_done: Callable[[int], None]) -> None:
        """The batch into `folder`, one file per document (each output logged)."""
        outputs = [(Path(folder) / file_name(d), self.output(d.id)) for d in refs]

        def job(token: CancelToken) -> int:
            for i, (path, output) in enumerate(outputs):
                token.progress(i, len(outputs), _("Saving {name}…").format(name=path.name))
                _issuers().save_to(path, output(printing.FILE))
            return len(outputs)

        self.ctx.runner.run_long(job, _("Saving the documents…"), on_done, owner=self.parent)
