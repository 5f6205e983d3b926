"""Complaints and after-sales service cases [客户投诉管理, 售后服务跟踪]: the list with its filter
and sort, a new case, the steps taken, closing with the customer's confirmation and the
satisfaction then or at a return visit. Enter on a case records a step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.care.complaints import CaseKind, CaseStatus, Cause, Severity
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.services.care import case_reads, cases
from sales_desk.services.care.case_reads import CaseFilter, CaseRow
from sales_desk.services.care.cases import CaseInput
from sales_desk.services.customers import files as customer_files
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.care.common import (
    TOPIC,
    CareDialog,
    date_edit,
    date_of,
    day,
    form,
    rows_table,
)
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.visibility import shown_if

HEADERS = (N_("Number"), N_("Kind"), N_("Customer"), N_("Received on"), N_("Cause"), N_("Severity"),
           N_("Subject"), N_("Handled by"), N_("Deadline"), N_("Status"), N_("Repeat of"), N_("Days to close"))
SORTS = (("received_on", N_("Newest first")), ("due_on", N_("By deadline")), ("customer", N_("By customer")))


def _cell(r: CaseRow, col: int) -> str:
    status = CaseStatus(r.status).label + (" · " + _("late") if r.overdue else "")
    return (r.number, CaseKind(r.kind).label, f"{r.customer_code} {r.customer_name}", day(r.received_on),
            Cause(r.cause).label, Severity(r.severity).label, r.subject, r.handler, day(r.due_on), status,
            r.repeat_of, "" if r.days_to_close is None else str(r.days_to_close))[col]


def _combo(name: str, items: list[tuple[str, str | None]]) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for text, value in items:
        box.addItem(text, value)
    return box


class CaseDialog(CareDialog):
    """A new complaint or service case; its deadline follows from the severity."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("New case"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.code = QLineEdit()
        self.code.setObjectName("customer_code")
        self.kind = _combo("kind", [(k.label, k.value) for k in CaseKind])
        self.cause = _combo("cause", [(c.label, c.value) for c in Cause])
        self.severity = _combo("severity", [(s.label, s.value) for s in Severity])
        self.received = date_edit()
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.contact = QLineEdit()
        self.detail = QPlainTextEdit()
        self.detail.setTabChangesFocus(True)
        self.ok = self.add_button(_("&Record"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "record")
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form([(_("C&ustomer code:"), self.code), (_("&Kind:"), self.kind),
                               (_("C&ause:"), self.cause), (_("Se&verity:"), self.severity),
                               (_("Receive&d on:"), self.received), (_("&Subject:"), self.subject),
                               (_("Co&ntact person:"), self.contact), (_("&Detail:"), self.detail)]))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        ctx, actor = self.ctx, self.actor
        code = self.code.text().strip()
        values = (self.kind.currentData(), date_of(self.received), self.cause.currentData(),
                  self.severity.currentData(), self.subject.text(), self.detail.toPlainText(), self.contact.text())

        def run() -> int:
            cid = customer_files.customer_id_by_code(ctx.uow(actor), code)
            kind, on, cause, severity, subject, detail, contact = values
            return cases.open_case(ctx.uow(actor), CaseInput(cid, kind, on, cause, severity, subject, actor.user_id,
                                                             None, detail, contact))

        self.call(run, lambda _r: self.accept())

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy())


class StepDialog(CareDialog):
    def __init__(self, ctx: AppContext, actor: Actor, row: CaseRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Step taken on {number}").format(number=row.number), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.row = row
        self.action = QPlainTextEdit()
        self.action.setObjectName("action")
        self.action.setTabChangesFocus(True)
        self.on = date_edit()
        self.ok = self.add_button(_("&Record step"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "step")
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form([(_("&What was done:"), self.action), (_("&Date:"), self.on)]))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        ctx, actor, cid, text, on = self.ctx, self.actor, self.row.id, self.action.toPlainText(), date_of(self.on)
        self.call(lambda: cases.add_step(ctx.uow(actor), cid, text, on), lambda _r: self.accept())

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy())


