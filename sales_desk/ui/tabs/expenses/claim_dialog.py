"""One expense claim: its fields, the budget it draws on, every step of its route (who,
when, the comment and the decision), receipts and payment — and what the user may do
with it now: approve or refuse the step it waits at (a refusal needs a reason and
returns the claim to its author), pay it once finance has signed, or, as its author,
withdraw it, add receipts, or correct and resubmit it when returned. A department's
application shows its explanation form [情况说明表] and prints it as a document of record.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.expenses.claims import ClaimStatus, StepKind, StepStatus
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses.approvals import decide_claim
from sales_desk.services.expenses.queries import ClaimView, StepRow
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.expenses.claim_form import ClaimFormDialog
from sales_desk.ui.tabs.expenses.claims_model import flags_text
from sales_desk.ui.tabs.expenses.common import (
    WARN_STYLE,
    ServiceDialog,
    attachments_root,
    category_label,
    claim_status_text,
    day,
    heading,
    item_text,
    local_time,
    method_label,
    step_label,
)
from sales_desk.ui.tabs.expenses.payment_dialog import PaymentDialog
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.table import Table

DECISIONS = {StepStatus.PENDING: N_("To come"), StepStatus.APPROVED: N_("Approved"),
             StepStatus.REFUSED: N_("Refused"), StepStatus.SKIPPED: N_("Not reached")}
STEP_HEADERS = (N_("Round"), N_("Step"), N_("Decision"), N_("By"), N_("When"), N_("Comment"))


def step_cells(view: ClaimView | None):  # noqa: ANN201 - a RowsTableModel display function
    """The steps' cells; the step the claim waits at reads "Waiting", the later ones "To come"."""
    def cell(s: StepRow, column: int) -> str:
        if column != 2:
            return (str(s.round), step_label(s.kind), "", s.actor, local_time(s.decided_at), s.comment)[column]
        current = (view is not None and view.row.status == ClaimStatus.IN_ROUTE.value and s.round == view.round
                   and s.kind == view.row.current_step and s.status == StepStatus.PENDING.value)
        return _("Waiting") if current else _(DECISIONS[StepStatus(s.status)])

    return cell


def may_decide(actor: Actor, view: ClaimView) -> bool:
    """The claim waits at a step this user holds the right for, and it is not their own."""
    r = view.row
    return (r.status == ClaimStatus.IN_ROUTE.value and r.current_step is not None
            and actor.can(StepKind(r.current_step).permission) and r.claimant_id != actor.user_id)


