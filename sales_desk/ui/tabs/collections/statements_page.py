"""Statements of account [对账单] (销售专员 职责6): issue one customer's statement or a batch
for every customer with a balance on a day (progress, Cancel; to the printer or one file
each), each in its customer's language with the confirmation slip; the statements and
their status, the replies overdue first; the reply recorded (Ctrl+K confirmed, Ctrl+D
differences), a difference resolved by finance (Ctrl+E); Enter opens the statement as
issued; the auditor's confirmation letter [询证函] for the selected customer."""

from __future__ import annotations

from datetime import date

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

from sales_desk.domain.collections.statements import StatementStatus
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.collections import statement_data, statements
from sales_desk.services.collections.statements import StatementDetail, StatementRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    CustomerPicker,
    date_edit,
    date_of,
    day,
    fit_columns,
    money,
    rows_table,
)
from sales_desk.ui.tabs.collections.statement_dialogs import (
    AuditorLetterDialog,
    ConfirmDialog,
    DifferencesDialog,
    ResolveDialog,
)
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens, shortcut
from sales_desk.ui.widgets.visibility import shown_if

HEADERS = (N_("Statement no."), N_("Code"), N_("Customer"), N_("Period"), N_("Closing balance"), N_("Status"),
           N_("Issued on"), N_("Replied"), N_("Open differences"))
BATCH = (("print", N_("to the printer")), ("each", N_("one file per customer")))
LANGUAGES = (("", N_("in each customer's language")), ("en", N_("in English")), ("zh_CN", N_("in Chinese")))


class StatementsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.issuer = actor.can(Perm.STATEMENT_ISSUE)
        self.resolver = actor.can(Perm.STATEMENT_RESOLVE)
        self.as_of = date_edit()
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("statement_customer")
        self.language = QComboBox()
        for code, title in LANGUAGES:
            self.language.addItem(_(title), code)
        self.batch_kind = QComboBox()
        for key, title in BATCH:
            self.batch_kind.addItem(_(title), key)
        self.issue_button = QPushButton(_("&Issue statement"))
        self.issue_button.clicked.connect(self.issue_one)
        self.batch_button = QPushButton(_("Issue for all with a &balance…"))
        self.batch_button.clicked.connect(self.issue_all)
        self.letter_button = QPushButton(_("Auditor's &letter…"))
        self.letter_button.clicked.connect(self.auditor_letter)
        shown_if(self.letter_button, self.resolver)
        for b in (self.issue_button, self.batch_button):
            b.setEnabled(self.issuer)
        self.chase_only = QCheckBox(_("Only &to chase (reply overdue, differences open)"))
        self.chase_only.toggled.connect(lambda _c: self._show())
        self.confirm_button = QPushButton(_("Balance &confirmed…"))
        self.confirm_button.clicked.connect(self.record_confirmation)
        self.diff_button = QPushButton(_("&Differences…"))
        self.diff_button.clicked.connect(self.record_differences)
        self.resolve_button = QPushButton(_("R&esolve difference…"))
        self.resolve_button.clicked.connect(self.resolve)
        shown_if(self.resolve_button, self.resolver)
        self.open_button = QPushButton(_("&Open statement"))
        self.open_button.clicked.connect(self.open_statement)

        issue_row = QHBoxLayout()
        for text, w in ((_("&As of:"), self.as_of), (_("C&ustomer:"), self.customer)):
            label = QLabel(text)
            label.setBuddy(w)
            issue_row.addWidget(label)
            issue_row.addWidget(w, 1 if w is self.customer else 0)
        issue_row.addWidget(self.language)
        issue_row.addWidget(self.issue_button)
        issue_row.addWidget(self.batch_kind)
        issue_row.addWidget(self.batch_button)
        issue_row.addWidget(self.letter_button)
        self.table, self.model = rows_table("statements", [_(h) for h in HEADERS], self._display, right=(4, 8))
        fit_columns(self.table, stretch=(2, 5))
        self.table.setObjectName("statements_table")
        enter_opens(self.table, self.open_statement)
        self.table.doubleClicked.connect(lambda _i: self.open_statement())
        self.detail = QLabel()
        self.detail.setObjectName("statement_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.chase_only)
        reply_row.addStretch(1)
        for b in (self.open_button, self.confirm_button, self.diff_button, self.resolve_button):
            reply_row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(issue_row)
        layout.addLayout(reply_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.rows: list[StatementRow] = []
        self.shown_detail: StatementDetail | None = None
        self.documents = DocumentPrinter(ctx, actor, self)
        self.table.selectionModel().selectionChanged.connect(lambda _s, _d: self._selected())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut("Ctrl+K", self, self.record_confirmation, context)
        shortcut("Ctrl+D", self, self.record_differences, context)
        shortcut("Ctrl+E", self, self.resolve, context)
        self._update_buttons()

    # -- the list -----------------------------------------------------------------------------
    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: statements.list_statements(ctx.uow(actor)), self._arrived, owner=self)

    def _arrived(self, rows: list[StatementRow]) -> None:
        # the replies to chase first, then the newest
        self.rows = sorted(rows, key=lambda r: (not (r.reply_overdue or r.open_differences), r.issued_on.toordinal()
                                                * -1, -r.id))
        self._show()

    def _show(self) -> None:
        rows = [r for r in self.rows if r.reply_overdue or r.open_differences] if self.chase_only.isChecked() \
            else self.rows
        self.model.set_rows(rows)
        chase = sum(1 for r in self.rows if r.reply_overdue or r.open_differences)
        self.detail.setText(_("{n} statements, {chase} to chase.").format(n=len(self.rows), chase=chase))
        self._update_buttons()

    def _display(self, r: object, col: int) -> str:
        assert isinstance(r, StatementRow)
        status = r.status.label + (" · " + _("reply overdue") if r.reply_overdue else "")
        return (r.number, r.customer_code, r.customer_name, f"{day(r.period_from)} – {day(r.period_to)}",
                money(r.closing), status, day(r.issued_on), day(r.replied_on),
                str(r.open_differences) if r.open_differences else "")[col]

    def current(self) -> StatementRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)  # type: ignore[return-value]

    def _selected(self) -> None:
        r = self.current()
        self._update_buttons()
        if r is None:
            return
        if r.customer_id:
            self.customer.set_customer(r.customer_id, r.customer_code, r.customer_name)
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: statements.statement_detail(ctx.uow(actor), r.id), self._detail_arrived, owner=self)

    def _detail_arrived(self, d: StatementDetail) -> None:
        self.shown_detail = d
        parts = [_("Brought forward {a}, invoices {b}, received {c}, credit notes {d}, written off {e}, "
                   "closing {f}.").format(a=money(d.opening), b=money(d.invoices), c=money(d.receipts),
                                          d=money(d.credit_notes), e=money(d.write_offs), f=money(d.row.closing))]
        if d.row.replied_on:
            parts.append(_("Reply of {date} recorded by {name}. {note}").format(
                date=day(d.row.replied_on), name=d.reply_by, note=d.reply_note).strip())
        for x in d.differences:
            state = (_("resolved {date} by {name}: {note}").format(date=day(x.resolved_on), name=x.resolved_by,
                                                                   note=x.resolution)
                     if x.resolved_on else _("open"))
            parts.append(_("Difference {amount}: {reason} — {state}").format(amount=money(x.amount), reason=x.reason,
                                                                           state=state))
        self.detail.setText("\n".join(parts))
        self._update_buttons()

    def _update_buttons(self) -> None:
        r = self.current()
        awaiting = r is not None and r.status is StatementStatus.ISSUED
        self.confirm_button.setEnabled(self.issuer and awaiting)
        self.diff_button.setEnabled(self.issuer and awaiting)
        self.resolve_button.setEnabled(self.resolver and r is not None and r.open_differences > 0)
        self.open_button.setEnabled(r is not None)

    # -- issuing --------------------------------------------------------------------------------
    def _lang(self) -> str | None:
        return self.language.currentData() or None

    def issue_one(self) -> None:
        """The chosen customer's statement as of the day, issued and previewed."""
        from sales_desk.reports.records.statements import issue_statement

        cid = self.customer.chosen_id(required=False)
        if cid is None:
            dialogs.show_info(self, _("Choose the customer first."))
            return
        as_of, lang, fallback = date_of(self.as_of), self._lang(), current_language()
        self.documents.issue_and_preview(lambda uow: issue_statement(uow(), cid, as_of, fallback, lang).document)

    def issue_all(self) -> None:
        folder = None
        if self.batch_kind.currentData() == "each":
            folder = dialogs.choose_folder(self, _("Folder for the statements"))
            if not folder:
                return
        self.issue_batch(date_of(self.as_of), folder)

    def issue_batch(self, as_of: date, folder: str | None = None) -> None:
        """A statement for every customer with a balance on `as_of` (progress, Cancel), then
        printed (a printer chosen once) or saved one file each into `folder`."""
        from sales_desk.reports.records.statements import issue_statements

        lang, fallback = self._lang(), current_language()

        def issue(uow, progress):  # noqa: ANN001, ANN202
            ids = statement_data.customers_with_balance(uow(), as_of)
            return [s.document for s in issue_statements(uow(), ids, as_of, fallback, lang, progress)]

        def issued(refs: list) -> None:
            if not refs:
                dialogs.show_info(self, _("No customer has a balance on {date}: nothing to print.").format(
                    date=as_of.isoformat()))
            elif folder:
                self.documents.save_all(refs, folder, lambda n: dialogs.show_info(
                    self, _("{n} statements saved to {path}.").format(n=n, path=folder)))
            else:
                self.documents.print_all(refs, _("Statements of account"))

        self.documents.issue_batch(issue, _("Issuing statements…"), issued)

    def open_statement(self) -> None:
        r = self.current()
        if r is not None:
            self.documents.open_document(r.document_id)

    def auditor_letter(self) -> AuditorLetterDialog | None:
        from sales_desk.reports.records.statements import issue_confirmation

        cid = self.customer.chosen_id(required=False)
        if cid is None:
            dialogs.show_info(self, _("Choose the customer first."))
            return None
        lang, fallback = self._lang(), current_language()

        def issue(as_of: date, auditor: str, address: str) -> None:
            self.documents.issue_and_preview(
                lambda uow: issue_confirmation(uow(), cid, as_of, auditor, fallback, lang, address)[0])

        dialog = AuditorLetterDialog(self.ctx, self.actor, self.customer.text(), issue, self)
        dialog.open()
        return dialog

    # -- the reply ------------------------------------------------------------------------------
    def record_confirmation(self) -> ConfirmDialog | None:
        r = self.current()
        if r is None or not self.confirm_button.isEnabled():
            return None
        dialog = ConfirmDialog(self.ctx, self.actor, r, self)
        dialog.open()
        return dialog

    def record_differences(self) -> DifferencesDialog | None:
        r = self.current()
        if r is None or not self.diff_button.isEnabled():
            return None
        dialog = DifferencesDialog(self.ctx, self.actor, r, self)
        dialog.open()
        return dialog

    def resolve(self) -> ResolveDialog | None:
        r, d = self.current(), self.shown_detail
        if r is None or d is None or d.row.id != r.id or not self.resolve_button.isEnabled():
            return None
        dialog = ResolveDialog(self.ctx, self.actor, r.number, [x for x in d.differences if x.resolved_on is None],
                               self)
        dialog.open()
        return dialog
