"""The ladder [催款流程] as a worklist: each overdue customer with the step reached, the
next step and when it is due. Record a step (Ctrl+R), print a customer's letter (Ctrl+P),
or a batch for every customer at a step to the printer or one file each (progress, Cancel);
letters in each customer's letter language unless one is chosen. Each letter is issued once
as a document of record (ui/records.py): printing it again gives a copy.
The sales manager sees every customer (oversight); a rep their own."""

from __future__ import annotations

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
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    day,
    fit_columns,
    money,
    rows_table,
    step_label,
)
from sales_desk.ui.tabs.collections.step_dialog import RecordStepDialog, steps_for
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens, shortcut

HEADERS = (N_("Code"), N_("Customer"), N_("Rep"), N_("Grade"), N_("Overdue"), N_("Days"), N_("Step reached"),
           N_("On"), N_("Deadline"), N_("Next step"), N_("Due from"))
BATCH = (("print", N_("to the printer")), ("each", N_("one file per customer")))
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
        self.documents = DocumentPrinter(ctx, actor, self)
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
        """Ctrl+P: the selected customer's letter, issued and shown in the preview."""
        w = self.current()
        if w is not None:
            self.issue_and_preview(w.customer_id, self.letter_step())

    def issue_and_preview(self, customer_id: int, step: str) -> None:
        """Issue the letter as a document of record (in its language) and preview it;
        the preview opened is `self.documents.preview`."""
        from sales_desk.reports.collections.letters import language_of
        from sales_desk.reports.records.issuers import issue_letter

        lang, fallback = self.letter_language(), current_language()

        def issue(uow):  # noqa: ANN001, ANN202
            d = letter_data.letter(uow(), customer_id, step)
            return issue_letter(uow(), d, language_of(d, lang, fallback))

        self.documents.issue_and_preview(issue)

    def print_batch(self) -> None:
        step = self.letter_step()
        folder = None
        if self.batch_kind.currentData() == "each":
            folder = dialogs.choose_folder(self, _("Folder for the letters"))
            if not folder:
                return
        self.issue_batch(step, folder)

    def issue_batch(self, step: str, folder: str | None = None) -> None:
        """Issue every letter at `step` (progress, Cancel), then print them (a printer chosen
        once) or, with `folder`, save each there."""
        from sales_desk.reports.collections.letters import language_of
        from sales_desk.reports.records.issuers import issue_letters

        lang, fallback = self.letter_language(), current_language()

        def issue(uow, progress):  # noqa: ANN001, ANN202
            letters = letter_data.letters_at(uow(), step)
            return issue_letters(uow(), letters, lambda d: language_of(d, lang, fallback), progress)

        def issued(refs: list) -> None:
            if not refs:
                dialogs.show_info(self, _("No customer is at “{step}”: nothing to print.").format(
                    step=Step(step).label))
            elif folder:
                self.documents.save_all(refs, folder, lambda n: dialogs.show_info(
                    self, _("{n} letters saved to {path}.").format(n=n, path=folder)))
            else:
                self.documents.print_all(refs, Step(step).label)

        self.documents.issue_batch(issue, _("Issuing letters…"), issued)
