"""Distributors and rebates [经销商与返利]: the distributors with their agreements, the rebates
waiting for a step — proposed by the sales manager for a period that has ended, approved or
refused by the general manager (never their own), paid by finance as a credit note — and the
rebate statement. Every action is a button with a mnemonic; the services check the rights."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.collections.rebates import rate_text, status_label
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.records import FormKind, may_issue
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.collections import distributors, rebate_reads, rebates
from sales_desk.services.collections.distributors import DistributorRow
from sales_desk.services.collections.rebate_reads import AgreementRow, RebateRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    ReasonDialog,
    date_edit,
    date_of,
    day,
    fit_columns,
    money,
    rows_table,
)
from sales_desk.ui.tabs.collections.distributor_dialogs import (
    AgreementDialog,
    MarkDistributorDialog,
    StockReportDialog,
)
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.visibility import shown_if

DIST_HEADERS = (N_("Code"), N_("Distributor"), N_("Agreement"), N_("Signed on"), N_("Territory"),
                N_("Last stock report"))
AGREEMENT_HEADERS = (N_("Number"), N_("Distributor"), N_("Valid from"), N_("Valid to"), N_("Rates"), N_("Status"))
REBATE_HEADERS = (N_("Number"), N_("Distributor"), N_("Period from"), N_("Period to"), N_("Net shipped"),
                  N_("Rate"), N_("Rebate"), N_("Status"), N_("Credit note"))


class RebatesPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.dist_table, self.dist_model = rows_table("distributors", [_(h) for h in DIST_HEADERS], self._dist,
                                                       right=())
        fit_columns(self.dist_table, stretch=(1, 4))
        self.ag_table, self.ag_model = rows_table("rebate_agreements", [_(h) for h in AGREEMENT_HEADERS], self._ag)
        fit_columns(self.ag_table, stretch=(1, 4))
        self.rb_table, self.rb_model = rows_table("rebates", [_(h) for h in REBATE_HEADERS], self._rb,
                                                  right=(4, 5, 6))
        fit_columns(self.rb_table, stretch=(1,))
        self.rb_table.setObjectName("rebates_table")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.period = date_edit()
        self.propose_button = QPushButton(_("&Propose the period's rebate"))
        self.propose_button.clicked.connect(self.propose)
        self.approve_ag = QPushButton(_("App&rove agreement"))
        self.approve_ag.clicked.connect(lambda: self.decide_agreement(True))
        self.approve_button = QPushButton(_("&Approve"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.refuse_button = QPushButton(_("Ref&use"))
        self.refuse_button.clicked.connect(lambda: self.decide(False))
        self.pay_button = QPushButton(_("Pay as &credit note"))
        self.pay_button.clicked.connect(self.pay)
        self.mark_button = QPushButton(_("Mar&k a distributor…"))
        self.mark_button.clicked.connect(self.mark)
        self.stock_button = QPushButton(_("S&tock report…"))
        self.stock_button.clicked.connect(self.stock_report)
        self.agreement_button = QPushButton(_("&New agreement…"))
        self.agreement_button.clicked.connect(self.new_agreement)
        self.print_button = QPushButton(_("Print &statement…"))
        self.print_button.setToolTip(_("Ctrl+P"))
        self.print_button.clicked.connect(self.print_statement)
        shortcut(QKeySequence.StandardKey.Print, self, self.print_statement,
                 Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.documents = DocumentPrinter(ctx, actor, self)
        shown_if(self.mark_button, actor.can(Perm.DISTRIBUTOR_MANAGE))
        shown_if(self.agreement_button, actor.can(Perm.DISTRIBUTOR_MANAGE))
        shown_if(self.stock_button, actor.can(Perm.DISTRIBUTOR_STOCK))
        shown_if(self.print_button, may_issue(actor, FormKind.REBATE_STATEMENT))
        dist_buttons = QHBoxLayout()
        for w in (self.mark_button, self.stock_button):
            dist_buttons.addWidget(w)
        dist_buttons.addStretch(1)
        ag_buttons = QHBoxLayout()
        label = QLabel(_("Period c&ontaining:"))
        label.setBuddy(self.period)
        for w in (self.agreement_button, label, self.period, self.propose_button, self.approve_ag):
            ag_buttons.addWidget(w)
        ag_buttons.addStretch(1)
        rb_buttons = QHBoxLayout()
        for w in (self.approve_button, self.refuse_button, self.pay_button, self.print_button):
            rb_buttons.addWidget(w)
        rb_buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        for title, table, extra in ((_("Distributors"), self.dist_table, dist_buttons),
                                    (_("Rebate agreements"), self.ag_table, ag_buttons),
                                    (_("Rebates"), self.rb_table, rb_buttons)):
            box = QGroupBox(title)
            bl = QVBoxLayout(box)
            bl.addWidget(table, 1)
            if extra is not None:
                bl.addLayout(extra)
            split.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.problem)
        for t in (self.dist_table, self.ag_table, self.rb_table):
            t.selectionModel().selectionChanged.connect(lambda _s, _d: self._update_buttons())
        self.rb_model.modelReset.connect(self._update_buttons)
        self.ag_model.modelReset.connect(self._update_buttons)
        self.dist_model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _update_buttons(self) -> None:
        a, r, can = self._agreement(), self._rebate(), self.actor.can
        self.propose_button.setEnabled(can(Perm.DISTRIBUTOR_MANAGE) and a is not None and a.status == "approved")
        self.approve_ag.setEnabled(can(Perm.REBATE_APPROVE) and a is not None and a.status == "proposed")
        waiting = can(Perm.REBATE_APPROVE) and r is not None and r.status == "proposed"
        self.approve_button.setEnabled(waiting)
        self.refuse_button.setEnabled(waiting)
        self.pay_button.setEnabled(can(Perm.REBATE_PAY) and r is not None and r.status == "approved")
        d = self._distributor()
        self.stock_button.setEnabled(d is not None)
        self.agreement_button.setEnabled(d is not None)
        self.print_button.setEnabled(r is not None)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: distributors.distributors(ctx.uow(actor)), self.dist_model.set_rows, owner=self)
        ctx.runner.run(lambda: rebate_reads.agreements(ctx.uow(actor)), self.ag_model.set_rows, owner=self)
        ctx.runner.run(lambda: rebate_reads.rebates(ctx.uow(actor)), self.rb_model.set_rows, owner=self)

    def _dist(self, d: object, col: int) -> str:
        assert isinstance(d, DistributorRow)
        return (d.code, d.name, d.agreement_no, day(d.signed_on), d.territory,
                d.last_report.strftime("%Y-%m") if d.last_report else "")[col]

    def _ag(self, a: object, col: int) -> str:
        assert isinstance(a, AgreementRow)
        return (a.number, a.customer_name, day(a.valid_from), day(a.valid_to), a.tiers_text,
                status_label(a.status))[col]

    def _rb(self, r: object, col: int) -> str:
        assert isinstance(r, RebateRow)
        return (r.number, r.customer_name, day(r.period_start), day(r.period_end),
                money(r.shipped_amount - r.returned_amount), rate_text(r.rate_bp), money(r.amount),
                status_label(r.status), r.credit_note)[col]

    def _distributor(self) -> DistributorRow | None:
        row = self.dist_table.current_row()
        return None if row is None else self.dist_model.row_at(row)  # type: ignore[return-value]

    def _agreement(self) -> AgreementRow | None:
        row = self.ag_table.current_row()
        return None if row is None else self.ag_model.row_at(row)  # type: ignore[return-value]

    def _rebate(self) -> RebateRow | None:
        row = self.rb_table.current_row()
        return None if row is None else self.rb_model.row_at(row)  # type: ignore[return-value]

    def _call(self, fn, done=None) -> None:  # noqa: ANN001
        self.problem.clear()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, DomainError):
                self.problem.setText(str(exc))
                return True
            return False

        self.ctx.runner.run(fn, done, failed, writes=TOPIC, owner=self)

    def propose(self) -> None:
        a = self._agreement()
        if a is None:
            return
        aid, on, ctx, actor = a.id, date_of(self.period), self.ctx, self.actor
        self._call(lambda: rebates.propose_rebate(ctx.uow(actor), aid, on))

    def decide_agreement(self, approve: bool) -> None:
        a = self._agreement()
        if a is None:
            return
        aid, ctx, actor = a.id, self.ctx, self.actor
        self._call(lambda: rebates.decide_agreement(ctx.uow(actor), aid, approve))

    def decide(self, approve: bool) -> ReasonDialog | None:
        r = self._rebate()
        if r is None:
            return None
        rid, ctx, actor = r.id, self.ctx, self.actor
        if not approve:
            dialog = ReasonDialog(ctx, actor, _("Refuse rebate"), _("Why is the rebate {number} refused?").format(
                number=r.number), _("Ref&use"), lambda reason: rebates.decide_rebate(ctx.uow(actor), rid, False, reason),
                self)
            dialog.open()
            return dialog
        if dialogs.confirm(self, _("Approve rebate"), _("Approve the rebate {number} of {amount} for {customer}?").format(
                number=r.number, amount=money(r.amount), customer=r.customer_name), _("Approve")):
            self._call(lambda: rebates.decide_rebate(ctx.uow(actor), rid, True))
        return None

    def pay(self) -> None:
        r = self._rebate()
        if r is None:
            return
        rid, ctx, actor = r.id, self.ctx, self.actor
        if dialogs.confirm(self, _("Pay rebate"), _("Raise a credit note of {amount} for {customer}?").format(
                amount=money(r.amount), customer=r.customer_name), _("Pay")):
            self._call(lambda: rebates.pay_rebate(ctx.uow(actor), rid))

    def mark(self) -> MarkDistributorDialog:
        dialog = MarkDistributorDialog(self.ctx, self.actor, self)
        dialog.open()
        return dialog

    def stock_report(self) -> StockReportDialog | None:
        d = self._distributor()
        if d is None:
            return None
        last_month = clock.today().replace(day=1) - timedelta(days=1)
        dialog = StockReportDialog(self.ctx, self.actor, d, last_month.replace(day=1), self)
        dialog.open()
        return dialog

    def new_agreement(self) -> AgreementDialog | None:
        d = self._distributor()
        if d is None:
            return None
        dialog = AgreementDialog(self.ctx, self.actor, d, clock.today(), self)
        dialog.open()
        return dialog

    def print_statement(self) -> None:
        """Ctrl+P: the rebate statement [返利结算单] issued as a document of record and previewed."""
        r = self._rebate()
        if r is None:
            return
        from sales_desk.reports.records.rebates import issue_rebate_statement  # lazy: reportlab

        rid, lang = r.id, current_language()
        self.documents.issue_and_preview(lambda uow: issue_rebate_statement(uow(), rid, lang))