class CloseDialog(CareDialog):
    """Closing needs the customer's confirmation [客户确认]; the satisfaction asked then."""

    def __init__(self, ctx: AppContext, actor: Actor, row: CaseRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Close {number}").format(number=row.number), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.row = row
        self.resolution = QPlainTextEdit()
        self.resolution.setObjectName("resolution")
        self.resolution.setTabChangesFocus(True)
        self.confirmed_by = QLineEdit()
        self.confirmed_by.setObjectName("confirmed_by")
        self.confirmed_on = date_edit()
        self.score = QSpinBox()
        self.score.setObjectName("satisfaction")
        self.score.setRange(0, 5)
        self.score.setSpecialValueText(_("not asked"))
        self.ok = self.add_button(_("&Close case"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "close")
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form([(_("&Resolution:"), self.resolution), (_("Confirmed &by (customer):"), self.confirmed_by),
                               (_("Confirmed &on:"), self.confirmed_on), (_("&Satisfaction (1–5):"), self.score)]))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        ctx, actor, cid = self.ctx, self.actor, self.row.id
        args = (self.resolution.toPlainText(), self.confirmed_by.text(), date_of(self.confirmed_on),
                self.score.value() or None)
        self.call(lambda: cases.close_case(ctx.uow(actor), cid, *args), lambda _r: self.accept())

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy())


class CasesPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.handles = actor.can(Perm.COMPLAINT_HANDLE)
        self.table, self.model = rows_table("cases", [_(h) for h in HEADERS], _cell, (11,))
        self.table.setObjectName("cases")
        self.table.doubleClicked.connect(lambda _i: self.step())
        self.status = _combo("status", [(_("Open and closed"), None)] + [(s.label, s.value) for s in CaseStatus])
        self.severity = _combo("severity", [(_("Every severity"), None)] + [(s.label, s.value) for s in Severity])
        self.sort = _combo("sort", [(_(t), k) for k, t in SORTS])
        self.text = QLineEdit()
        self.text.setObjectName("search")
        self.text.setPlaceholderText(_("Number, subject or customer"))
        self.overdue = QCheckBox(_("&Late only"))
        self.repeat = QCheckBox(_("&Repeats only"))
        for w in (self.status, self.severity, self.sort):
            w.currentIndexChanged.connect(lambda _i: self.load())
        for b in (self.overdue, self.repeat):
            b.toggled.connect(lambda _b: self.load())
        self.text.returnPressed.connect(self.load)
        bar = QHBoxLayout()
        for w in (self.text, self.status, self.severity, self.sort, self.overdue, self.repeat):
            bar.addWidget(w)
        buttons = QHBoxLayout()
        for text, name, slot in ((_("&New case…"), "new", self.new), (_("S&tep…"), "step", self.step),
                                 (_("&Close…"), "close", self.close_case)):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            shown_if(b, self.handles)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Enter on a case records a step
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self.step()
            return
        super().keyPressEvent(event)

    def filter(self) -> CaseFilter:
        return CaseFilter(status=self.status.currentData(), severity=self.severity.currentData(),
                          overdue_only=self.overdue.isChecked(), repeat_only=self.repeat.isChecked(),
                          text=self.text.text(), sort=self.sort.currentData(),
                          descending=self.sort.currentData() == "received_on")

    def load(self) -> None:
        ctx, actor, f = self.ctx, self.actor, self.filter()
        ctx.runner.run(lambda: case_reads.list_cases(ctx.uow(actor), f), self.model.set_rows, owner=self)

    def _current(self) -> CaseRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def new(self) -> CaseDialog:
        dialog = CaseDialog(self.ctx, self.actor, self)
        dialog.open()
        return dialog

    def step(self) -> StepDialog | None:
        row = self._current()
        if not self.handles or row is None or row.status != CaseStatus.OPEN.value:
            return None
        dialog = StepDialog(self.ctx, self.actor, row, self)
        dialog.open()
        return dialog

    def close_case(self) -> CloseDialog | None:
        row = self._current()
        if not self.handles or row is None or row.status != CaseStatus.OPEN.value:
            return None
        dialog = CloseDialog(self.ctx, self.actor, row, self)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()
