"""The ladder [催款流程] as a worklist: each overdue customer with the step reached, the
next step and when it is due. Record a step (Ctrl+R), print a customer's letter (Ctrl+P),
or a batch for every customer at a step into one PDF or one file each (progress, Cancel);
letters in each customer's letter language unless one is chosen.
The sales manager sees every customer (oversight); a rep their own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.collections.dunning import LETTERS, Step
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.collections import letter_data, worklist
from sales_desk.services.collections.worklist import WorkItem
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    day,
    fit_columns,
    money,
    rows_table,
    step_label,
)
from sales_desk.ui.tabs.collections.step_dialog import RecordStepDialog, steps_for
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens, shortcut

HEADERS = (N_("Code"), N_("Customer"), N_("Rep"), N_("Grade"), N_("Overdue"), N_("Days"), N_("Step reached"),
           N_("On"), N_("Deadline"), N_("Next step"), N_("Due from"))
BATCH = (("one", N_("into one PDF")), ("each", N_("one file per customer")))
# "" prints each letter in its customer's letter language (the UI's when the file has none)
LANGUAGES = (("", N_("in each customer's language")), ("en", N_("in English")), ("zh_CN", N_("in Chinese")))


class LadderPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.due_only = QCheckBox(_("Only &due now"))
        self.due_only.toggled.connect(lambda _c: self._show())
        self.letter = QComboBox()
        for s in LETTERS:
            self.letter.addItem(s.label, s.value)
        self.batch_kind = QComboBox()
        for key, title in BATCH:
            self.batch_kind.addItem(_(title), key)
        self.language = QComboBox()
        self.language.setObjectName("letter_language")
        for code, title in LANGUAGES:
            self.language.addItem(_(title), code)
        self.step_button = QPushButton(_("&Record step…"))
        self.step_button.setEnabled(bool(steps_for(actor)))
        self.step_button.clicked.connect(self.record_step)
        self.print_button = QPushButton(_("&Print letter…"))
        self.print_button.clicked.connect(self.print_letter)
        self.batch_button = QPushButton(_("Print &batch…"))
        self.batch_button.clicked.connect(self.print_batch)
        top = QHBoxLayout()
        top.addWidget(self.due_only)
        top.addStretch(1)
        top.addWidget(self.step_button)
        bottom = QHBoxLayout()
        letter_label = QLabel(_("&Letter:"))
        letter_label.setBuddy(self.letter)
        bottom.addWidget(letter_label)
        bottom.addWidget(self.letter)
        bottom.addWidget(self.language)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.batch_kind)
        bottom.addWidget(self.batch_button)
        bottom.addStretch(1)
        self.table, self.model = rows_table("ladder", [_(h) for h in HEADERS], self._display, right=(4, 5))
        fit_columns(self.table, stretch=(1, 6, 9))  # the name and the two steps share the rest
        self.table.setObjectName("ladder_table")
        self.table.doubleClicked.connect(lambda _i: self.record_step())
        enter_opens(self.table, self.record_step)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.history)
        layout.addLayout(bottom)
        self.items: list[WorkItem] = []
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._selected())
        shortcut("Ctrl+R", self, self.record_step, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut("Ctrl+P", self, self.print_letter, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: worklist.worklist(ctx.uow(actor)), self._arrived, owner=self)

    def _arrived(self, items: list[WorkItem]) -> None:
        self.items = items
        self._show()

    def _show(self) -> None:
        rows = [w for w in self.items if w.due_now] if self.due_only.isChecked() else self.items
        self.model.set_rows(rows)
        self.history.setText(_("{n} customers on the ladder, {due} with a step due now.").format(
            n=len(self.items), due=sum(w.due_now for w in self.items)))

    def _display(self, w: object, col: int) -> str:
        assert isinstance(w, WorkItem)
        return (w.code, w.name, w.rep, w.grade or "", money(w.overdue), str(w.days_overdue),
                step_label(w.current_step), day(w.current_on), day(w.deadline), step_label(w.next_step),
                day(w.next_due_on))[col]

    def current(self) -> WorkItem | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)  # type: ignore[return-value]

    def select_code(self, code: str) -> WorkItem:
        for r in range(self.model.rowCount()):
            if self.model.row_at(r).code == code:  # type: ignore[attr-defined]
                self.table.selectRow(r)
                return self.model.row_at(r)  # type: ignore[return-value]
        raise LookupError(code)

    def _selected(self) -> None:
        w = self.current()
        if w and w.current_step and w.current_step in {s.value for s in LETTERS}:
            self.letter.setCurrentIndex(self.letter.findData(w.current_step))

    # -- steps ------------------------------------------------------------------------------------
    def record_step(self) -> RecordStepDialog | None:
        w = self.current()
        if w is None or not steps_for(self.actor):
            return None
        dialog = RecordStepDialog(self.ctx, self.actor, w, self)
        dialog.open()
        return dialog

    # -- letters ----------------------------------------------------------------------------------
    def letter_step(self) -> str:
        return str(self.letter.currentData())

    def letter_language(self) -> str | None:
        """The language chosen for the letters; None: each customer's own."""
        return self.language.currentData() or None

    def print_letter(self) -> None:
        w = self.current()
        if w is None:
            return
        path = dialogs.save_file(self, _("Print letter"), Path.home() / f"{self.letter_step()}-{w.code}.pdf",
                                 _("PDF files (*.pdf)"))
        if path:
            self.print_letter_to(w.customer_id, self.letter_step(), path)

    def print_letter_to(self, customer_id: int, step: str, path: str) -> None:
        from sales_desk.reports.collections.letters import render_letter

        ctx, actor, lang, fallback = self.ctx, self.actor, self.letter_language(), current_language()

        def job() -> str:
            data = letter_data.letter(ctx.uow(actor), customer_id, step)
            render_letter(data, path, lang, fallback)
            return data.letter_ref

        ctx.runner.run(job, lambda ref: dialogs.show_info(self, _("Letter {ref} saved to {path}.").format(
            ref=ref, path=path)), owner=self)

    def print_batch(self) -> None:
        step = self.letter_step()
        one = self.batch_kind.currentData() == "one"
        if one:
            path = dialogs.save_file(self, _("Print letters"), Path.home() / f"{step}-letters.pdf",
                                     _("PDF files (*.pdf)"))
        else:
            path = dialogs.choose_folder(self, _("Folder for the letters"))
        if path:
            self.print_batch_to(step, path, one)

    def print_batch_to(self, step: str, path: str, one_file: bool) -> None:
        from sales_desk.reports.collections.letters import render_letters, render_letters_each

        ctx, actor, lang, fallback = self.ctx, self.actor, self.letter_language(), current_language()

        def job(token: CancelToken) -> int:
            token.progress(0, 0, _("Collecting the letters…"))
            letters = letter_data.letters_at(ctx.uow(actor), step)
            if not letters:
                return 0

            def progress(done: int, total: int) -> None:
                token.progress(done, total, _("{done} of {total} letters").format(done=done, total=total))

            if one_file:
                render_letters(letters, path, lang, progress, fallback)
            else:
                render_letters_each(letters, path, lang, progress, fallback)
            return len(letters)

        def done(n: int) -> None:
            if n == 0:
                dialogs.show_info(self, _("No customer is at “{step}”: nothing to print.").format(
                    step=Step(step).label))
            else:
                dialogs.show_info(self, _("{n} letters saved to {path}.").format(n=n, path=path))

        ctx.runner.run_long(job, _("Printing letters…"), done, owner=self)
