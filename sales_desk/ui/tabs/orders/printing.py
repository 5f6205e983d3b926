"""Print the sales contract (the customer's copy, or the internal one with the reviews and
approvals) or a dispatch note to PDF: choose the copy and the language, then where to
save it; written on the runner through a .part file; then offered to open."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, current_language
from sales_desk.services.orders import forms as order_print
from sales_desk.ui.context import AppContext
from sales_desk.ui.language import LANGUAGE_NAMES
from sales_desk.ui.tabs.orders.common import heading
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs


def _write(path: Path, render: Callable[[Path], None]) -> Path:
    """A half-written PDF never stays where the user asked for one."""
    part = path.with_name(path.name + ".part")
    try:
        render(part)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return path


def write_contract(ctx: AppContext, actor: Actor, order_id: int, internal: bool, lang: str, path: Path) -> Path:
    from sales_desk.reports.orders.contract import render_contract  # lazy: reportlab

    doc = order_print.contract_document(ctx.uow(actor), order_id)
    return _write(path, lambda p: render_contract(doc, p, lang, internal=internal))


def write_dispatch_note(ctx: AppContext, actor: Actor, shipment_id: int, lang: str, path: Path) -> Path:
    from sales_desk.reports.orders.dispatch_note import render_dispatch_note  # lazy: reportlab

    doc = order_print.dispatch_note_document(ctx.uow(actor), shipment_id)
    return _write(path, lambda p: render_dispatch_note(doc, p, lang))


class _PrintDialog(QDialog):
    def __init__(self, ctx: AppContext, actor: Actor, title: str, what: str, parent: QWidget | None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(title)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for lang, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, lang)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.form = QFormLayout()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Save as &PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save_pdf")
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_file)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(what))
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)

    def lang(self) -> str:
        return str(self.language.currentData())

    def default_name(self) -> str:
        raise NotImplementedError

    def job(self, path: Path) -> Callable[[], Path]:
        raise NotImplementedError

    def choose_file(self) -> None:
        default = Path.home() / self.default_name()
        target = dialogs.save_file(self, _("Save as PDF"), default, _("PDF document (*.pdf)"))
        if target:
            self.print_to(Path(target))

    def print_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        work = self.job(path)
        parent = self.parentWidget()
        runner = self.ctx.runner
        self.accept()

        def job(token: CancelToken) -> Path:
            token.progress(0, 0, _("Writing {name}…").format(name=path.name))
            return work()

        def done(written: Path) -> None:
            if dialogs.confirm(parent, _("PDF saved"), _("Saved to {path}. Open it now?").format(path=written),
                               _("&Open")):
                dialogs.open_path(parent, written)

        runner.run_long(job, _("Printing…"), done, owner=parent, cancellable=False)


class ContractPrintDialog(_PrintDialog):
    def __init__(self, ctx: AppContext, actor: Actor, order_id: int, number: str, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Print the sales contract"), _("Sales contract {number}").format(number=number),
                         parent)
        self.order_id, self.number = order_id, number
        self.customer_copy = QRadioButton(_("&Customer's copy"))
        self.customer_copy.setObjectName("customer_copy")
        self.internal_copy = QRadioButton(_("&Internal copy, with the reviews and approvals"))
        self.internal_copy.setObjectName("internal_copy")
        self.customer_copy.setChecked(True)
        copies = QVBoxLayout()
        copies.addWidget(self.customer_copy)
        copies.addWidget(self.internal_copy)
        self.form.addRow(_("Copy:"), copies)
        self.form.addRow(_("&Language:"), self.language)

    def default_name(self) -> str:
        copy = "internal" if self.internal_copy.isChecked() else "contract"
        return f"{self.number}-{copy}-{self.lang()}.pdf"

    def job(self, path: Path) -> Callable[[], Path]:
        ctx, actor, oid, internal, lang = self.ctx, self.actor, self.order_id, self.internal_copy.isChecked(), self.lang()
        return lambda: write_contract(ctx, actor, oid, internal, lang, path)


class DispatchNotePrintDialog(_PrintDialog):
    def __init__(self, ctx: AppContext, actor: Actor, shipment_id: int, number: str,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Print the dispatch note"), _("Dispatch note {number}").format(number=number),
                         parent)
        self.shipment_id, self.number = shipment_id, number
        self.form.addRow(_("&Language:"), self.language)

    def default_name(self) -> str:
        return f"{self.number}-{self.lang()}.pdf"

    def job(self, path: Path) -> Callable[[], Path]:
        ctx, actor, sid, lang = self.ctx, self.actor, self.shipment_id, self.lang()
        return lambda: write_dispatch_note(ctx, actor, sid, lang, path)
