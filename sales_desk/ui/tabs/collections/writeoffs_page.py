"""Lawsuits [起诉] and bad-debt write-offs [呆账核销]. A customer's lawsuit with its evidence
checklist (tick an item: Space), filing and outcome; the write-offs: finance submits, the
sales manager approves or refuses — never their own submission (the service refuses it and
the refusal shows)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
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

from sales_desk.domain.collections.dunning import Evidence, LawsuitOutcome
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.services.collections import lawsuits, writeoffs
from sales_desk.services.collections.lawsuits import LawsuitView
from sales_desk.services.collections.writeoffs import WriteOffRow
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
from sales_desk.ui.widgets.service_dialog import ServiceDialog

STATUS = {"submitted": N_("Awaiting approval"), "approved": N_("Approved"), "refused": N_("Refused")}
SUIT_STATUS = {"preparing": N_("being prepared"), "filed": N_("filed with the court"), "closed": N_("closed")}


class FileLawsuitDialog(ServiceDialog):
    """Step 6: file the prepared case — the court, its case number and the filing date.
    The service refuses while required evidence is missing; the refusal shows here."""

    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, suit: LawsuitView, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("File the lawsuit {number}").format(number=suit.number), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.suit = suit
        self.court = QLineEdit(suit.court)
        self.court.setObjectName("court")
        self.case_no = QLineEdit(suit.case_no)
        self.case_no.setObjectName("case_no")
        self.filed_on = date_edit()
        form = QFormLayout()
        form.addRow(_("C&ourt:"), self.court)
        form.addRow(_("Court &case number:"), self.case_no)
        form.addRow(_("Filed &on:"), self.filed_on)
        self.ok = self.add_button(_("File the &case"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.court.textChanged.connect(lambda _t: self._update_buttons())
        self.setMinimumWidth(460)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy() and bool(self.court.text().strip()))

    def submit(self) -> None:
        sid, ctx, actor = self.suit.id, self.ctx, self.actor
        court, case_no, on = self.court.text().strip(), self.case_no.text().strip(), date_of(self.filed_on)
        self.call(lambda: lawsuits.file_lawsuit(ctx.uow(actor), sid, on, court, case_no), lambda _r: self.accept())
HEADERS = (N_("Number"), N_("Customer"), N_("Status"), N_("Amount"), N_("Reason"), N_("Submitted by"),
           N_("Decided by"))


class WriteOffsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("writeoff_customer")
        self.customer.sig_changed.connect(self._load_lawsuits)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        top = QHBoxLayout()
        label = QLabel(_("&Customer:"))
        label.setBuddy(self.customer)
        top.addWidget(label)
        top.addWidget(self.customer, 1)
        # lawsuit
        self.suit_label = QLabel(_("No lawsuit for this customer."))
        self.suit_label.setWordWrap(True)
        self.evidence = QListWidget()
        self.evidence.setObjectName("evidence")
        self.evidence.itemChanged.connect(self._evidence_ticked)
        self.prepare_button = QPushButton(_("&Prepare lawsuit"))
        self.prepare_button.clicked.connect(self.prepare)
        self.file_button = QPushButton(_("File the cas&e…"))  # not "&File": that is the menu's
        self.file_button.clicked.connect(self.file)
        self.outcome = QComboBox()
        for o in LawsuitOutcome:
            self.outcome.addItem(o.label, o.value)
        self.outcome_button = QPushButton(_("Record &outcome"))
        self.outcome_button.clicked.connect(self.record_outcome)
        suit_buttons = QHBoxLayout()
        for w in (self.prepare_button, self.file_button, self.outcome, self.outcome_button):
            suit_buttons.addWidget(w)
        suit_buttons.addStretch(1)
        suit_box = QGroupBox(_("Lawsuit and its evidence"))
        sl = QVBoxLayout(suit_box)
        sl.addWidget(self.suit_label)
        sl.addWidget(self.evidence, 1)
        sl.addLayout(suit_buttons)
        # write-offs
        self.table, self.model = rows_table("writeoffs", [_(h) for h in HEADERS], self._display, right=(3,))
        fit_columns(self.table, stretch=(1, 4))
        self.table.setObjectName("writeoffs_table")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("reason, e.g. the court found the debt unrecoverable"))
        self.submit_button = QPushButton(_("&Submit write-off"))
        self.submit_button.setEnabled(actor.can(Perm.WRITEOFF_SUBMIT))
        self.submit_button.clicked.connect(self.submit)
        self.approve_button = QPushButton(_("&Approve"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.refuse_button = QPushButton(_("Ref&use"))
        self.refuse_button.clicked.connect(lambda: self.decide(False))
        wo_buttons = QHBoxLayout()
        wo_buttons.addWidget(self.reason, 1)
        wo_buttons.addWidget(self.submit_button)
        wo_buttons.addWidget(self.approve_button)
        wo_buttons.addWidget(self.refuse_button)
        wo_box = QGroupBox(_("Bad-debt write-offs"))
        wl = QVBoxLayout(wo_box)
        wl.addWidget(self.table, 1)
        wl.addLayout(wo_buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(suit_box)
        split.addWidget(wo_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.problem)
        self.suit: LawsuitView | None = None
        self._filling = False
        self.table.selectionModel().selectionChanged.connect(lambda _s, _d: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Each action offered to whom it is given, when the case or the write-off is at it."""
        oversee, suit = self.actor.can(Perm.DUNNING_OVERSEE), self.suit
        status = suit.status if suit else None
        self.prepare_button.setEnabled(oversee and self.customer.customer_id is not None
                                       and status in (None, "closed"))
        self.file_button.setEnabled(oversee and status == "preparing")
        self.outcome.setEnabled(oversee and status == "filed")
        self.outcome_button.setEnabled(oversee and status == "filed")
        w = self.current()
        waiting = self.actor.can(Perm.WRITEOFF_APPROVE) and w is not None and w.status == "submitted"
        self.approve_button.setEnabled(waiting)
        self.refuse_button.setEnabled(waiting)

    # -- loading ----------------------------------------------------------------------------------
    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: writeoffs.writeoffs(ctx.uow(actor)), self.model.set_rows, owner=self)
        self._load_lawsuits()

    def _load_lawsuits(self) -> None:
        cid = self.customer.customer_id
        if cid is None:
            self._show_suit(None)
            return
        ctx, actor = self.ctx, self.actor
        # newest first: the customer's current case
        ctx.runner.run(lambda: lawsuits.customer_lawsuits(ctx.uow(actor), cid),
                       lambda rows: self._show_suit(rows[0] if rows else None), owner=self)

    def _show_suit(self, suit: LawsuitView | None) -> None:
        self.suit = suit
        self._filling = True
        self.evidence.clear()
        if suit is None:
            self.suit_label.setText(_("No lawsuit for this customer."))
        else:
            self.suit_label.setText(_("{number}: claim {amount}, opened {opened}, status {status}{outcome}.").format(
                number=suit.number, amount=money(suit.claim_amount), opened=day(suit.opened_on),
                status=_(SUIT_STATUS.get(suit.status, suit.status)),
                outcome=(" — " + LawsuitOutcome(suit.outcome).label) if suit.outcome else ""))
            for e in suit.evidence:
                text = Evidence(e.item).label + ("" if e.required else " " + _("(optional)"))
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.item)
                # ticked by those who run the ladder (finance, the rep's side); others read it
                if self.actor.can(Perm.DUNNING_RUN) and suit.status == "preparing":
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                else:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if e.received else Qt.CheckState.Unchecked)
                self.evidence.addItem(item)
        self._filling = False
        self._update_buttons()

    def _display(self, w: object, col: int) -> str:
        assert isinstance(w, WriteOffRow)
        return (w.number, w.customer_name, _(STATUS.get(w.status, w.status)), money(w.amount), w.reason,
                w.submitted_by, w.decided_by)[col]

    # -- calls ------------------------------------------------------------------------------------
    def _call(self, fn, done=None) -> None:  # noqa: ANN001
        self.problem.clear()

        def failed(exc: BaseException) -> bool:
            self._load_lawsuits()  # a refused tick must not stay ticked
            if isinstance(exc, DomainError):
                self.problem.setText(str(exc))
                return True
            return False

        self.ctx.runner.run(fn, done, failed, writes=TOPIC, owner=self)

    def _evidence_ticked(self, item: QListWidgetItem) -> None:
        if self._filling or self.suit is None:
            return
        sid, key = self.suit.id, item.data(Qt.ItemDataRole.UserRole)
        received = item.checkState() == Qt.CheckState.Checked
        ctx, actor = self.ctx, self.actor
        self._call(lambda: lawsuits.record_evidence(ctx.uow(actor), sid, key, received))

    def prepare(self) -> None:
        cid = self.customer.customer_id
        if cid is None:
            return
        ctx, actor = self.ctx, self.actor
        self._call(lambda: lawsuits.prepare_lawsuit(ctx.uow(actor), cid))

    def file(self) -> FileLawsuitDialog | None:
        if self.suit is None:
            return None
        dialog = FileLawsuitDialog(self.ctx, self.actor, self.suit, self)
        dialog.open()
        return dialog

    def record_outcome(self) -> None:
        if self.suit is None:
            return
        outcome = str(self.outcome.currentData())
        if not dialogs.confirm(self, _("Record outcome"), _("Record the outcome “{outcome}” of {number}?").format(
                outcome=LawsuitOutcome(outcome).label, number=self.suit.number), _("Record")):
            return
        sid, ctx, actor = self.suit.id, self.ctx, self.actor
        self._call(lambda: lawsuits.record_outcome(ctx.uow(actor), sid, outcome))

    def submit(self) -> None:
        cid = self.customer.customer_id
        if cid is None:
            self.problem.setText(_("Pick the customer first."))
            return
        reason = self.reason.text().strip()
        ctx, actor = self.ctx, self.actor
        self._call(lambda: writeoffs.submit_writeoff(ctx.uow(actor), cid, reason), lambda _i: self.reason.clear())

    def current(self) -> WriteOffRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)  # type: ignore[return-value]

    def decide(self, approve: bool) -> ReasonDialog | None:
        """Approve (asked to confirm), or refuse: a refusal asks why (the service needs it)."""
        w = self.current()
        if w is None:
            return None
        wid, ctx, actor = w.id, self.ctx, self.actor
        if not approve:
            dialog = ReasonDialog(ctx, actor, _("Refuse write-off"), _(
                "Why is the write-off {number} of {customer} refused? Finance reads this.").format(
                number=w.number, customer=w.customer_name), _("Ref&use"),
                lambda reason: writeoffs.decide_writeoff(ctx.uow(actor), wid, False, reason), self)
            dialog.open()
            return dialog
        if not dialogs.confirm(
                self, _("Approve write-off"),
                _("Write off {amount} of {customer} as bad debt ({number})? This cannot be undone.").format(
                    amount=money(w.amount), customer=w.customer_name, number=w.number), _("Approve"),
                destructive=True):
            return None
        self._call(lambda: writeoffs.decide_writeoff(ctx.uow(actor), wid, True))
        return None
