"""Deferred payment [延期付款]: a rep files the customer's request (the form shows the
customer's payment record and open invoices); finance checks it (passes it on or returns it
with a reason), then the sales VP, then the GM approve. A returned request is corrected and
resubmitted, or withdrawn, by its requester. The service refuses poor credit, a new date
beyond the cap or past 31 December, a step out of turn; the refusal shows here."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.collections.deferral import Approval, DeferralStatus
from sales_desk.domain.collections.year_end import year_end
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.services.collections import deferrals, receipts
from sales_desk.services.collections.deferrals import DeferralRow, PaymentRecord
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    CustomerPicker,
    ReasonDialog,
    date_edit,
    date_of,
    day,
    fit_columns,
    money,
    rows_table,
)
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.visibility import shown_if

# the steps' people in one column (finance → sales VP → GM): the table fits the 700-px window
HEADERS = (N_("Number"), N_("Customer"), N_("Status"), N_("Amount"), N_("New due date"), N_("Requested by"),
           N_("Checked, approved by"), N_("Reason"))
WAITING = {Approval.FINANCE: N_("Awaiting finance's check"), Approval.SALES_VP: N_("Awaiting the sales VP"),
           Approval.GM: N_("Awaiting the GM")}


def status_text(f: DeferralRow) -> str:
    if f.status == DeferralStatus.REQUESTED.value and f.next_step:
        return _(WAITING[Approval(f.next_step)])
    return DeferralStatus(f.status).label


def record_text(r: PaymentRecord) -> str:
    return _("Grade {grade}{hold}; limit {limit}; open {open}, overdue {overdue}; settled late on average "
             "{avg} days (worst {worst}); {deferrals} earlier deferrals, {suits} lawsuits, written off {written}.").format(
        grade=r.grade or "—", hold=" " + _("(on hold)") if r.on_hold else "", limit=money(r.limit),
        open=money(r.open_amount), overdue=money(r.overdue), avg=r.average_days_late, worst=r.worst_days_late,
        deferrals=len(r.deferrals), suits=r.lawsuits, written=money(r.written_off))


class DeferralsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.table, self.model = rows_table("deferrals", [_(h) for h in HEADERS], self._display, right=(3,))
        fit_columns(self.table, stretch=(1, 7))
        self.table.setObjectName("deferrals_table")
        self.approve_button = QPushButton(_("&Approve"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.refuse_button = QPushButton(_("Ref&use"))
        self.refuse_button.clicked.connect(lambda: self.decide(False))
        for b in (self.approve_button, self.refuse_button):
            shown_if(b, actor.can(Perm.DEFERRAL_APPROVE))
        # finance's check [延期付款审核]: the customer's account and payment record, then pass or return
        self.pass_button = QPushButton(_("&Pass the check"))
        self.pass_button.clicked.connect(lambda: self.check(True))
        self.return_button = QPushButton(_("Re&turn…"))
        self.return_button.clicked.connect(lambda: self.check(False))
        for b in (self.pass_button, self.return_button):
            shown_if(b, actor.can(Perm.DEFERRAL_CHECK))
        # the requester's answer to a return
        self.resubmit_button = QPushButton(_("Correct and re&submit"))
        self.resubmit_button.clicked.connect(self.resubmit)
        self.withdraw_button = QPushButton(_("&Withdraw"))
        self.withdraw_button.clicked.connect(self.withdraw)
        for b in (self.resubmit_button, self.withdraw_button):
            shown_if(b, actor.can(Perm.DEFERRAL_REQUEST))
        decide = QHBoxLayout()
        decide.addStretch(1)
        for b in (self.pass_button, self.return_button, self.approve_button, self.refuse_button,
                  self.resubmit_button, self.withdraw_button):
            decide.addWidget(b)
        listing = QWidget()
        ll = QVBoxLayout(listing)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table, 1)
        ll.addLayout(decide)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(listing)
        # the request form (reps)
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("deferral_customer")
        self.customer.sig_changed.connect(self._customer_changed)
        self.record = QLabel()
        self.record.setObjectName("payment_record")
        self.record.setWordWrap(True)
        self.docs = QListWidget()
        # never past 31 December by default: the service refuses that (第18条 3)
        self.new_due = date_edit(min(clock.today() + timedelta(days=60), year_end(clock.today())))
        self.reason = QLineEdit()
        self.request_button = QPushButton(_("File the re&quest"))
        self.request_button.clicked.connect(self.request)
        form_box = QGroupBox(_("A customer's request to pay later"))
        form = QFormLayout(form_box)
        form.addRow(_("&Customer:"), self.customer)
        form.addRow(_("Payment record:"), self.record)
        form.addRow(_("&Invoices:"), self.docs)
        form.addRow(_("&New due date:"), self.new_due)
        form.addRow(_("&Reason:"), self.reason)
        form.addRow("", self.request_button)
        self.resubmit_hint = QLabel(_("To correct a returned request: select it, change the new due date and the "
                                      "reason here, and resubmit it."))
        self.resubmit_hint.setWordWrap(True)
        form.addRow("", self.resubmit_hint)
        shown_if(form_box, actor.can(Perm.DEFERRAL_REQUEST))
        split.addWidget(form_box)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.problem)
        self.table.selectionModel().selectionChanged.connect(lambda _s, _d: self._selected())
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _selected(self) -> None:
        """A returned request of one's own puts its date and reason in the form, to correct."""
        self._update_buttons()
        f = self.current()
        if f is not None and self.resubmit_button.isEnabled():
            self.new_due.setDate(QDate(f.new_due_date.year, f.new_due_date.month, f.new_due_date.day))
            self.reason.setText(f.reason)

    def _update_buttons(self) -> None:
        f = self.current()
        waits = f.next_step if f is not None and f.status == DeferralStatus.REQUESTED.value else ""
        for b in (self.approve_button, self.refuse_button):
            b.setEnabled(waits in (Approval.SALES_VP.value, Approval.GM.value))
        for b in (self.pass_button, self.return_button):
            b.setEnabled(waits == Approval.FINANCE.value)
        returned = (f is not None and f.status == DeferralStatus.RETURNED.value
                    and f.requested_by_id == self.actor.user_id)
        for b in (self.resubmit_button, self.withdraw_button):
            b.setEnabled(returned)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: deferrals.deferrals(ctx.uow(actor)), self.model.set_rows, owner=self)

    def _display(self, f: object, col: int) -> str:
        assert isinstance(f, DeferralRow)
        # a refusal's why is what the rep needs to read; else the customer's reason
        if f.status == DeferralStatus.RETURNED.value:
            why = _("Returned by {who}: {note}").format(who=f.returned_by, note=f.return_note)
        else:
            why = _("Refused: {note}").format(note=f.refusal_note) if f.refusal_note else f.reason
        steps = " → ".join(x or "…" for x in (f.finance, f.vp, f.gm)) if (f.finance or f.vp or f.gm) else ""
        return (f.number, f.customer_name, status_text(f), money(f.amount), day(f.new_due_date),
                f.requested_by, steps.rstrip(" →…"), why)[col]

    def _customer_changed(self) -> None:
        self.docs.clear()
        self.record.clear()
        cid = self.customer.customer_id
        if cid is None:
            return
        ctx, actor = self.ctx, self.actor

        def job():  # noqa: ANN202
            return (deferrals.payment_record(ctx.uow(actor), cid), receipts.open_documents(ctx.uow(actor), cid))

        ctx.runner.run(job, self._show_customer, owner=self)

    def _show_customer(self, result) -> None:  # noqa: ANN001
        record, docs = result
        self.record.setText(record_text(record))
        for d in docs:
            if d.open_amount <= 0:
                continue
            item = QListWidgetItem(_("{doc} due {due}: {amount} open").format(doc=d.doc_no, due=day(d.due_date),
                                                                               amount=money(d.open_amount)))
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.docs.addItem(item)

    def _call(self, fn, done=None) -> None:  # noqa: ANN001
        self.problem.clear()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, DomainError):
                self.problem.setText(str(exc))
                return True
            return False

        self.ctx.runner.run(fn, done, failed, writes=TOPIC, owner=self)

    def request(self) -> None:
        cid = self.customer.customer_id
        if cid is None:
            self.problem.setText(_("Pick the customer first."))
            return
        ids = [self.docs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.docs.count())
               if self.docs.item(i).checkState() == Qt.CheckState.Checked]
        new_due, reason, ctx, actor = date_of(self.new_due), self.reason.text().strip(), self.ctx, self.actor
        self._call(lambda: deferrals.request_deferral(ctx.uow(actor), cid, ids, new_due, reason),
                   lambda _i: self.reason.clear())

    def current(self) -> DeferralRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)  # type: ignore[return-value]

    def decide(self, approve: bool) -> ReasonDialog | None:
        """Approve (asked to confirm), or refuse: a refusal asks why (the service needs it)."""
        f = self.current()
        if f is None:
            return None
        fid, ctx, actor = f.id, self.ctx, self.actor
        if not approve:
            dialog = ReasonDialog(ctx, actor, _("Refuse deferral"), _(
                "Why is the deferral {number} of {customer} refused? The rep reads this.").format(
                number=f.number, customer=f.customer_name), _("Ref&use"),
                lambda reason: deferrals.decide_deferral(ctx.uow(actor), fid, False, reason), self)
            dialog.open()
            return dialog
        if not dialogs.confirm(self, _("Approve deferral"), _(
                "Approve deferral {number}: {customer} pays {amount} by {day}?").format(
                number=f.number, customer=f.customer_name, amount=money(f.amount), day=day(f.new_due_date)),
                _("Approve")):
            return None
        self._call(lambda: deferrals.decide_deferral(ctx.uow(actor), fid, True))
        return None

    def check(self, passed: bool) -> ReasonDialog | None:
        """Finance's check: pass it on to the sales VP (asked to confirm), or return it to
        the requester with the reason (the service needs it)."""
        f = self.current()
        if f is None:
            return None
        fid, ctx, actor = f.id, self.ctx, self.actor
        if not passed:
            dialog = ReasonDialog(ctx, actor, _("Return deferral"), _(
                "Why does the deferral {number} of {customer} go back to {rep}? They correct it or withdraw it."
            ).format(number=f.number, customer=f.customer_name, rep=f.requested_by), _("Re&turn"),
                lambda reason: deferrals.check_deferral(ctx.uow(actor), fid, False, reason), self)
            dialog.open()
            return dialog
        if not dialogs.confirm(self, _("Pass the check"), _(
                "The account and payment record of {customer} checked: pass deferral {number} on to the "
                "sales VP?").format(customer=f.customer_name, number=f.number), _("Pass")):
            return None
        self._call(lambda: deferrals.check_deferral(ctx.uow(actor), fid, True))
        return None

    def resubmit(self) -> None:
        """The returned request, corrected with the form's new due date and reason."""
        f = self.current()
        if f is None:
            return
        new_due, reason, ctx, actor, fid = date_of(self.new_due), self.reason.text().strip(), self.ctx, self.actor, f.id
        if not reason:
            self.problem.setText(_("Give the corrected reason in the form below, then resubmit."))
            self.reason.setFocus()
            return
        self._call(lambda: deferrals.resubmit_deferral(ctx.uow(actor), fid, new_due, reason),
                   lambda _i: self.reason.clear())

    def withdraw(self) -> None:
        f = self.current()
        if f is None or not dialogs.confirm(self, _("Withdraw deferral"), _(
                "Withdraw the returned deferral {number} of {customer}?").format(
                number=f.number, customer=f.customer_name), _("Withdraw")):
            return
        fid, ctx, actor = f.id, self.ctx, self.actor
        self._call(lambda: deferrals.withdraw_deferral(ctx.uow(actor), fid))