def _value(wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(wrap)  # only free text wraps: a wrapped figure would be cut in a form row
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ClaimDialog(ServiceDialog):
    sig_changed = Signal(int)
    """The claim was decided, paid, withdrawn or resubmitted here (already saved)."""

    def __init__(self, ctx: AppContext, actor: Actor, claim_id: int, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Expense claim No. {id}").format(id=claim_id), parent)
        self.claim_id = claim_id
        self.view: ClaimView | None = None

        self.title = heading(_("Expense claim No. {id}").format(id=claim_id))
        self.title.setWordWrap(False)
        self.status = QLabel()
        self.status.setObjectName("claim_status")
        self.status.setStyleSheet("font-weight: bold;")
        self.returned = QLabel()
        self.returned.setObjectName("returned_reason")
        self.returned.setWordWrap(True)
        self.returned.setStyleSheet(WARN_STYLE)
        self.returned.hide()
        self.fields: dict[str, QLabel] = {}
        left, right, wide = QFormLayout(), QFormLayout(), QFormLayout()
        for form, rows in ((left, (("claimant", N_("Claimant:")), ("department", N_("Department:")),
                                   ("category", N_("Category:")), ("amount", N_("Amount:")),
                                   ("spent_on", N_("Date spent:")), ("travel", N_("Travel application:")))),
                           (right, (("submitted", N_("Submitted:")), ("flags", N_("Route notes:")),
                                    ("budget", N_("Budget left this month:")), ("year", N_("Budget left this year:")),
                                    ("allowance", N_("Allowance left:")))),
                           # free text across the whole width, where wrapping has room
                           (wide, (("purpose", N_("Purpose:")), ("explanation", N_("Explanation form:")),
                                   ("no_receipt", N_("Why no receipt:")),
                                   ("customer", N_("Customer or event:")), ("payment", N_("Payment:"))))):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for key, text in rows:
                self.fields[key] = _value(form is wide)
                form.addRow(_(text), self.fields[key])
        # the left and the full-width labels in one column
        labels = [f.labelForField(self.fields[k]) for f in (left, wide) for k in self.fields
                  if f.labelForField(self.fields[k]) is not None]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
        self.wide = wide
        self.fields["budget"].setToolTip(_("The month's budget of its category and department, without this claim"))
        details = QHBoxLayout()
        details.addLayout(left, 1)
        details.addSpacing(16)
        details.addLayout(right, 1)

        self.steps_model: RowsTableModel[StepRow] = RowsTableModel(
            [_(h) for h in STEP_HEADERS], lambda s, column: step_cells(self.view)(s, column), self)
        self.steps = Table("expenses/claim_steps")
        self.steps.setObjectName("steps")
        self.steps.setModel(self.steps_model)
        self.steps.restore_layout({0: 50, 1: 170, 2: 90, 3: 90, 4: 120})
        self.steps.setMinimumHeight(110)
        self.receipts = QListWidget()
        self.receipts.setObjectName("receipts")
        self.receipts.setMaximumHeight(56)
        self.receipts.itemActivated.connect(lambda _i: self.open_receipt())
        self.receipts.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.open_receipt_button = QPushButton(_("&Open receipt"))
        self.open_receipt_button.clicked.connect(self.open_receipt)
        self.add_receipt_button = QPushButton(_("Add re&ceipt…"))
        self.add_receipt_button.clicked.connect(self.add_receipt)
        receipts_box = QGroupBox(_("Receipts"))
        rlayout = QHBoxLayout(receipts_box)
        rlayout.addWidget(self.receipts, 1)
        rbuttons = QVBoxLayout()
        rbuttons.addWidget(self.open_receipt_button)
        rbuttons.addWidget(self.add_receipt_button)
        rbuttons.addStretch(1)
        rlayout.addLayout(rbuttons)

        self.decision_box = QGroupBox()
        self.decision_box.setObjectName("decision_box")
        self.comment = QLineEdit()
        self.comment.setObjectName("comment")
        self.comment.setPlaceholderText(_("comment; a refusal needs the reason"))
        self.approve_button = QPushButton(_("&Approve"))
        self.approve_button.setObjectName("approve")
        self.refuse_button = QPushButton(_("Re&fuse and return"))
        self.refuse_button.setObjectName("refuse")
        for b in (self.approve_button, self.refuse_button):
            b.setAutoDefault(False)  # Enter after typing a reason must neither approve nor refuse
        self.approve_button.clicked.connect(self.approve)
        self.refuse_button.clicked.connect(self.refuse)
        dlayout = QHBoxLayout(self.decision_box)
        comment_label = QLabel(_("Co&mment:"))
        comment_label.setBuddy(self.comment)
        dlayout.addWidget(comment_label)
        dlayout.addWidget(self.comment, 1)
        dlayout.addWidget(self.approve_button)
        dlayout.addWidget(self.refuse_button)
        self.decision_box.hide()

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(self.returned)
        layout.addLayout(details)
        layout.addLayout(wide)
        layout.addSpacing(6)
        steps_title = QLabel(_("Steps of the route"))
        steps_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(steps_title)
        layout.addWidget(self.steps, 1)
        layout.addWidget(receipts_box)
        layout.addWidget(self.decision_box)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.pay_button = self.add_button(_("&Pay…"), QDialogButtonBox.ButtonRole.ActionRole, self.pay)
        self.pay_button.setObjectName("pay")
        self.pay_button.setToolTip(_("The cashier pays once finance has signed the claim"))
        self.pay_button.setVisible(actor.can(Perm.EXPENSE_PAY))
        self.print_form_button = self.add_button(_("Print e&xplanation form…"),
                                                 QDialogButtonBox.ButtonRole.ActionRole, self.print_form)
        self.print_form_button.setObjectName("print_explanation")
        self.print_form_button.hide()
        self.documents = DocumentPrinter(ctx, actor, parent or self)  # the preview outlives this dialog
        self.resubmit_button = self.add_button(_("Correct and &resubmit…"), QDialogButtonBox.ButtonRole.ActionRole,
                                               self.correct)
        self.resubmit_button.setObjectName("resubmit")
        self.withdraw_button = self.add_button(_("&Withdraw…"), QDialogButtonBox.ButtonRole.ActionRole,
                                               self.withdraw)
        self.withdraw_button.setObjectName("withdraw")
        self.close_button = self.add_close()
        self.close_button.setDefault(True)
        for b in (self.resubmit_button, self.withdraw_button, self.add_receipt_button):
            b.hide()
        geometry.restore_geom(self, "expenses/claim", (900, 660))
        self.reload()

    # -- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, cid = self.ctx, self.actor, self.claim_id
        self.ctx.runner.run(lambda: expense_queries.get_claim(ctx.uow(actor), cid), self.show_claim, owner=self)

    def show_claim(self, v: ClaimView) -> None:
        self.view = v
        r = v.row
        self.status.setText(claim_status_text(r.status, r.current_step))
        if r.status == ClaimStatus.RETURNED.value and v.returned_reason:
            self.returned.setText(_("Returned to its author: {reason}").format(reason=v.returned_reason))
            self.returned.show()
        else:
            self.returned.hide()
        f = self.fields
        f["claimant"].setText(r.claimant)
        f["department"].setText(r.department)
        f["category"].setText(_("{category} — {item}").format(category=category_label(r.category),
                                                               item=item_text(r.item)))
        f["amount"].setText(_amount_and_standard(r.amount, v.standard, v.standard_reason))
        f["spent_on"].setText(day(r.spent_on))
        f["purpose"].setText(r.purpose)
        f["explanation"].setText(v.explanation)
        self.wide.setRowVisible(f["explanation"], r.is_department)
        f["no_receipt"].setText(v.no_receipt_reason)  # those who approve and pay see why
        self.wide.setRowVisible(f["no_receipt"], bool(v.no_receipt_reason) and not v.attachments)
        self.print_form_button.setVisible(r.is_department)
        self.title.setText((_("Department application No. {id}") if r.is_department
                            else _("Expense claim No. {id}")).format(id=self.claim_id))
        f["customer"].setText(" · ".join(x for x in (v.customer, v.event) if x) or "—")
        f["travel"].setText(_("No. {id}: {destination}").format(id=v.travel_application_id,
                                                               destination=v.travel_destination)
                            if v.travel_application_id else "—")
        f["submitted"].setText(_("{at}, round {round}").format(at=local_time(r.submitted_at), round=v.round))
        f["flags"].setText(flags_text(r) or "—")
        f["budget"].setText(_("{left} of {budget}").format(left=money_text(v.figures.month_left),
                                                          budget=money_text(v.figures.month_budget)))
        f["budget"].setStyleSheet(ERROR_STYLE if v.figures.month_left < r.amount else "")
        f["year"].setText(_("{left} of {budget}").format(left=money_text(v.figures.year_left),
                                                        budget=money_text(v.figures.year_budget)))
        f["year"].setStyleSheet(ERROR_STYLE if v.figures.year_left < r.amount else "")
        f["allowance"].setText(_("{left} of {monthly}").format(left=money_text(v.allowance.left),
                                                              monthly=money_text(v.allowance.monthly)))
        if v.payment is not None:
            p = v.payment
            f["payment"].setText(_("{method} {reference}, {day}, by {who}").format(
                method=method_label(p.method), reference=p.reference, day=day(p.paid_on), who=p.paid_by).strip())
        elif r.status == ClaimStatus.SIGNED.value:
            f["payment"].setText(_("Signed by {who} on {at}; awaiting the cashier").format(
                who=v.signed_by, at=local_time(v.signed_at)))
        else:
            f["payment"].setText("—")
        self.steps_model.set_rows(v.steps)
        if v.steps:
            self.steps.scrollToBottom()
        self.receipts.clear()
        for a in v.attachments:
            item = QListWidgetItem(a.original_name)
            item.setData(Qt.ItemDataRole.UserRole, a.relative_path)
            self.receipts.addItem(item)
        if not v.attachments:
            none = QListWidgetItem(_("No receipts attached."))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.receipts.addItem(none)

        deciding = may_decide(self.actor, v)
        self.decision_box.setVisible(deciding)
        if deciding:
            self.decision_box.setTitle(_("Your decision: {step}").format(step=step_label(r.current_step)))
        own = r.claimant_id == self.actor.user_id
        status = ClaimStatus(r.status)
        self.withdraw_button.setVisible(own and status in (ClaimStatus.IN_ROUTE, ClaimStatus.RETURNED))
        self.resubmit_button.setVisible(own and status is ClaimStatus.RETURNED)
        self.add_receipt_button.setVisible(own and status in (ClaimStatus.IN_ROUTE, ClaimStatus.RETURNED))
        self._update_buttons()

    def _update_buttons(self) -> None:
        v, idle = self.view, not self.busy()
        signed = v is not None and v.row.status == ClaimStatus.SIGNED.value
        self.pay_button.setEnabled(idle and signed)
        for b in (self.approve_button, self.refuse_button, self.withdraw_button, self.resubmit_button,
                  self.add_receipt_button, self.print_form_button):
            b.setEnabled(idle and v is not None)
        item = self.receipts.currentItem()
        self.open_receipt_button.setEnabled(item is not None and bool(item.data(Qt.ItemDataRole.UserRole)))

    # -- acting ----------------------------------------------------------------------------------
    def _acted(self, _result: object = None) -> None:
        self.comment.clear()
        self.say("")
        self.sig_changed.emit(self.claim_id)
        self.reload()

    def approve(self) -> None:
        if self.view is None or self.busy():
            return
        ctx, actor, cid, comment = self.ctx, self.actor, self.claim_id, self.comment.text()
        self.call(lambda: decide_claim(ctx.uow(actor), cid, True, comment), self._acted)

    def refuse(self) -> None:
        if self.view is None or self.busy():
            return
        comment = self.comment.text().strip()
        if not comment:  # the author has to know what to change
            self.say(_("A refusal needs a reason: write it in the comment, then refuse."), error=True)
            self.comment.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        ctx, actor, cid = self.ctx, self.actor, self.claim_id
        self.call(lambda: decide_claim(ctx.uow(actor), cid, False, comment), self._acted)

    def pay(self) -> PaymentDialog | None:
        if self.view is None:
            return None
        dialog = PaymentDialog(self.ctx, self.actor, self.claim_id, self.view.row.amount, self.view.row.claimant,
                               self)
        dialog.sig_paid.connect(self._acted)
        dialog.open()
        return dialog

    def print_form(self) -> None:
        """Issue the explanation form as it stands (or find it issued) and preview it."""
        from sales_desk.reports.records.issuers import issue_expense_explanation  # lazy: reportlab

        cid, lang = self.claim_id, current_language()
        self.documents.issue_and_preview(lambda uow: issue_expense_explanation(uow(), cid, lang))

    def withdraw(self) -> None:
        if self.view is None or not dialogs.confirm(
                self, _("Withdraw the claim"),
                _("Withdraw claim No. {id}? It leaves its route and holds no budget any more.").format(
                    id=self.claim_id), _("Withdraw"), destructive=True):
            return
        ctx, actor, cid = self.ctx, self.actor, self.claim_id
        self.call(lambda: expenses.withdraw_claim(ctx.uow(actor), cid), self._acted)

    def correct(self) -> ClaimFormDialog:
        form = ClaimFormDialog(self.ctx, self.actor, self.claim_id, self)
        form.sig_saved.connect(self._acted)
        form.open()
        return form

    def add_receipt(self) -> None:
        path = dialogs.open_file(self, _("Attach a receipt"),
                                 _("Receipts (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"))
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> None:
        ctx, actor, cid, root = self.ctx, self.actor, self.claim_id, attachments_root(self.ctx)
        self.call(lambda: expenses.attach_receipts(ctx.uow(actor), cid, [path], root), self._acted)

    def open_receipt(self) -> None:
        item = self.receipts.currentItem()
        relative = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if relative:
            dialogs.open_path(self, attachments_root(self.ctx) / relative)

    def done(self, result: int) -> None:
        self.steps.save_layout()
        geometry.save_geom(self, "expenses/claim")
        super().done(result)


def _amount_and_standard(amount: int, standard: int | None, reason: str) -> str:
    """The amount with its item's spending standard beside it (费用 第13条1), and why above it."""
    if standard is None:
        return money_text(amount)
    text = _("{amount} (standard {standard})").format(amount=money_text(amount), standard=money_text(standard))
    if amount > standard:
        text += "\n" + _("Above the standard: {reason}").format(reason=reason)
    return text
